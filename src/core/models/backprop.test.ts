/** The tape-free pass against TF.js's tape through Network.apply, layer type by layer type. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../random';
import { backward, forward, type Trace } from './backprop';
import { glorotUniform } from './glorot';
import { buildNetwork, type Network } from './network';
import type { LayerSpec, Shape } from './specs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SEED = 1234;

function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}

function expectClose(a: tf.Tensor, b: tf.Tensor, label: string): void {
  expect(a.shape, label).toEqual(b.shape);
  const [x, y] = [a.dataSync(), b.dataSync()];
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / (1 + Math.abs(y[i])));
  expect(worst, label).toBeLessThan(1e-5);
}

/** Output, parameter gradients and input gradient of Σ(net(x) ⊙ r), by the tape and tape-free. */
function compare(layers: LayerSpec[], inShape: Shape, batch: number, inputGradient = true): void {
  tf.tidy(() => {
    const net: Network = buildNetwork(`t${Math.random()}`, layers, inShape, glorotUniform(new Random(3)));
    try {
      const x = randomTensor([batch, ...inShape], 5);
      const tapeOut = net.apply(x, { training: true, dropoutSeed: SEED });
      const r = randomTensor(tapeOut.shape, 9);
      const objective = (input: tf.Tensor) => tf.sum(tf.mul(net.apply(input, { training: true, dropoutSeed: SEED }), r)) as tf.Scalar;
      const { grads } = tf.variableGrads(() => objective(x), net.variables);
      const trace: Trace = { saved: [] };
      const out = forward(net, x, { dropoutSeeds: [SEED] }, trace);
      expectClose(out, tapeOut, 'output');
      const ours = backward(trace, r, { params: true, input: true });
      net.variables.forEach((v, i) => expectClose(ours.params![i], grads[v.name], v.name));
      // The tape cannot differentiate an output that does not depend on the input (the constant layer).
      if (inputGradient) expectClose(ours.input!, tf.grad(objective)(x), 'input gradient');
    } finally {
      net.dispose();
    }
  });
}

