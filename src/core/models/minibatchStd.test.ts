/** Minibatch standard deviation: the group sizes, and the appended channel's values. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mbstdForward, mbstdGroupSize } from './minibatchStd';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('minibatch standard deviation', () => {
  it('groups by the largest divisor of the batch up to the group size', () => {
    expect([32, 64, 6, 7, 2, 1].map((n) => mbstdGroupSize(n, 4))).toEqual([4, 4, 3, 1, 2, 1]);
  });

  it('appends each group’s mean deviation as one constant channel and keeps the input', () => {
    // Two groups of 2 one-pixel, one-channel images: {0, 2} (σ 1) and {5, 5} (σ 0).
    const x = tf.tensor4d([0, 2, 5, 5], [4, 1, 1, 1]);
    const out = mbstdForward(x, 2).out;
    expect(out.shape).toEqual([4, 1, 1, 2]);
    const v = Array.from(out.dataSync());
    expect(v.filter((_, i) => i % 2 === 0)).toEqual([0, 2, 5, 5]);
    const s = v.filter((_, i) => i % 2 === 1);
    expect(s[0]).toBeCloseTo(1, 5);
    expect(s[1]).toBeCloseTo(1, 5);
    expect(s[2]).toBeCloseTo(1e-4, 5);
    expect(s[3]).toBeCloseTo(1e-4, 5);
  });

  it('averages the deviation over positions and channels', () => {
    // A pair differing by 2 at one of 2 positions: deviations 1 and √ε = 1e-4, mean 0.50005.
    const x = tf.tensor4d([0, 3, 2, 3], [2, 1, 2, 1]);
    const s = mbstdForward(x, 2).out.dataSync();
    expect(s[1]).toBeCloseTo(0.50005, 5);
  });
});
