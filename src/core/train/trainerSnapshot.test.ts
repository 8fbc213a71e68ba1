import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import type { StepMetrics } from '../metrics/stepMetrics';
import { imageDataset, pointsDataset } from '../testing/fixtures';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const made: Trainer[] = [];
function trainer(overrides: Partial<TrainConfig>, dataset = pointsDataset()): Trainer {
  const t = new Trainer({ ...DEFAULT_CONFIG, batchSize: 32, ...overrides }, dataset);
  made.push(t);
  return t;
}
afterEach(() => made.splice(0).forEach((t) => t.dispose()));

async function runTo(t: Trainer, step: number): Promise<StepMetrics[]> {
  const rows: StepMetrics[] = [];
  while (t.step < step) {
    t.trainStep();
    if (t.pendingCount >= 50) rows.push(...(await t.flushMetrics()));
  }
  rows.push(...(await t.flushMetrics()));
  return rows;
}

function expectSameRows(a: StepMetrics[], b: StepMetrics[]): void {
  expect(b.map((r) => r.step)).toEqual(a.map((r) => r.step));
  a.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const w = b[i][k as keyof StepMetrics];
      if (Math.abs(w - v) > 1e-6) throw new Error(`step ${row.step}: ${k} is ${w} after restore, ${v} uninterrupted`);
    }
  });
}

describe('Trainer snapshots', () => {
  it('a restored trainer continues with the same metrics at every step (SN, lazy R1, instance noise, dSteps 2)', async () => {
    // Batch 8 keeps 500 steps of double-backprop R1 cheap on the cpu backend.
    const cfg: Partial<TrainConfig> = {
      batchSize: 8,
      seed: 5,
      dSteps: 2,
      spectralNorm: 1,
      r1Gamma: 1,
      r1Every: 4,
      instanceNoise: 0.1,
      instanceNoiseSteps: 500,
      l2D: 1e-4,
      lrDecayStart: 150,
      lrDecaySteps: 400,
    };
    const original = trainer(cfg);
    await runTo(original, 120);
    // Changed mid-run: the snapshot must carry the live values and the noise start step.
    original.setHyperparams({ lrG: 5e-4, instanceNoise: 0.2 });
    await runTo(original, 200);
    const snap = await original.snapshot();
    expect(snap.step).toBe(200);
    expect(snap.live.lrG).toBe(5e-4);
    expect(snap.noiseStartStep).toBe(120);
    expect(snap.lastR1).not.toBeNull();
    expect(snap.spectral.length).toBe(6);
    expect(snap.generator.map((x) => x.name)[0]).toBe(original.generator.params[0].name.replace(/^g\d+\//, ''));
    const expected = await runTo(original, 300);

    const before = tf.memory().numTensors;
    const restored = Trainer.fromSnapshot(snap, pointsDataset());
    made.push(restored);
    expect(restored.step).toBe(200);
    expect(restored.hyperparams).toEqual(snap.live);
    const got = await runTo(restored, 300);
    expect(got).toHaveLength(100);
    expectSameRows(expected, got);
    expect(Array.from(await restored.fixedSamples())).toEqual(Array.from(await original.fixedSamples()));
    restored.dispose();
    made.pop();
    expect(tf.memory().numTensors).toBe(before);
  }, 600_000);

  it('restore into a running trainer of the same config rewinds it exactly, tensor count flat', async () => {
    const t = trainer({ batchSize: 8, seed: 2, gpLambda: 1, loss: 'wasserstein', labelSmoothing: 0.1 });
    await runTo(t, 30);
    const snap = await t.snapshot();
    const expected = await runTo(t, 60);
    const before = tf.memory().numTensors;
    t.restore(snap);
    const snapAgain = await t.snapshot();
    expect(tf.memory().numTensors).toBe(before);
    expect(snapAgain.rng).toEqual(snap.rng);
    expectSameRows(expected, await runTo(t, 60));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('conv models (dropout, batch norm) continue exactly too', async () => {
    const cfg: Partial<TrainConfig> = { model: 'dcgan28-small', batchSize: 4, latentDim: 8, seed: 9 };
    const a = trainer(cfg, imageDataset([28, 28, 1], 8));
    await runTo(a, 1);
    const snap = await a.snapshot();
    const expected = await runTo(a, 2);
    const b = Trainer.fromSnapshot(snap, imageDataset([28, 28, 1], 8));
    made.push(b);
    expectSameRows(expected, await runTo(b, 2));
  });

  it('a snapshot taken while steps run on holds the state of the moment it was asked for', async () => {
    const t = trainer({ seed: 4 });
    await runTo(t, 10);
    const pending = t.snapshot();
    t.trainStep();
    t.trainStep();
    const snap = await pending;
    expect(snap.step).toBe(10);
    const expected = await runTo(t, 14);
    const b = Trainer.fromSnapshot(snap, pointsDataset());
    made.push(b);
    expectSameRows(expected.slice(-4), await runTo(b, 14));
  });

  it('a trainer built and disposed leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    new Trainer({ ...DEFAULT_CONFIG, spectralNorm: 1 }, pointsDataset()).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a snapshot of another model or dataset size and leaves the trainer untouched', async () => {
    const t = trainer({ seed: 1 });
    await runTo(t, 5);
    const other = trainer({ seed: 1, latentDim: 4 });
    const snap = await other.snapshot();
    const before = await t.snapshot();
    expect(() => t.restore(snap)).toThrow(/latentDim is 4; this run's is 8/);
    const own = await t.snapshot();
    expect(() => Trainer.fromSnapshot(own, pointsDataset(128))).toThrow(/data order has 256 entries; the dataset has 128/);
    const bad = { ...before, generator: before.generator.map((x, i) => (i === 0 ? { ...x, shape: [x.shape[1], x.shape[0]] } : x)) };
    expect(() => t.restore(bad)).toThrow(/G .* is \[128, 8\]; the model needs \[8, 128\]/);
    const after = await t.snapshot();
    expect(after.step).toBe(before.step);
    expect(Array.from(after.generator[0].values)).toEqual(Array.from(before.generator[0].values));
  });

  it('checkpoints are CPU snapshots: rollback restores weights and counters, the data stream runs on', async () => {
    const t = trainer({ seed: 6 });
    await runTo(t, 20);
    await t.saveCheckpoint();
    expect(t.checkpointStep).toBe(20);
    const weights = (await t.snapshot()).discriminator.map((x) => Array.from(x.values));
    const before = tf.memory().numTensors;
    const first = await runTo(t, 30);
    expect(t.restoreCheckpoint()).toBe(true);
    expect(t.step).toBe(20);
    expect((await t.snapshot()).discriminator.map((x) => Array.from(x.values))).toEqual(weights);
    expect(tf.memory().numTensors).toBe(before);
    const second = await runTo(t, 30);
    // Other batches after the rollback: a diverged stretch is not replayed step for step.
    expect(second[0].dLoss).not.toBe(first[0].dLoss);
  });
});
