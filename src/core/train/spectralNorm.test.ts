import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SpectralNorm } from './spectralNorm';
import { selectBackend } from '../backend/backend';
import { backward, forward, type Trace } from '../models/backprop';
import { buildNetwork } from '../models/network';
import { glorotUniform } from '../models/glorot';
import { Random } from '../random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('SpectralNorm', () => {
  it('power iteration converges to the largest singular value', () => {
    // Singular values of diag(3, 1) padded: 3 is the largest.
    const w = tf.variable(
      tf.tensor2d([
        [3, 0],
        [0, 1],
        [0, 0],
      ]),
    );
    const sn = new SpectralNorm([w], 1);
    for (let i = 0; i < 20; i++) sn.powerIteration();
    expect(sn.sigma(w).dataSync()[0]).toBeCloseTo(3, 4);
    // Normalised kernel has spectral norm 1.
    expect(tf.max(tf.abs(sn.normalize(w))).dataSync()[0]).toBeCloseTo(1, 4);
    sn.dispose();
    w.dispose();
  });

  it('treats conv kernels as [k·k·in, out] matrices', () => {
    const w = tf.variable(tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 2));
    const sn = new SpectralNorm([w], 1);
    for (let i = 0; i < 50; i++) sn.powerIteration();
    const m = tf.reshape(w, [18, 4]);
    // Largest eigenvalue of MᵀM by many power steps, independently.
    let x = tf.ones([4, 1]);
    for (let i = 0; i < 200; i++) x = tf.div(tf.matMul(m, tf.matMul(m, x), true), tf.norm(tf.matMul(m, tf.matMul(m, x), true)));
    const lambda = tf.norm(tf.matMul(m, tf.matMul(m, x), true)).dataSync()[0];
    expect(sn.sigma(w).dataSync()[0]).toBeCloseTo(Math.sqrt(lambda), 3);
  });

  it('gradient of σ w.r.t. W is v uᵀ (u, v held constant)', () => {
    const w = tf.variable(
      tf.tensor2d([
        [2, 1],
        [1, 3],
      ]),
    );
    const sn = new SpectralNorm([w], 3);
    const { grads } = tf.variableGrads(() => sn.sigma(w), [w]);
    const g = grads[w.name].arraySync() as number[][];
    const s = sn.sigma(w).dataSync()[0];
    // Σ_ij W_ij · (v uᵀ)_ij = vᵀWu = σ.
    const wv = w.arraySync() as number[][];
    const dot = wv.flat().reduce((acc, x, i) => acc + x * g.flat()[i], 0);
    expect(dot).toBeCloseTo(s, 5);
  });

  // wasm too: a v·uᵀ written as a MatMul came out non-finite there.
  it.each(['cpu', 'wasm'])('the tape-free pass with normalised kernels and kernelGradient equals the tape through normalize (%s)', async (backend) => {
    await selectBackend(backend as 'cpu' | 'wasm');
    const net = buildNetwork(
      'snd',
      [{ type: 'conv', filters: 3, kernel: 3, stride: 2 }, { type: 'leakyrelu', alpha: 0.2 }, { type: 'flatten' }, { type: 'dense', units: 1 }],
      [8, 8, 2],
      glorotUniform(new Random(7)),
    );
    const kernels = net.params.filter((p) => p.penalized).map((p) => p.variable);
    const sn = new SpectralNorm(kernels, 5);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.randomNormal([4, 8, 8, 2], 0, 1, 'float32', 1);
      const r = tf.randomNormal([4, 1], 0, 1, 'float32', 2);
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(net.apply(x, { training: true, kernel: sn.normalize }), r)) as tf.Scalar, net.variables);
      const trace: Trace = { saved: [] };
      forward(net, x, { kernel: sn.normalize }, trace);
      const ours = backward(trace, r, { params: true, input: false }).params!;
      net.variables.forEach((v, i) => {
        const mine = sn.kernelGradient(v, ours[i]).dataSync();
        const tape = grads[v.name].dataSync();
        expect(mine.length).toBe(tape.length);
        mine.forEach((m, j) => expect(Math.abs(m - tape[j])).toBeLessThan(1e-5 * (1 + Math.abs(tape[j]))));
      });
    });
    expect(tf.memory().numTensors).toBe(before);
    sn.dispose();
    net.dispose();
    await tf.setBackend('cpu');
  });
});
