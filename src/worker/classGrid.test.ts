/**
 * "Generate class" on the worker side (docs/conditional.md): the `classGrid` command redraws a
 * conditional run's grid with every fixed noise vector drawn as one class (pooled BatchNorm
 * statistics), the live refreshes keep drawing it, the run's history keeps the mixed grids, and
 * `ready` names the grid's classes. In Node on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageDataset } from '../core/testing/fixtures';
import { DEFAULT_CONFIG } from '../core/config';
import { samplesFrom } from '../core/models/inferenceProbes';
import { Trainer } from '../core/train/trainer';
import type { DatasetSource } from '../core/data/types';
import type { WorkerEvent } from './protocol';
import { RunHistory } from './runHistory';
import { cpuSession } from './testing/cpuSession';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const images = imageDataset([28, 28, 1], 64);
const plainSource: DatasetSource = {
  info: { ...images.info, id: 'imgs', recommended: { model: 'dcgan28-small', batchSize: 16, latentDim: 16 } },
  load: async () => ({ ...images, info: plainSource.info }),
};
const labels = Uint8Array.from({ length: 64 }, (_, i) => i % 3);
const labelledSource: DatasetSource = {
  info: { ...plainSource.info, id: 'labelled', classNames: ['a', 'b', 'c'] },
  load: async () => ({ ...images, info: labelledSource.info, labels }),
};

const harness = () => cpuSession([plainSource, labelledSource]);

const meanDiff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / a.length;

describe('classGrid (Generate class)', () => {
  it('ready names the grid classes; a class grid is live, tagged, reproducible and differs by class; null goes back', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    expect(h.of('ready')[0].sampleClasses).toEqual(Array.from({ length: 64 }, (_, i) => Math.floor(i / 8) % 3));
    await h.session.handle({ type: 'requestSamples' });
    const mixed = h.of('samples').at(-1)!;
    expect(mixed.classIndex).toBeUndefined();

    const before = tf.memory().numTensors;
    await h.session.handle({ type: 'classGrid', classIndex: 1 });
    await h.session.handle({ type: 'classGrid', classIndex: 1 });
    await h.session.handle({ type: 'classGrid', classIndex: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(h.of('error')).toEqual([]);
    const [one, again, two] = h.of('samples').slice(-3);
    expect([one.classIndex, again.classIndex, two.classIndex]).toEqual([1, 1, 2]);
    expect(one.live && two.live).toBe(true);
    expect([one.width, one.height]).toEqual([mixed.width, mixed.height]);
    expect(again.pixels).toEqual(one.pixels);
    expect(meanDiff(one.pixels, two.pixels)).toBeGreaterThan(0);
    expect(meanDiff(one.pixels, mixed.pixels)).toBeGreaterThan(0);

    await h.session.handle({ type: 'classGrid', classIndex: null });
    const back = h.of('samples').at(-1)!;
    expect(back.classIndex).toBeUndefined();
    expect(back.live).toBe(true);
    expect(back.pixels).toEqual(mixed.pixels);
  });

  it('stays in force while training: each grid after a step is the mixed grid, then the class grid; the history keeps the mixed one', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    await h.session.handle({ type: 'classGrid', classIndex: 2 });
    const n = h.of('samples').length;
    await h.session.handle({ type: 'step', count: 1 });
    const after = h.of('samples').slice(n);
    expect(after.map((e) => e.classIndex)).toEqual([undefined, 2]);
    expect(after.every((e) => e.step === 1)).toBe(true);
    // The run's history (run files, autosaves) keeps the mixed grid only.
    const history = new RunHistory();
    for (const ev of h.events) history.observe(ev);
    expect(history.data().samples.map((f) => f.step)).toEqual([1]);
    expect(history.data().samples[0].pixels).toEqual(after[0].pixels);
    // A new run forgets the class: its grids are mixed again.
    await h.session.handle({ type: 'reset' });
    const m = h.of('samples').length;
    await h.session.handle({ type: 'step', count: 1 });
    expect(
      h
        .of('samples')
        .slice(m)
        .map((e) => e.classIndex),
    ).toEqual([undefined]);
  });

  it("a twin's fork keeps the chosen class: both runs draw it", async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    await h.session.handle({ type: 'classGrid', classIndex: 1 });
    const n = h.events.length;
    await h.session.handle({ type: 'twin', action: 'start' });
    expect(h.of('error')).toEqual([]);
    const after = h.events.slice(n).filter((e): e is Extract<WorkerEvent, { type: 'samples' }> => e.type === 'samples' && e.classIndex === 1);
    expect(new Set(after.map((e) => e.run ?? 'A'))).toEqual(new Set(['A', 'B']));
  });

  it('refuses an unconditional run, a class out of range and a malformed class, and the run goes on', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    await h.session.handle({ type: 'classGrid', classIndex: 3 });
    await h.session.handle({ type: 'classGrid', classIndex: -1 });
    await h.session.handle({ type: 'classGrid', classIndex: 'b' });
    await h.session.handle({ type: 'classGrid', classIndex: NaN });
    await h.session.handle({ type: 'classGrid', classIndex: 2.5 });
    const plain = harness();
    await plain.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    expect(plain.of('ready')[0].sampleClasses).toBeUndefined();
    await plain.session.handle({ type: 'classGrid', classIndex: 0 });
    const errors = [...h.of('error'), ...plain.of('error')];
    expect(errors.map((e) => e.source)).toEqual(Array(6).fill('classGrid'));
    expect(errors[0].message).toBe('classGrid: class 3 is out of range: this run has classes 0–2');
    // Worded for the page (worker.classOutOfRange in the catalogues).
    expect([errors[0].key, errors[0].values]).toEqual(['classOutOfRange', { classIndex: 3, last: 2 }]);
    for (const e of errors.slice(1, 5)) expect(e.message).toMatch(/must be a class number or null/);
    expect(errors[5].message).toMatch(/not conditional/);
    expect(h.of('samples').some((e) => e.classIndex !== undefined)).toBe(false);
    await h.session.handle({ type: 'step', count: 1 });
    expect(h.of('state').at(-1)?.step).toBe(1);
  });

  it('draws one class with the pooled BatchNorm statistics, not the one-class batch moments', async () => {
    const dataset = await labelledSource.load({ readAsset: async () => new ArrayBuffer(0) } as never);
    const t = new Trainer({ ...DEFAULT_CONFIG, model: 'dcgan28-small', batchSize: 16, latentDim: 16, seed: 3, conditional: true }, dataset);
    try {
      const pooled = await t.fixedSamplesOfClass(1);
      const labelsOne = tf.tensor2d(Array.from({ length: 64 }, () => [0, 1, 0]));
      const ownMoments = await samplesFrom(t.sampler, t.gridNoise, labelsOne);
      labelsOne.dispose();
      expect(pooled).toHaveLength(64 * 28 * 28);
      // With the batch's own moments the class term is subtracted away; the pooled statistics keep it.
      const diff = pooled.reduce((s, x, i) => s + Math.abs(x - ownMoments[i]), 0) / pooled.length;
      expect(diff).toBeGreaterThan(1e-4);
      await expect(t.fixedSamplesOfClass(3)).rejects.toThrow(/out of range/);
    } finally {
      t.dispose();
    }
  });
});
