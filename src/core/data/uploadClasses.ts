/**
 * Class labels for uploaded images, from where the files sit: a folder of subfolders gives one
 * class per subfolder (docs/conditional.md, "Your own classes"). A pure function of the relative
 * paths (a folder input's `webkitRelativePath`, a drop's entry paths), so the rules are tested in
 * Node and the same files always get the same classes.
 *
 * The rules:
 * - The folders every file shares (the chosen folder itself, "animals/") are not classes; the
 *   first folder below them is the file's class ("animals/cats/a.png" and
 *   "animals/cats/indoor/b.png" are both "cats").
 * - Class ids follow the folder names in code-unit order (not the locale's, so a set gets the same
 *   ids in every browser and language).
 * - At least two class folders make a labelled set. With fewer (single files, one folder of
 *   images) the set has no labels, and every file is kept.
 * - In a labelled set, an image directly in the shared top folder, beside the class folders, has
 *   no class: it is skipped with a reason rather than trained on unlabelled.
 * - At most `MAX_UPLOAD_CLASSES` classes: the first 20 folders in name order; images in later
 *   folders are skipped with a reason naming their folder.
 */

/** The most classes an upload can have (the grid names 8 rows; Generate class lists them all). */
export const MAX_UPLOAD_CLASSES = 20;

/** Where one file lands. */
export type UploadPlace =
  /** In a class folder: its class id. */
  | { kind: 'class'; classIndex: number }
  /** The set has no labels (no folders, or one): kept, unlabelled. */
  | { kind: 'flat' }
  /** Directly in the top folder of a labelled set, outside every class folder: skipped. */
  | { kind: 'loose' }
  /** In class folder `folder`, past the class cap: skipped. */
  | { kind: 'overCap'; folder: string };

export interface UploadLabelling {
  /** The classes' names (their folders), in id order; empty when the set has no labels. */
  classNames: string[];
  /** One per path, in the same order. */
  places: UploadPlace[];
}

/** A path's folders, without empty parts, "." or a leading slash; back slashes count as separators. */
function foldersOf(path: string): string[] {
  const parts = path.split(/[/\\]/).filter((p) => p !== '' && p !== '.');
  return parts.slice(0, -1);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function labelUploads(paths: readonly string[], maxClasses = MAX_UPLOAD_CLASSES): UploadLabelling {
  const folders = paths.map(foldersOf);
  // The folders every file shares: the chosen (or dropped) folder, which is not a class.
  let shared = folders.length ? folders[0].length : 0;
  for (const f of folders) {
    let k = 0;
    while (k < shared && k < f.length && f[k] === folders[0][k]) k++;
    shared = k;
  }
  const classOf = folders.map((f) => (f.length > shared ? f[shared] : null));
  const names = [...new Set(classOf.filter((c): c is string => c !== null))].sort(byCodeUnits);
  if (names.length < 2) return { classNames: [], places: paths.map(() => ({ kind: 'flat' })) };
  const kept = names.slice(0, maxClasses);
  const id = new Map(kept.map((name, i) => [name, i]));
  const places = classOf.map((c): UploadPlace => {
    if (c === null) return { kind: 'loose' };
    const i = id.get(c);
    return i === undefined ? { kind: 'overCap', folder: c } : { kind: 'class', classIndex: i };
  });
  return { classNames: kept, places };
}

/**
 * The classes that kept at least one image, renumbered in the same order (a folder of only
 * non-images is no class); `labels[i]` is kept image i's class. Fewer than two classes left: no labels.
 */
export function keptClasses(classNames: readonly string[], labels: readonly number[]): { classNames: string[]; labels: Uint8Array } | null {
  const used = classNames.map((_, k) => labels.includes(k));
  const renumber: number[] = [];
  let next = 0;
  used.forEach((u, k) => (renumber[k] = u ? next++ : -1));
  if (next < 2) return null;
  return { classNames: classNames.filter((_, k) => used[k]), labels: Uint8Array.from(labels, (k) => renumber[k]) };
}