describe('tape-free forward and backward equal the tape', () => {
  it('dense with LeakyReLU and ReLU fused, tanh, a dense layer without bias', () => {
    compare(
      [
        { type: 'dense', units: 16 },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'dense', units: 8 },
        { type: 'relu' },
        { type: 'dense', units: 3, bias: false },
        { type: 'tanh' },
      ],
      [4],
      10,
    );
  });

  it('BatchNorm (2-D) then LeakyReLU, unfused; LeakyReLU with α = 0 (not fused: its mask comes from the input)', () => {
    compare(
      [
        { type: 'dense', units: 12, bias: false },
        { type: 'batchnorm' },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'dense', units: 6 },
        { type: 'leakyrelu', alpha: 0 },
        { type: 'dense', units: 1 },
      ],
      [5],
      8,
    );
  });

  it('dropout (the same masks as tf.dropout from the same seed)', () => {
    compare(
      [
        { type: 'dense', units: 32 },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'dropout', rate: 0.3 },
        { type: 'dense', units: 16 },
        { type: 'dropout', rate: 0.5 },
        { type: 'dense', units: 1 },
      ],
      [3],
      12,
    );
  });

  it('a DCGAN discriminator: conv + bias + LeakyReLU fused, dropout, flatten, dense', () => {
    compare(
      [
        { type: 'conv', filters: 4, kernel: 5, stride: 2 },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'dropout', rate: 0.3 },
        { type: 'conv', filters: 6, kernel: 3, stride: 2 },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'flatten' },
        { type: 'dense', units: 1 },
      ],
      [8, 8, 2],
      3,
    );
  });

  it('a DCGAN generator: dense, BatchNorm (4-D), reshape, convT with and without bias, ReLU, tanh', () => {
    compare(
      [
        { type: 'dense', units: 4 * 4 * 6, bias: false },
        { type: 'batchnorm' },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'reshape', shape: [4, 4, 6] },
        { type: 'convT', filters: 4, kernel: 5, stride: 2, bias: false },
        { type: 'batchnorm' },
        { type: 'relu' },
        { type: 'convT', filters: 2, kernel: 3, stride: 1 },
        { type: 'tanh' },
      ],
      [5],
      3,
    );
  });

  it('a resize-conv generator: nearest-neighbour upsample, 3×3 conv without bias, BatchNorm, LeakyReLU, conv + tanh', () => {
    compare(
      [
        { type: 'dense', units: 3 * 3 * 4, bias: false },
        { type: 'batchnorm' },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'reshape', shape: [3, 3, 4] },
        { type: 'upsample', factor: 2 },
        { type: 'conv', filters: 3, kernel: 3, stride: 1, bias: false },
        { type: 'batchnorm' },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'upsample', factor: 2 },
        { type: 'conv', filters: 2, kernel: 3, stride: 1 },
        { type: 'tanh' },
      ],
      [5],
      3,
    );
  });

  it('upsample by 3 on its own (each input pixel gets the sum of its 3×3 copies)', () => {
    compare([{ type: 'upsample', factor: 3 }, { type: 'flatten' }, { type: 'dense', units: 2 }], [2, 3, 2], 2);
  });

  it('a resize-conv discriminator: 3×3 conv, 4×4 stride-2 convs with LeakyReLU fused, flatten, dense', () => {
    compare(
      [
        { type: 'conv', filters: 3, kernel: 3, stride: 1 },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'conv', filters: 4, kernel: 4, stride: 2 },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'conv', filters: 5, kernel: 4, stride: 2 },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'flatten' },
        { type: 'dense', units: 1 },
      ],
      [8, 8, 3],
      3,
    );
  });

  it('minibatch standard deviation after a conv (groups of 4, and a batch of 6 that groups by 3)', () => {
    const layers: LayerSpec[] = [
      { type: 'conv', filters: 3, kernel: 3, stride: 2 },
      { type: 'leakyrelu', alpha: 0.2 },
      { type: 'mbstd', group: 4 },
      { type: 'conv', filters: 2, kernel: 3, stride: 1 },
      { type: 'leakyrelu', alpha: 0.2 },
      { type: 'flatten' },
      { type: 'dense', units: 1 },
    ];
    compare(layers, [6, 6, 2], 8);
    compare(layers, [6, 6, 2], 6);
  });

  it("the Dirac-GAN's constant layer", () => {
    compare(
      [
        { type: 'constant', units: 2, init: 1 },
        { type: 'dense', units: 1, bias: false },
      ],
      [1],
      4,
      false,
    );
  });

  it('two halves of a batch with their own dropout seeds equal two separate passes', () => {
    tf.tidy(() => {
      const net = buildNetwork(
        'halves',
        [
          { type: 'dense', units: 16 },
          { type: 'leakyrelu', alpha: 0.2 },
          { type: 'dropout', rate: 0.4 },
          { type: 'dense', units: 1 },
        ],
        [2],
        glorotUniform(new Random(4)),
      );
      const [a, b] = [randomTensor([6, 2], 1), randomTensor([6, 2], 2)];
      const joint = forward(net, tf.concat([a, b]), { dropoutSeeds: [11, 22] });
      expectClose(joint, tf.concat([net.apply(a, { training: true, dropoutSeed: 11 }), net.apply(b, { training: true, dropoutSeed: 22 })]), 'halves');
      net.dispose();
    });
  });

  it('leaves nothing behind outside the caller’s tidy', () => {
    const net = buildNetwork('leak', [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 1 }], [2], glorotUniform(new Random(5)));
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const trace: Trace = { saved: [] };
      const out = forward(net, tf.ones([4, 2]), {}, trace);
      backward(trace, tf.onesLike(out), { params: true, input: true });
    });
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });
});
