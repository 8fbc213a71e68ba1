/**
 * The conditional layers (classEmbedding.ts, projectionHead.ts): the tape-free pass against the
 * tape through Network.apply, as backprop.test.ts does for the other layer types, and the specs
 * a conditional run builds.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../random';
import { backward, forward, type Trace } from './backprop';
import { CLASS_EMBED_DIM, oneHotRows, runSpecs } from './conditionalSpecs';
import { glorotUniform } from './glorot';
import { buildNetwork } from './network';
import { inferLayers, type LayerSpec, type Shape } from './specs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function expectClose(a: tf.Tensor, b: tf.Tensor, label: string): void {
  expect(a.shape, label).toEqual(b.shape);
  const [x, y] = [a.dataSync(), b.dataSync()];
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / (1 + Math.abs(y[i])));
  expect(worst, label).toBeLessThan(1e-5);
}

function labelsOf(classes: number[], k: number): tf.Tensor {
  return tf.tensor2d(oneHotRows(classes, k), [classes.length, k]);
}

/** Output, parameter and input gradients of Σ(net(x, y) ⊙ r), by the tape and tape-free. */
function compare(layers: LayerSpec[], inShape: Shape, classes: number[], k: number): void {
  tf.tidy(() => {
    const net = buildNetwork(`c${Math.random()}`, layers, inShape, glorotUniform(new Random(3)));
    try {
      const labels = labelsOf(classes, k);
      const x = tf.randomNormal([classes.length, ...inShape], 0, 1, 'float32', 5);
      const tapeOut = net.apply(x, { training: true, dropoutSeed: 11, labels });
      const r = tf.randomNormal(tapeOut.shape, 0, 1, 'float32', 9);
      const objective = (input: tf.Tensor) => tf.sum(tf.mul(net.apply(input, { training: true, dropoutSeed: 11, labels }), r)) as tf.Scalar;
      const { grads } = tf.variableGrads(() => objective(x), net.variables);
      const trace: Trace = { saved: [] };
      const out = forward(net, x, { dropoutSeeds: [11], labels }, trace);
      expectClose(out, tapeOut, 'output');
      const ours = backward(trace, r, { params: true, input: true });
      expect(ours.params).toHaveLength(net.variables.length);
      net.variables.forEach((v, i) => expectClose(ours.params![i], grads[v.name], v.name));
      expectClose(ours.input!, tf.grad(objective)(x), 'input gradient');
    } finally {
      net.dispose();
    }
  });
}

describe('conditional layers: tape-free equals the tape', () => {
  it('embedConcat then dense, BatchNorm, LeakyReLU (a conditional G’s head); classes repeat and one is absent', () => {
    compare(
      [
        { type: 'embedConcat', classes: 4, dim: 3 },
        { type: 'dense', units: 12, bias: false },
        { type: 'batchnorm' },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'dense', units: 2 },
      ],
      [5],
      [0, 2, 2, 1, 0, 2],
      4,
    );
  });

  it('conv, LeakyReLU, dropout, flatten then a projection head (a conditional D)', () => {
    compare(
      [
        { type: 'conv', filters: 4, kernel: 3, stride: 2 },
        { type: 'leakyrelu', alpha: 0.2 },
        { type: 'dropout', rate: 0.3 },
        { type: 'flatten' },
        { type: 'projection', classes: 3 },
      ],
      [6, 6, 2],
      [2, 0, 1, 1, 2],
      3,
    );
  });

  it('the projection adds ⟨E[y], φ⟩ to the plain logit', () => {
    tf.tidy(() => {
      const net = buildNetwork(`p${Math.random()}`, [{ type: 'projection', classes: 2 }], [3], glorotUniform(new Random(1)));
      const [w, b, e] = net.variables;
      w.assign(tf.tensor2d([1, 2, 3], [3, 1]));
      b.assign(tf.tensor1d([0.5]));
      e.assign(tf.tensor2d([10, 0, 0, 0, 0, 100], [2, 3]));
      const x = tf.tensor2d([1, 1, 1, 1, 0, 2], [2, 3]);
      const out = net.apply(x, { training: false, labels: labelsOf([0, 1], 2) });
      // Row 0: 6 + 0.5 + 10·1; row 1: 7 + 0.5 + 100·2.
      expect(Array.from(out.dataSync())).toEqual([16.5, 207.5]);
      net.dispose();
    });
  });

  it('a conditional network without labels says so', () => {
    const net = buildNetwork(`n${Math.random()}`, [{ type: 'embedConcat', classes: 2, dim: 2 }], [3], glorotUniform(new Random(1)));
    expect(() => tf.tidy(() => net.apply(tf.zeros([2, 3]), { training: true }))).toThrow(/class labels/);
    net.dispose();
  });
});

describe('runSpecs', () => {
  it('leaves an unconditional run’s architecture as it is', () => {
    const s = runSpecs({ model: 'resize28-small', conditional: false }, 10);
    expect(s.generator[0].type).toBe('dense');
    expect(s.discriminator[s.discriminator.length - 1]).toEqual({ type: 'dense', units: 1 });
  });

  it('both image families: G takes [z | E[y]], D ends in a projection over its flattened features', () => {
    for (const model of ['dcgan28-small', 'resize28-small', 'dcgan32-small', 'resize32-small'] as const) {
      const s = runSpecs({ model, conditional: true }, 10);
      const g = inferLayers(s.generator, [64]);
      expect(g[0].outShape).toEqual([64 + CLASS_EMBED_DIM]);
      expect(g[0].params[0].shape).toEqual([10, CLASS_EMBED_DIM]);
      const d = inferLayers(s.discriminator, model.includes('32') ? [32, 32, 3] : [28, 28, 1]);
      const head = d[d.length - 1];
      expect(head.outShape).toEqual([1]);
      expect(head.params.map((p) => p.shape)).toEqual([[head.inShape[0], 1], [1], [10, head.inShape[0]]]);
    }
  });

  it('refuses a run with no classes', () => {
    expect(() => runSpecs({ model: 'resize28-small', conditional: true }, 0)).toThrow(/labelled/);
  });
});
