/** The snapshot round trip on wasm, the CLI's backend and the app's CPU fallback (short run). */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import type { StepMetrics } from '../metrics/stepMetrics';
import { pointsDataset } from '../testing/fixtures';
import { Trainer } from './trainer';
import { registerWasmTrainingKernels } from '../backend/wasmKernels';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

async function runTo(t: Trainer, step: number): Promise<StepMetrics[]> {
  while (t.step < step) t.trainStep();
  return t.flushMetrics();
}

describe('Trainer snapshots on wasm', () => {
  it('a restored trainer continues with the same metrics (SN, lazy R1, instance noise, dSteps 2)', async () => {
    const cfg = { ...DEFAULT_CONFIG, batchSize: 16, seed: 8, dSteps: 2, spectralNorm: 1, r1Gamma: 1, r1Every: 3, instanceNoise: 0.1 };
    const a = new Trainer(cfg, pointsDataset());
    await runTo(a, 40);
    const snap = await a.snapshot();
    const expected = await runTo(a, 60);
    const before = tf.memory().numTensors;
    const b = Trainer.fromSnapshot(snap, pointsDataset());
    const got = await runTo(b, 60);
    expect(got.map((r) => r.step)).toEqual(expected.map((r) => r.step));
    got.forEach((row, i) => {
      for (const [k, v] of Object.entries(row)) expect(Math.abs(v - expected[i][k as keyof StepMetrics]), `step ${row.step} ${k}`).toBeLessThanOrEqual(1e-6);
    });
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
  });
});
