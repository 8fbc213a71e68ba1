/**
 * The files in a drop: plain files, and the files inside dropped folders (walked with the
 * File System entries API), each with its path from the dropped item ("animals/cats/a.png"), which
 * labels a folder of class folders (core/data/uploadClasses.ts). Only names and File handles are
 * gathered here; no bytes are read.
 */

/** Files gathered from one drop at most (the worker keeps at most 5,000 images anyway). */
export const MAX_DROPPED_FILES = 50_000;

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (f: File) => void, fail: (e: Error) => void): void;
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: Error) => void): void };
}

/** A chosen file's path: a folder input's `webkitRelativePath` ("animals/cats/a.png"), else its name. */
export const pathOfFile = (f: File): string => f.webkitRelativePath || f.name;

export interface DroppedFiles {
  files: File[];
  /** One per file: its path from the dropped item. */
  paths: string[];
  truncated: boolean;
}

export async function collectDroppedFiles(dt: Pick<DataTransfer, 'items' | 'files'>, max = MAX_DROPPED_FILES): Promise<DroppedFiles> {
  // Entries must be taken synchronously, before the drop event returns.
  const entries: Entry[] = [];
  const items = dt.items ? Array.from(dt.items) : [];
  for (const item of items) {
    const entry = item.kind === 'file' && typeof item.webkitGetAsEntry === 'function' ? (item.webkitGetAsEntry() as Entry | null) : null;
    if (entry) entries.push(entry);
  }
  const plain = Array.from(dt.files ?? []);
  if (entries.length === 0) {
    const files = plain.slice(0, max);
    return { files, paths: files.map(pathOfFile), truncated: plain.length > max };
  }

  const files: File[] = [];
  const paths: string[] = [];
  let truncated = false;
  const walk = async (entry: Entry, folder: string): Promise<void> => {
    if (files.length >= max) {
      truncated = true;
      return;
    }
    if (entry.isFile && entry.file) {
      files.push(await new Promise<File>((ok, fail) => entry.file!(ok, fail)));
      paths.push(folder + entry.name);
    } else if (entry.isDirectory && entry.createReader) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${folder}${entry.name}/`);
        if (files.length >= max) {
          truncated = true;
          break;
        }
      }
    }
  };
  for (const entry of entries) await walk(entry, '');
  return { files, paths, truncated };
}
