import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointsDataset } from '../core/testing/fixtures';
import { gifFrames } from '../core/testing/gifFrames';
import { readStoredZip } from '../core/export/zipStore';
import type { DatasetSource } from '../core/data/types';
import { cpuSession } from './testing/cpuSession';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const base = pointsDataset(256);
const source: DatasetSource = { info: { ...base.info, id: 'pts', recommended: { model: 'mlp2d', batchSize: 16, latentDim: 4 } }, load: async () => base };

const harness = () => cpuSession([source]);

describe('export commands (worker side)', () => {
  it('exportModel answers with progress and one zip holding model.json and weights.bin', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    await h.session.handle({ type: 'step', count: 3 });
    await h.session.handle({ type: 'exportModel' });
    const file = h.of('exportFile')[0];
    expect(file).toMatchObject({ kind: 'model', step: 3, mime: 'application/zip' });
    const names = readStoredZip(file.bytes).map((e) => e.name);
    expect(names).toEqual(['generator/model.json', 'generator/weights.bin', 'generator/README.txt']);
    expect(h.of('exportProgress').some((p) => p.kind === 'model')).toBe(true);
    expect(h.of('error')).toEqual([]);
  });

  it('encodeTimelapse answers with a GIF of one frame per picture; bad frames get a clear error', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    const pic = (shade: number) => ({ width: 4, height: 3, pixels: new Uint8ClampedArray(48).fill(shade) });
    await h.session.handle({ type: 'encodeTimelapse', frames: [pic(10), pic(90), pic(200)], scale: 2 });
    const gif = gifFrames(h.of('exportFile')[0].bytes);
    expect(gif.frames).toHaveLength(3);
    expect([gif.width, gif.height]).toEqual([8, 6]);
    await h.session.handle({ type: 'encodeTimelapse', frames: [pic(1), { width: 5, height: 3, pixels: new Uint8ClampedArray(60) }], scale: 2 });
    expect(h.of('error').at(-1)).toMatchObject({ code: 'export-failed', message: expect.stringMatching(/picture 2 is 5×3/) });
    await h.session.handle({ type: 'encodeTimelapse', frames: [], scale: 2 });
    expect(h.of('error').at(-1)).toMatchObject({ code: 'bad-message' });
  });
});
