/** The store's part in the datasets window: previews, uploads and drawings (no worker: a fake send). */
import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../core/data/types';
import type { Command, WorkerEvent } from '../../worker/protocol';
import { createAppStore } from './appStore';

const mnist: DatasetInfo = {
  id: 'mnist',
  name: 'MNIST digits',
  kind: 'image',
  shape: [28, 28, 1],
  count: 10000,
  licence: 'CC BY-SA 3.0',
  credit: 'LeCun',
  description: '',
  recommended: {},
};

function setup() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c));
  return { store, sent, s: () => store.getState() };
}

const preview = (id: string): WorkerEvent => ({
  type: 'datasetPreview',
  id,
  info: { ...mnist, id },
  image: { width: 2, height: 1, pixels: new Uint8ClampedArray(8) },
});

describe('dataset previews', () => {
  it('asks once per dataset, keeps the answer, and asks again only when forced', () => {
    const { sent, s } = setup();
    s().previewDataset('mnist');
    s().previewDataset('mnist'); // still in flight
    expect(sent).toEqual([{ type: 'previewDataset', id: 'mnist' }]);
    s().handleEvent(preview('mnist'));
    expect(s().previews.mnist.image?.width).toBe(2);
    s().previewDataset('mnist');
    expect(sent).toHaveLength(1);
    s().previewDataset('mnist', true);
    expect(sent).toHaveLength(2);
  });
  it('a failed preview may be asked for again; an error from another command leaves the asks alone', () => {
    const { sent, s } = setup();
    s().previewDataset('mnist');
    s().handleEvent({ type: 'error', code: 'dataset-failed', source: 'reset', message: 'Could not load dataset mnist: 404' });
    s().previewDataset('mnist'); // still in flight: a reset's failure says nothing about the preview
    expect(sent).toHaveLength(1);
    s().handleEvent({ type: 'error', code: 'dataset-failed', source: 'previewDataset', message: 'Could not load dataset mnist: 404' });
    s().previewDataset('mnist');
    expect(sent).toEqual([
      { type: 'previewDataset', id: 'mnist' },
      { type: 'previewDataset', id: 'mnist' },
    ]);
  });
  it('keeps the previews object stable when an unrelated event arrives', () => {
    const { s } = setup();
    s().handleEvent(preview('mnist'));
    const before = s().previews;
    s().handleEvent({ type: 'state', running: true, step: 3, epoch: 0 });
    expect(s().previews).toBe(before);
  });
});

describe('image uploads', () => {
  it('posts the File objects untouched and follows the worker’s progress to the result', () => {
    const { sent, s } = setup();
    const files = [new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' })];
    s().uploadImages(files, 'rgb32', true);
    expect(sent).toEqual([{ type: 'uploadImages', files, target: 'rgb32', invert: true }]);
    expect(s().upload.busy).toBe(true);
    s().handleEvent({ type: 'progress', stage: 'upload', message: 'Decoded 1 of 2 files…', fraction: 0.5 });
    expect(s().upload).toMatchObject({ busy: true, fraction: 0.5, message: 'Decoded 1 of 2 files…' });
    expect(s().progress).toBeNull(); // upload progress is not the run's progress
    s().handleEvent(preview('upload'));
    s().handleEvent({
      type: 'uploadResult',
      dataset: { ...mnist, id: 'upload' },
      accepted: 1,
      skipped: [{ name: 'b.txt', reason: 'not an image' }],
      capped: 0,
    });
    expect(s().upload.busy).toBe(false);
    expect(s().upload.result).toMatchObject({ accepted: 1, capped: 0, skipped: [{ name: 'b.txt', reason: 'not an image' }] });
    // The old upload's preview is stale now.
    expect(s().previews.upload).toBeUndefined();
  });
  it('an internal failure of the upload ends the busy state too; other errors do not', () => {
    const { s } = setup();
    s().uploadImages([], 'grey28', false);
    s().handleEvent({ type: 'error', code: 'internal', source: 'previewDataset', message: 'boom' });
    expect(s().upload.busy).toBe(true);
    s().handleEvent({ type: 'error', code: 'internal', source: 'uploadImages', message: 'out of memory' });
    expect(s().upload.busy).toBe(false);
  });
  it('a rejected upload (nothing usable) ends the busy state', () => {
    const { s } = setup();
    s().uploadImages([], 'grey28', false);
    s().handleEvent({ type: 'error', code: 'bad-upload', source: 'uploadImages', message: 'No files were given.' });
    expect(s().upload.busy).toBe(false);
    expect(s().errors.at(-1)?.code).toBe('bad-upload');
  });
});

describe('drawings', () => {
  it('sends the points to the worker', () => {
    const { sent, s } = setup();
    const points = new Float32Array([0, 0, 0.5, 0.5]);
    s().useDrawnPoints(points);
    expect(sent).toEqual([{ type: 'useDrawnPoints', points }]);
  });
});
