import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { r1Penalty, wganGpPenalty } from './gradientPenalties';
import { buildNetwork } from '../models/network';
import { Random } from '../random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const real = () =>
  tf.tensor2d([
    [0.5, -1],
    [1.5, 0.25],
    [-0.3, 0.8],
  ]);
const fake = () =>
  tf.tensor2d([
    [0.1, 0.2],
    [-1, 1],
    [2, -0.5],
  ]);
const mix = () => tf.tensor2d([[0.25], [0.5], [0.9]]);

describe('gradient penalties on a linear critic D(x) = x·w (hand-computed)', () => {
  it('R1 = γ/2·‖w‖² and its gradient is γ·w', () => {
    const w = tf.variable(tf.tensor2d([[0.6], [-0.8]]));
    const { value, grads } = tf.variableGrads(() => r1Penalty((x) => tf.matMul(x, w), real(), 4), [w]);
    expect(value.dataSync()[0]).toBeCloseTo(2 * (0.36 + 0.64), 5);
    expect(Array.from(grads[w.name].dataSync())).toEqual([expect.closeTo(2.4, 5), expect.closeTo(-3.2, 5)]);
  });

  it('WGAN-GP = λ(‖w‖ − 1)² and its gradient is 2λ(‖w‖ − 1)·w/‖w‖', () => {
    const w = tf.variable(tf.tensor2d([[1.2], [1.6]])); // ‖w‖ = 2
    const { value, grads } = tf.variableGrads(() => wganGpPenalty((x) => tf.matMul(x, w), real(), fake(), mix(), 10), [w]);
    expect(value.dataSync()[0]).toBeCloseTo(10, 4);
    const g = grads[w.name].dataSync();
    expect(g[0]).toBeCloseTo(2 * 10 * 1 * (1.2 / 2), 4);
    expect(g[1]).toBeCloseTo(2 * 10 * 1 * (1.6 / 2), 4);
  });
});

describe('gradient penalties on a tiny nonlinear D: gradients match finite differences', () => {
  const rng = new Random(11);
  const net = buildNetwork(
    'gp-test',
    [
      { type: 'dense', units: 4 },
      { type: 'leakyrelu', alpha: 0.2 },
      { type: 'dense', units: 1 },
    ],
    [2],
    (shape) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
  );
  // Non-zero biases so the kinks are away from the test points.
  net.variables[1].assign(tf.tensor1d([0.3, -0.2, 0.5, 0.1]));
  const critic = (x: tf.Tensor) => net.apply(x, { training: false, twiceDifferentiable: true });
  const cases: [string, () => tf.Scalar][] = [
    ['R1', () => r1Penalty(critic, real(), 2)],
    ['WGAN-GP', () => wganGpPenalty(critic, real(), fake(), mix(), 3)],
  ];

  for (const [name, penalty] of cases) {
    it(`${name}`, () => {
      const { grads } = tf.variableGrads(penalty, net.variables);
      // Small steps: D is piecewise linear, and a step across a kink is not a derivative.
      const h = 2e-3;
      let checked = 0;
      for (const v of net.variables) {
        const analytic = grads[v.name]?.dataSync() ?? new Float32Array(v.size);
        const values = v.dataSync().slice();
        for (let i = 0; i < values.length; i++) {
          const at = (delta: number) => {
            const shifted = values.slice();
            shifted[i] += delta;
            v.assign(tf.tensor(shifted, v.shape));
            return tf.tidy(() => penalty().dataSync()[0]);
          };
          const numeric = (at(h) - at(-h)) / (2 * h);
          v.assign(tf.tensor(values, v.shape));
          expect(analytic[i], `${v.name}[${i}]`).toBeCloseTo(numeric, 2);
          checked++;
        }
      }
      expect(checked).toBe(net.variables.reduce((s, v) => s + v.size, 0));
    });
  }
});
