/**
 * Uploads in class folders, through the worker session in Node (docs/conditional.md, "Your own
 * classes"): the labels and class names reach the dataset, a conditional run trains on them with
 * its grid's rows named, a twin keeps them, and a set without folders refuses `conditional` with
 * the worded reason while the run goes on. Run files do not hold uploads (labelled or not).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diracSource } from '../core/data/dirac';
import { decodePng, fakeFile, pngBytes } from './testing/fakeFiles';
import { cpuSession } from './testing/cpuSession';
import { buildUploadSource } from './imageUploads';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const harness = () => cpuSession([diracSource], { decodeImage: decodePng });

/** `n` images in each of the folders, under the chosen folder "pets", as a folder input gives them. */
function classFolders(folders: string[], n: number) {
  const files = folders.flatMap((_, k) => Array.from({ length: n }, (_, i) => fakeFile(`${i}.png`, pngBytes(12, 12, 40 + 60 * k))));
  const paths = folders.flatMap((f) => Array.from({ length: n }, (_, i) => `pets/${f}/${i}.png`));
  return { files, paths };
}

describe('buildUploadSource with paths', () => {
  it('class folders give labels and class names; loose images and folders past the cap are skipped unread', async () => {
    const { files, paths } = classFolders(['owls', 'cats', 'dogs'], 2);
    files.push(fakeFile('stray.png', pngBytes(8, 8)));
    paths.push('pets/stray.png');
    let read = 0;
    const counted = files.map((f) => ({ ...f, arrayBuffer: () => (read++, f.arrayBuffer()) }));
    const out = await buildUploadSource(counted, 'grey28', decodePng, { paths });
    expect(read).toBe(6);
    expect(out.accepted).toBe(6);
    expect(out.skipped).toEqual([{ name: 'pets/stray.png', reason: expect.stringMatching(/^not in a class folder/), key: 'skip.noClass', values: {} }]);
    const ds = await out.source!.load({ seed: 1, readAsset: async () => new ArrayBuffer(0) });
    expect(ds.info.classNames).toEqual(['cats', 'dogs', 'owls']);
    expect(Array.from(ds.labels!)).toEqual([2, 2, 0, 0, 1, 1]);
    expect(ds.info.description).toBe('6 of your images in 3 classes (cats, dogs, owls), centre-cropped and resized to 28×28×1.');
  });

  it('21 class folders: the 21st folder’s images are skipped with the cap as the reason', async () => {
    const folders = Array.from({ length: 21 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const { files, paths } = classFolders(folders, 1);
    const out = await buildUploadSource(files, 'grey28', decodePng, { paths });
    expect(out.accepted).toBe(20);
    expect(out.skipped).toEqual([
      {
        name: 'pets/k20/0.png',
        reason: 'in folder "k20", past the 20-class limit (the first 20 folders in name order are the classes)',
        key: 'skip.overClassCap',
        values: { folder: 'k20', max: 20 },
      },
    ]);
    expect(out.source!.info.classNames).toHaveLength(20);
  });

  it('a class folder with no usable image is no class; without paths a set has no labels', async () => {
    const { files, paths } = classFolders(['a', 'b', 'c'], 1);
    files[1] = fakeFile('0.png', new TextEncoder().encode('not a picture'));
    const out = await buildUploadSource(files, 'grey28', decodePng, { paths });
    const ds = await out.source!.load({ seed: 1, readAsset: async () => new ArrayBuffer(0) });
    expect(ds.info.classNames).toEqual(['a', 'c']);
    expect(Array.from(ds.labels!)).toEqual([0, 1]);
    const plain = await buildUploadSource(files, 'grey28', decodePng);
    expect(plain.source!.info.classNames).toBeUndefined();
    expect((await plain.source!.load({ seed: 1, readAsset: async () => new ArrayBuffer(0) })).labels).toBeUndefined();
  });
});

describe('a conditional run on uploaded class folders (worker session)', () => {
  it('trains with the folders as classes, names the grid rows, keeps them in a twin; a run file is refused as for any upload', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'dirac' }, backend: 'cpu' });
    const { files, paths } = classFolders(['cats', 'dogs', 'owls'], 3);
    await h.session.handle({ type: 'uploadImages', target: 'grey28', files, paths });
    expect(h.last('uploadResult')).toMatchObject({ accepted: 9, skipped: [], dataset: { id: 'upload', classNames: ['cats', 'dogs', 'owls'] } });

    await h.session.handle({ type: 'reset', config: { dataset: 'upload', batchSize: 3, latentDim: 8, conditional: true } });
    const ready = h.last('ready')!;
    expect(ready.config.conditional).toBe(true);
    expect(ready.dataset.classNames).toEqual(['cats', 'dogs', 'owls']);
    // Row r shows class r mod 3: cats, dogs, owls, cats, …
    expect(ready.sampleClasses?.filter((_, i) => i % 8 === 0)).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    expect(ready.model.classes).toBe(3);
    await h.session.handle({ type: 'step', count: 3 });
    expect(h.last('state')?.step).toBe(3);

    // B is forked from A: the same dataset (labels and names) and a conditional copy of its networks.
    await h.session.handle({ type: 'twin', action: 'start' });
    expect(h.last('forked')).toMatchObject({ run: 'B', step: 3 });
    const before = h.events.length;
    await h.session.handle({ type: 'step', count: 2 });
    const bStates = h.events.slice(before).filter((e) => e.type === 'state' && e.run === 'B');
    expect(bStates.at(-1)).toMatchObject({ step: 5 });
    expect(h.of('error')).toEqual([]);
    await h.session.handle({ type: 'twin', action: 'keepA' });

    await h.session.handle({ type: 'saveRun' });
    expect(h.last('error')?.message).toMatch(/Runs on uploaded images cannot be saved/);
  });

  it('a set without class folders refuses conditional with the subfolder advice; the run goes on', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'dirac' }, backend: 'cpu' });
    const files = [fakeFile('a.png', pngBytes(9, 9)), fakeFile('b.png', pngBytes(9, 9, 90))];
    await h.session.handle({ type: 'uploadImages', target: 'grey28', files, paths: ['digits/a.png', 'digits/b.png'] });
    expect(h.last('uploadResult')?.dataset?.classNames).toBeUndefined();
    await h.session.handle({ type: 'reset', config: { dataset: 'upload', batchSize: 2 } });
    await h.session.handle({ type: 'step', count: 2 });
    await h.session.handle({ type: 'reset', config: { dataset: 'upload', conditional: true } });
    const err = h.last('error')!;
    expect(err.code).toBe('bad-config');
    expect(err.message).toMatch(/this set has no labels: put each class’s images in its own subfolder/);
    expect(h.last('ready')?.config.conditional).toBe(false);
    await h.session.handle({ type: 'step', count: 1 });
    expect(h.last('state')?.step).toBe(3);
  });

  it('paths must be one string per file', async () => {
    const h = harness();
    await h.session.handle({ type: 'uploadImages', target: 'grey28', files: [fakeFile('a.png', pngBytes(4, 4))], paths: ['a/a.png', 'b/b.png'] });
    expect(h.last('error')).toMatchObject({ code: 'bad-message', source: 'uploadImages', message: expect.stringMatching(/"paths" must be one path/) });
    expect(h.of('uploadResult')).toEqual([]);
  });
});
