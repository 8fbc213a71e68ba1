import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LiveAdam } from './adam';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Reference Adam in plain numbers, one scalar parameter. */
function referenceAdam(w: number, grads: number[], lrs: number[], b1 = 0.5, b2 = 0.999, eps = 1e-7): number {
  let m = 0;
  let v = 0;
  grads.forEach((g, i) => {
    const t = i + 1;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    w -= (lrs[i] * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t) * (m / (Math.sqrt(v) + eps));
  });
  return w;
}

describe('LiveAdam', () => {
  it('matches the reference update, including a learning-rate change mid-way that keeps the moments', () => {
    const w = tf.variable(tf.tensor1d([1]));
    const opt = new LiveAdam([w], { learningRate: 0.1, beta1: 0.5, beta2: 0.999 });
    const grads = [0.5, -0.2, 0.8, 0.1, -0.4];
    const lrs = [0.1, 0.1, 0.1, 0.01, 0.01];
    grads.forEach((g, i) => {
      opt.learningRate = lrs[i];
      tf.tidy(() => opt.apply([tf.tensor1d([g])]));
    });
    expect(w.dataSync()[0]).toBeCloseTo(referenceAdam(1, grads, lrs), 6);
    // A restart would reset the moments: the reference with fresh moments after step 3 differs.
    const restarted = referenceAdam(referenceAdam(1, grads.slice(0, 3), lrs.slice(0, 3)), grads.slice(3), lrs.slice(3));
    expect(Math.abs(w.dataSync()[0] - restarted)).toBeGreaterThan(1e-4);
    expect(opt.iterations).toBe(5);
    opt.dispose();
    w.dispose();
  });

  it('snapshot/restore brings back moments and step count', () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const opt = new LiveAdam([w], { learningRate: 0.1, beta1: 0.9, beta2: 0.999 });
    tf.tidy(() => opt.apply([tf.tensor1d([1, 1])]));
    const snap = opt.snapshot();
    const before = opt.moments().m[0].dataSync().slice();
    tf.tidy(() => opt.apply([tf.tensor1d([-5, 5])]));
    opt.restore(snap);
    expect(opt.iterations).toBe(1);
    expect(Array.from(opt.moments().m[0].dataSync())).toEqual(Array.from(before));
  });
});
