import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LiveAdam } from './adam';
import { freshParam, paramRef } from '../backend/packedParams';
import { LiveAdam as PerVariableAdam } from '../testing/reference/adam';

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
    w -= ((lrs[i] * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t)) * (m / (Math.sqrt(v) + eps));
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

  it('exportState/importState carry t, m and v per variable, so a second optimizer continues exactly', async () => {
    const w1 = tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2]));
    const b1 = tf.variable(tf.tensor1d([0.5]));
    const opt1 = new LiveAdam([w1, b1], { learningRate: 0.05, beta1: 0.5, beta2: 0.999 });
    tf.tidy(() => opt1.apply([tf.tensor2d([1, -2, 3, 0.5], [2, 2]), tf.tensor1d([2])]));
    tf.tidy(() => opt1.apply([tf.tensor2d([0.1, 0.2, -3, 1], [2, 2]), tf.tensor1d([-1])]));
    const state = await opt1.exportState();
    expect(state.t).toBe(2);
    expect(state.m.map((x) => x.length)).toEqual([4, 1]);
    expect(state.m[0]).toBeInstanceOf(Float32Array);

    const w2 = tf.variable(w1.clone());
    const b2 = tf.variable(b1.clone());
    const opt2 = new LiveAdam([w2, b2], { learningRate: 0.05, beta1: 0.5, beta2: 0.999 });
    const before = tf.memory().numTensors;
    opt2.importState(state);
    expect(tf.memory().numTensors).toBe(before);
    expect(opt2.iterations).toBe(2);
    const g = () => [tf.tensor2d([0.3, -0.1, 2, 2], [2, 2]), tf.tensor1d([0.7])];
    tf.tidy(() => opt1.apply(g()));
    tf.tidy(() => opt2.apply(g()));
    expect(Array.from(w2.dataSync())).toEqual(Array.from(w1.dataSync()));
    expect(Array.from(b2.dataSync())).toEqual(Array.from(b1.dataSync()));
    // The exported arrays are copies: later updates do not change them.
    expect(state.t).toBe(2);
    [opt1, opt2, w1, b1, w2, b2].forEach((x) => x.dispose());
  });

  it('importState rejects a state for other variables and changes nothing', () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const opt = new LiveAdam([w], { learningRate: 0.1, beta1: 0.9, beta2: 0.999 });
    expect(() => opt.importState({ t: 3, m: [new Float32Array(3)], v: [new Float32Array(3)] })).toThrow(/holds 3 values/);
    expect(() => opt.importState({ t: 3, m: [], v: [] })).toThrow(/0 m arrays for 1/);
    expect(() => opt.importState({ t: -1, m: [new Float32Array(2)], v: [new Float32Array(2)] })).toThrow(/non-negative/);
    expect(opt.iterations).toBe(0);
    opt.dispose();
    w.dispose();
  });

  it('keeps the weights written elsewhere between updates (a restore), as per-variable Adam does', () => {
    const make = (): tf.Variable[] => [tf.variable(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3])), tf.variable(tf.tensor1d([0.5, -0.5, 1]))];
    const [ours, ref] = [make(), make()];
    const a = new LiveAdam(ours, { learningRate: 0.05, beta1: 0.5, beta2: 0.9 });
    const b = new PerVariableAdam(ref, { learningRate: 0.05, beta1: 0.5, beta2: 0.9 });
    const grads = (k: number) => [
      tf.tensor2d(
        [1, -2, 3, -4, 5, -6].map((x) => x * k),
        [2, 3],
      ),
      tf.tensor1d([k, -k, 2 * k]),
    ];
    const step = (k: number) =>
      tf.tidy(() => {
        a.apply(grads(k));
        b.apply(grads(k));
      });
    step(1);
    step(0.5);
    // A write from outside the optimizer (what a snapshot restore or a rollback does) …
    for (const vars of [ours, ref]) tf.tidy(() => vars[0].assign(tf.tensor2d([9, 8, 7, 6, 5, 4], [2, 3])));
    step(-0.3);
    step(2);
    // … is where the next update starts from.
    ours.forEach((w, i) => {
      const [x, y] = [w.dataSync(), ref[i].dataSync()];
      x.forEach((v, j) => expect(v).toBeCloseTo(y[j], 6));
    });
    expect(ours[0].dataSync()[0]).toBeGreaterThan(8);
    a.dispose();
    b.dispose();
    [...ours, ...ref].forEach((v) => v.dispose());
  });
});

/**
 * The fused MLP step's in-place update (updateInPlace) with a stand-in kernel: on cpu the packed
 * state is rewritten through its variable, which is what the WGSL kernel does to its buffer.
 */
