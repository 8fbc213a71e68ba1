/** D's overfitting measure: a held-out slice D never trains on, and D's outputs on it. */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, trainingCount, type TrainConfig } from '../config';
import { decodeRunFile, encodeRunFile } from '../runfile/runFile';
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
    expect(trainingCount(100, 10)).toBe(90);
    expect(trainingCount(100, 80)).toBe(50);
    expect(trainingCount(100, 0)).toBe(100);
  });

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
});
