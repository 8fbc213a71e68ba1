import { describe, expect, it } from 'vitest';
import { keptClasses, labelUploads, MAX_UPLOAD_CLASSES } from './uploadClasses';

const classesOf = (paths: string[]) => {
  const { classNames, places } = labelUploads(paths);
  return places.map((p) => (p.kind === 'class' ? classNames[p.classIndex] : p.kind));
};

describe('labelUploads: class folders from relative paths', () => {
  it('a chosen folder of subfolders (webkitRelativePath): one class per subfolder, ids in name order', () => {
    const paths = ['animals/owls/1.png', 'animals/cats/a.png', 'animals/dogs/x.jpg', 'animals/cats/b.png'];
    const { classNames, places } = labelUploads(paths);
    expect(classNames).toEqual(['cats', 'dogs', 'owls']);
    expect(places).toEqual([
      { kind: 'class', classIndex: 2 },
      { kind: 'class', classIndex: 0 },
      { kind: 'class', classIndex: 1 },
      { kind: 'class', classIndex: 0 },
    ]);
  });

  it('the same files in another order get the same ids', () => {
    const a = ['top/b/1.png', 'top/a/2.png', 'top/c/3.png'];
    const b = [a[2], a[0], a[1]];
    expect(labelUploads(a).classNames).toEqual(labelUploads(b).classNames);
    expect(classesOf(b)).toEqual(['c', 'b', 'a']);
  });

  it('dropped folders (entry paths, no shared top folder, a leading slash) are the classes themselves', () => {
    expect(classesOf(['/cats/a.png', '/dogs/b.png', 'dogs/c.png'])).toEqual(['cats', 'dogs', 'dogs']);
  });

  it('deeper folders belong to their top subfolder’s class; back slashes count as separators', () => {
    expect(classesOf(['set/cats/indoor/a.png', 'set\\cats\\b.png', 'set/dogs/park/old/c.png'])).toEqual(['cats', 'cats', 'dogs']);
  });

  it('code-unit order, not the locale’s: "B" before "a", "10" before "9"', () => {
    expect(labelUploads(['x/a/1.png', 'x/B/1.png', 'x/9/1.png', 'x/10/1.png']).classNames).toEqual(['10', '9', 'B', 'a']);
  });

  it('images directly beside the class folders are "loose" (skipped by the upload)', () => {
    expect(classesOf(['pets/cats/a.png', 'pets/readme.png', 'pets/dogs/b.png'])).toEqual(['cats', 'loose', 'dogs']);
  });

  it('no labels: plain file names, one folder of images, or a single class folder beside loose images', () => {
    const flat = (paths: string[]) => {
      const out = labelUploads(paths);
      expect(out.classNames).toEqual([]);
      expect(out.places.every((p) => p.kind === 'flat')).toBe(true);
    };
    flat(['a.png', 'b.png']);
    flat(['digits/a.png', 'digits/b.png']);
    flat(['pets/cats/a.png', 'pets/cats/b.png']);
    flat(['pets/cats/a.png', 'pets/x.png']);
    flat([]);
  });

  it(`caps the classes at ${MAX_UPLOAD_CLASSES}: the first folders in name order; later folders' images are "overCap"`, () => {
    const names = Array.from({ length: 23 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const paths = names.map((n) => `set/${n}/img.png`);
    const { classNames, places } = labelUploads(paths);
    expect(classNames).toEqual(names.slice(0, 20));
    expect(places.slice(0, 20).every((p, i) => p.kind === 'class' && p.classIndex === i)).toBe(true);
    expect(places.slice(20)).toEqual([
      { kind: 'overCap', folder: 'c20' },
      { kind: 'overCap', folder: 'c21' },
      { kind: 'overCap', folder: 'c22' },
    ]);
    expect(labelUploads(paths, 3).classNames).toEqual(['c00', 'c01', 'c02']);
  });
});

describe('keptClasses: classes that kept an image', () => {
  it('drops a class with no image and renumbers the rest in order', () => {
    const out = keptClasses(['cats', 'dogs', 'owls'], [2, 0, 2, 0]);
    expect(out?.classNames).toEqual(['cats', 'owls']);
    expect(Array.from(out!.labels)).toEqual([1, 0, 1, 0]);
  });

  it('fewer than two classes left: no labels', () => {
    expect(keptClasses(['cats', 'dogs'], [1, 1, 1])).toBeNull();
  });
});