describe('LiveAdam in-place updates and lazy weights', () => {
  /** Sets the packed weights to `ws` and the moments to 1s, as a fused kernel would. */
  const setWeights = (ws: number[]) => (packed: tf.Tensor) =>
    tf.tidy(() => {
      const n = ws.length;
      (packed as tf.Variable).assign(tf.concat([tf.tensor1d(ws), tf.ones([2 * n]), tf.zeros([2 * n])]));
    });

  it('leaves the variables behind until syncWeights, then writes the packed weights into them', () => {
    const a = tf.variable(tf.tensor2d([1, 2], [1, 2]));
    const b = tf.variable(tf.tensor1d([3]));
    const opt = new LiveAdam([a, b], { learningRate: 0.1, beta1: 0.5, beta2: 0.999 });
    expect(opt.packedState().size).toBe(15);
    opt.updateInPlace(setWeights([10, 20, 30]));
    expect(opt.iterations).toBe(1);
    expect(Array.from(a.dataSync())).toEqual([1, 2]);
    const before = tf.memory().numTensors;
    opt.syncWeights();
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(a.dataSync())).toEqual([10, 20]);
    expect(a.shape).toEqual([1, 2]);
    expect(Array.from(b.dataSync())).toEqual([30]);
    // The moments come back from the packed state too.
    expect(Array.from(opt.moments().m[0].dataSync())).toEqual([1, 1]);
    opt.dispose();
    a.dispose();
    b.dispose();
  });

  it('lets a variable written meanwhile (a restore) win over the packed weights, and rebuilds from it', () => {
    const a = tf.variable(tf.tensor1d([1, 2]));
    const opt = new LiveAdam([a], { learningRate: 0.1, beta1: 0.5, beta2: 0.999 });
    opt.updateInPlace(setWeights([10, 20]));
    a.assign(tf.tensor1d([7, 8]));
    opt.syncWeights();
    expect(Array.from(a.dataSync())).toEqual([7, 8]);
    expect(Array.from(opt.packedState().slice(0, 2).dataSync())).toEqual([7, 8]);
    opt.dispose();
    a.dispose();
  });

  it('keeps lazy variables in the packed state through syncWeights(true): paramRef finds them there, freshParam writes one back', () => {
    const a = tf.variable(tf.tensor1d([1, 2]));
    const b = tf.variable(tf.tensor1d([3]));
    const c = tf.variable(tf.tensor1d([4]));
    const opt = new LiveAdam([a, b, c], { learningRate: 0.1, beta1: 0.5, beta2: 0.999 });
    opt.lazyWriteBack([false, true, true]);
    // Nothing behind: the variables are their own newest values.
    expect(paramRef(b)).toEqual({ tensor: b, offset: 0 });
    opt.updateInPlace(setWeights([10, 20, 30, 40]));
    opt.syncWeights(true);
    expect(Array.from(a.dataSync())).toEqual([10, 20]);
    expect(Array.from(b.dataSync())).toEqual([3]);
    const ref = paramRef(b);
    expect(ref.tensor).toBe(opt.packedState());
    expect(ref.offset).toBe(2);
    expect(paramRef(c).offset).toBe(3);
    expect(freshParam(b)).toBe(b);
    expect(Array.from(b.dataSync())).toEqual([30]);
    expect(paramRef(b)).toEqual({ tensor: b, offset: 0 });
    expect(Array.from(c.dataSync())).toEqual([4]);
    opt.syncWeights();
    expect(Array.from(c.dataSync())).toEqual([40]);
    expect(paramRef(c)).toEqual({ tensor: c, offset: 0 });
    opt.dispose();
    // Released: another optimizer's variables are never looked up in this one.
    expect(paramRef(a)).toEqual({ tensor: a, offset: 0 });
    [a, b, c].forEach((v) => v.dispose());
  });

  it('starts an unfused update from the packed weights when they are ahead', () => {
    const a = tf.variable(tf.tensor1d([1]));
    const opt = new LiveAdam([a], { learningRate: 0.1, beta1: 0.5, beta2: 0.999 });
    opt.updateInPlace(setWeights([5]));
    tf.tidy(() => opt.apply([tf.tensor1d([0])]));
    // g = 0: m = 0.5·1, v = 0.999·1, so w = 5 − step·m/(√v + ε) with t = 2.
    const step = (0.1 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.5 ** 2);
    expect(a.dataSync()[0]).toBeCloseTo(5 - step * (0.5 / (Math.sqrt(0.999) + 1e-7)), 5);
    opt.dispose();
    a.dispose();
  });
});
