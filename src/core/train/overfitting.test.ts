/** D's overfitting measure: a held-out slice D never trains on, and D's outputs on it. */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, trainingCount, type TrainConfig } from '../config';
import { RUN_FILE_PREAMBLE_BYTES, decodeRunFile, encodeRunFile } from '../runfile/runFile';
import { fakeRunSnapshot } from '../testing/fakeRunSnapshot';
import { imageDataset } from '../testing/fixtures';
import type { Dataset } from '../data/types';
import { Trainer } from './trainer';
import { selectBackend } from '../backend/backend';

beforeAll(async () => {
  // wasm: convolutions on the cpu backend take minutes on a shared machine.
  await selectBackend('wasm');
});

const made: Trainer[] = [];
afterEach(() => made.splice(0).forEach((t) => t.dispose()));

/** A dataset that records which examples D's batches read. */
function recording(ds: Dataset, seen: Set<number>): Dataset {
  return { ...ds, readBatch: (indices, out) => (Array.from(indices).forEach((i) => seen.add(i)), ds.readBatch(indices, out)) };
}

function trainer(overrides: Partial<TrainConfig>, ds: Dataset): Trainer {
  const t = new Trainer({ ...DEFAULT_CONFIG, model: 'resize28-small', loss: 'hinge', spectralNorm: 1, batchSize: 4, latentDim: 8, ...overrides }, ds);
  made.push(t);
  return t;
}

describe('the held-out slice', () => {
  it('holds out at most half the set', () => {
    expect(trainingCount(100, 10, 0)).toBe(90);
    expect(trainingCount(100, 80, 0)).toBe(50);
    expect(trainingCount(100, 0, 0)).toBe(100);
  });

  it('trainLimit keeps the training set to the first examples, never into the held-out slice', () => {
    expect(trainingCount(100, 10, 30)).toBe(30);
    expect(trainingCount(100, 10, 95)).toBe(90);
    expect(trainingCount(100, 0, 100)).toBe(100);
  });

  it('with trainLimit, D trains on the first examples only and the held-out slice stays the last ones', async () => {
    const seen = new Set<number>();
    const t = trainer({ holdout: 4, trainLimit: 3 }, recording(imageDataset([28, 28, 1], 12), seen));
    for (let i = 0; i < 6; i++) t.trainStep(); // 24 examples: 8 epochs of the 3 training ones
    await t.flushMetrics();
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2]);
    expect(t.epoch).toBeGreaterThanOrEqual(7);
    seen.clear();
    const m = await t.overfitting();
    // As many training reals as the training set has, as many held-out ones from the slice's start.
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 8, 9, 10]);
    for (const v of Object.values(m!)) expect(Number.isFinite(v)).toBe(true);
    const snap = await t.snapshot();
    expect(snap.order.length).toBe(3);
  }, 120_000);

  it('D never trains on it, over several epochs; the measure reads it', async () => {
    const seen = new Set<number>();
    const t = trainer({ holdout: 4 }, recording(imageDataset([28, 28, 1], 12), seen));
    for (let i = 0; i < 6; i++) t.trainStep(); // 24 examples: 3 epochs of the 8 training ones
    await t.flushMetrics();
    expect(t.epoch).toBeGreaterThanOrEqual(2);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const before = tf.memory().numTensors;
    const m = await t.overfitting();
    expect(tf.memory().numTensors).toBe(before);
    expect(seen.has(8) && seen.has(11)).toBe(true);
    for (const v of Object.values(m!)) expect(Number.isFinite(v)).toBe(true);
    // Hinge: D's raw outputs; r_t is a mean of signs.
    expect(Math.abs(m!.rt)).toBeLessThanOrEqual(1);
  }, 120_000);

  it('is off without a holdout', async () => {
    const t = trainer({}, imageDataset([28, 28, 1], 8));
    expect(await t.overfitting()).toBeNull();
  });

  it('a run with a held-out slice survives its run file', async () => {
    const t = new Trainer({ ...DEFAULT_CONFIG, dataset: 'ring8', holdout: 500, batchSize: 16 }, (await import('../testing/fixtures')).pointsDataset(10_000));
    made.push(t);
    t.trainStep();
    await t.flushMetrics();
    const snap = await t.snapshot();
    expect(snap.order.length).toBe(9500);
    const bytes = encodeRunFile({ snapshot: snap, savedAt: 'now' });
    if (!bytes.ok) throw new Error(bytes.message);
    const back = decodeRunFile(bytes.value);
    if (!back.ok) throw new Error(back.message);
    expect(back.value.snapshot.order.length).toBe(9500);
  });

  it('a run on a small training set keeps trainLimit in its run file; a run on the whole set writes no such field', () => {
    const header = (bytes: Uint8Array) => {
      const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
      return JSON.parse(new TextDecoder().decode(bytes.subarray(RUN_FILE_PREAMBLE_BYTES, RUN_FILE_PREAMBLE_BYTES + n))) as { config: Record<string, unknown> };
    };
    const whole = encodeRunFile({ snapshot: fakeRunSnapshot({ holdout: 500 }, 200, 9500), savedAt: 'now' });
    if (!whole.ok) throw new Error(whole.message);
    // Byte for byte what builds before trainLimit wrote, so they still open it.
    expect('trainLimit' in header(whole.value).config).toBe(false);
    const small = encodeRunFile({ snapshot: fakeRunSnapshot({ holdout: 500, trainLimit: 300 }, 200, 300), savedAt: 'now' });
    if (!small.ok) throw new Error(small.message);
    expect(header(small.value).config.trainLimit).toBe(300);
    const back = decodeRunFile(small.value);
    if (!back.ok) throw new Error(back.message);
    expect(back.value.snapshot.config.trainLimit).toBe(300);
    expect(back.value.snapshot.order.length).toBe(300);
    // An order over more examples than the run trains on is refused.
    const wrong = encodeRunFile({ snapshot: fakeRunSnapshot({ holdout: 500, trainLimit: 300 }, 200, 9500), savedAt: 'now' });
    if (!wrong.ok) throw new Error(wrong.message);
    const refused = decodeRunFile(wrong.value);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/data order/);
  });
});
