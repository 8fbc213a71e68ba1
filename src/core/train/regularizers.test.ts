import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { globalNorm, sumPairwise, weightPenalty } from './regularizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('weight penalties', () => {
  const w1 = [1, -2, 0.5];
  const w2 = [
    [-1, 3],
    [0, 0.25],
  ];

  it('L1 = λΣ|w| and L2 = λΣw² over every tensor', () => {
    const [l1, l2, total] = tf.tidy(() => {
      const p = weightPenalty([tf.tensor1d(w1), tf.tensor2d(w2)], 0.1, 0.01);
      return [p.l1.dataSync()[0], p.l2.dataSync()[0], sumPairwise(p.active).dataSync()[0]];
    });
    expect(l1).toBeCloseTo(0.1 * (1 + 2 + 0.5 + 1 + 3 + 0 + 0.25), 6);
    expect(l2).toBeCloseTo(0.01 * (1 + 4 + 0.25 + 1 + 9 + 0 + 0.0625), 6);
    expect(total).toBeCloseTo(l1 + l2, 6);
  });

  it('gradients are λ1·sign(w) + 2λ2·w', () => {
    const w = tf.variable(tf.tensor1d([1.5, -0.5, 2]));
    const { grads } = tf.variableGrads(() => sumPairwise(weightPenalty([w], 0.3, 0.2).active) as tf.Scalar, [w]);
    const g = grads[w.name].dataSync();
    [1.5, -0.5, 2].forEach((x, i) => expect(g[i]).toBeCloseTo(0.3 * Math.sign(x) + 2 * 0.2 * x, 5));
    w.dispose();
    Object.values(grads).forEach((t) => t.dispose());
  });

  it('a zero coefficient reports 0 and adds no gradient', () => {
    const w = tf.variable(tf.tensor1d([1, -1]));
    const off = weightPenalty([w], 0, 0);
    expect(off.active).toEqual([]);
    expect(off.l1.dataSync()[0]).toBe(0);
    const { value, grads } = tf.variableGrads(() => sumPairwise([tf.sum(w), ...weightPenalty([w], 0, 0).active]) as tf.Scalar, [w]);
    expect(value.dataSync()[0]).toBe(0);
    expect(Array.from(grads[w.name].dataSync())).toEqual([1, 1]);
    w.dispose();
  });

  it('sums many tensors pairwise (no addN), with the right total', () => {
    const parts = Array.from({ length: 13 }, (_, i) => tf.scalar(i + 1));
    expect(sumPairwise(parts).dataSync()[0]).toBe(91);
    expect(sumPairwise([]).dataSync()[0]).toBe(0);
  });

  it('globalNorm is the L2 norm over all tensors, also over more than one concat chunk', () => {
    expect(globalNorm([tf.tensor1d([3]), tf.tensor1d([4, 0])]).dataSync()[0]).toBeCloseTo(5, 6);
    const many = Array.from({ length: 15 }, (_, i) => tf.fill([2, 2], i + 1));
    const expected = Math.sqrt(Array.from({ length: 15 }, (_, i) => 4 * (i + 1) ** 2).reduce((a, b) => a + b));
    expect(globalNorm(many).dataSync()[0]).toBeCloseTo(expected, 3);
  });
});
