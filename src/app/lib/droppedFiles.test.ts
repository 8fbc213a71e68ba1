import { describe, expect, it } from 'vitest';
import { collectDroppedFiles, pathOfFile } from './droppedFiles';

/** A stand-in for the File System entries of a drop: folders hold entries, files hold a File. */
type Tree = { [name: string]: Tree | string };

function entryOf(name: string, node: Tree | string): unknown {
  if (typeof node === 'string') {
    const file = new File([node], name);
    return { isFile: true, isDirectory: false, name, file: (ok: (f: File) => void) => ok(file) };
  }
  const children = Object.entries(node).map(([n, c]) => entryOf(n, c));
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader() {
      let given = false;
      // Folders are read in batches until an empty one, as the real API does.
      return { readEntries: (ok: (e: unknown[]) => void) => ok(given ? [] : ((given = true), children)) };
    },
  };
}

function drop(items: Tree): DataTransfer {
  const list = Object.entries(items).map(([name, node]) => ({ kind: 'file', webkitGetAsEntry: () => entryOf(name, node) }));
  return { items: list, files: [] } as unknown as DataTransfer;
}

describe('collectDroppedFiles', () => {
  it('gives each file its path from the dropped item, so class folders survive', async () => {
    const out = await collectDroppedFiles(drop({ pets: { cats: { 'a.png': 'a', 'b.png': 'b' }, dogs: { 'c.png': 'c' }, 'x.png': 'x' } }));
    expect(out.paths).toEqual(['pets/cats/a.png', 'pets/cats/b.png', 'pets/dogs/c.png', 'pets/x.png']);
    expect(out.files.map((f) => f.name)).toEqual(['a.png', 'b.png', 'c.png', 'x.png']);
    expect(out.truncated).toBe(false);
  });

  it('two dropped folders are two top-level paths; the cap truncates files and paths together', async () => {
    const out = await collectDroppedFiles(drop({ cats: { 'a.png': 'a', 'b.png': 'b' }, dogs: { 'c.png': 'c' } }), 2);
    expect(out.paths).toEqual(['cats/a.png', 'cats/b.png']);
    expect(out.files).toHaveLength(2);
    expect(out.truncated).toBe(true);
  });

  it('without entries, plain files give their names (or a folder input’s relative path)', async () => {
    const files = [new File(['a'], 'a.png'), new File(['b'], 'b.png')];
    Object.defineProperty(files[1], 'webkitRelativePath', { value: 'pets/dogs/b.png' });
    const out = await collectDroppedFiles({ items: [], files } as unknown as DataTransfer);
    expect(out.paths).toEqual(['a.png', 'pets/dogs/b.png']);
    expect(pathOfFile(files[0])).toBe('a.png');
  });
});
