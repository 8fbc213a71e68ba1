/**
 * Every op the trainer's graph uses, forward and gradient, on wasm (with the app's kernels)
 * against the cpu backend. Inputs come from seeded tf.random* (generated in JS, so both backends
 * see identical values); each case builds its tensors on the backend in use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { APP_WASM_KERNELS, registerWasmTrainingKernels } from './wasmKernels';

const REL_TOL = 1e-4;

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(tf.getBackend()).toBe('wasm');
});

type Case = () => tf.Tensor[];

async function runOn(backend: 'cpu' | 'wasm', f: Case): Promise<{ shape: number[]; values: number[] }[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  const outs = tf.tidy(f);
  const res = await Promise.all(outs.map(async (t) => ({ shape: t.shape, values: Array.from(await t.data(), Number) })));
  tf.dispose(outs);
  return res;
}

/** Max |wasm − cpu| must stay below REL_TOL × the reference's scale (at least 1). */
async function expectSameOnWasmAndCpu(f: Case): Promise<void> {
  // Cases that draw seeds while running must draw the same ones on both backends.
  const seed0 = seed;
  const ref = await runOn('cpu', f);
  seed = seed0;
  const got = await runOn('wasm', f);
  expect(got.length).toBe(ref.length);
  ref.forEach((r, k) => {
    expect(got[k].shape, `output ${k} shape`).toEqual(r.shape);
    let scale = 1;
    let maxDiff = 0;
    r.values.forEach((v, i) => {
      scale = Math.max(scale, Math.abs(v));
      const d = Math.abs(v - got[k].values[i]);
      maxDiff = Number.isNaN(d) ? Infinity : Math.max(maxDiff, d);
    });
    expect(maxDiff, `output ${k}: max |wasm − cpu| vs scale ${scale}`).toBeLessThanOrEqual(REL_TOL * scale);
  });
}

let seed = 1;
const uni = (shape: number[], lo = -1, hi = 1) => tf.randomUniform(shape, lo, hi, 'float32', seed++);

/** Forward value and the gradient of a weighted sum (so each output element's gradient differs). */
function withGrad(fn: (x: tf.Tensor) => tf.Tensor, shape: number[], lo = -1, hi = 1): Case {
  const s = seed++;
  return () => {
    const x = tf.randomUniform(shape, lo, hi, 'float32', s);
    const y = fn(x);
    const w = tf.randomUniform(y.shape, -1, 1, 'float32', s + 1000);
    const g = tf.grad((v: tf.Tensor) => fn(v).mul(w).sum())(x);
    return [y, g];
  };
}

function withGrads(fn: (...xs: tf.Tensor[]) => tf.Tensor, shapes: number[][]): Case {
  const s = seed++;
  return () => {
    const xs = shapes.map((sh, i) => tf.randomUniform(sh, -1, 1, 'float32', s * 100 + i));
    const y = fn(...xs);
    const w = tf.randomUniform(y.shape, -1, 1, 'float32', s + 1000);
    const gs = tf.grads((...v: tf.Tensor[]) =>
      fn(...v)
        .mul(w)
        .sum(),
    )(xs);
    return [y, ...gs];
  };
}

describe('app wasm kernels', () => {
  it('registers its kernels for wasm, idempotently', () => {
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    for (const k of APP_WASM_KERNELS) expect(tf.getKernel(k, 'wasm'), k).toBeDefined();
  });

  it('rejects NCHW and dilations with a clear error', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const x = tf.zeros([1, 4, 4, 2]);
    const dy = tf.zeros([1, 4, 4, 3]);
    const common = { strides: [1, 1], pad: 'same' };
    expect(() =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...common, dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] } as tf.NamedAttrMap),
    ).toThrow(/only NHWC/);
    expect(() =>
      tf
        .engine()
        .runKernel('Conv2DBackpropFilter', { x, dy }, { ...common, dataFormat: 'NHWC', dilations: [2, 2], filterShape: [3, 3, 2, 3] } as tf.NamedAttrMap),
    ).toThrow(/only dilations 1/);
    tf.dispose([x, dy]);
  });

  it('leaks no tensors or wasm buffers through a conv + convT gradient', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const x = tf.randomUniform([2, 8, 8, 3], -1, 1, 'float32', 7) as tf.Tensor4D;
    const w = tf.randomUniform([5, 5, 3, 4], -1, 1, 'float32', 8) as tf.Tensor4D;
    const step = () =>
      tf.tidy(() =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf
            .conv2dTranspose(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'), b as tf.Tensor4D, [2, 8, 8, 3], 2, 'same')
            .square()
            .sum(),
        )([x, w]),
      );
    tf.dispose(step());
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    for (let i = 0; i < 3; i++) tf.dispose(step());
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
    tf.dispose([x, w]);
  });
});

describe('wasm matches cpu: elementwise ops, forward and gradient', () => {
  const unary: [string, (x: tf.Tensor) => tf.Tensor, number, number][] = [
    ['neg', (x) => tf.neg(x), -1, 1],
    ['leakyRelu', (x) => tf.leakyRelu(x, 0.2), -1, 1],
    ['relu', (x) => tf.relu(x), -1, 1],
    ['tanh', (x) => tf.tanh(x), -2, 2],
    ['sigmoid', (x) => tf.sigmoid(x), -3, 3],
    ['softplus', (x) => tf.softplus(x), -3, 3],
    ['log', (x) => tf.log(x), 0.2, 3],
    ['exp', (x) => tf.exp(x), -2, 2],
    ['abs', (x) => tf.abs(x), -1, 1],
    ['square', (x) => tf.square(x), -2, 2],
    ['sqrt', (x) => tf.sqrt(x), 0.2, 3],
    ['sign', (x) => tf.sign(x), -1, 1],
    ['step', (x) => tf.step(x, 0.1), -1, 1],
    ['clipByValue', (x) => tf.clipByValue(x, -0.4, 0.6), -1, 1],
    ['cast int32 → float32', (x) => tf.cast(tf.cast(x.mul(5), 'int32'), 'float32').add(x), -1, 1],
  ];
  for (const [name, fn, lo, hi] of unary) {
    it(name, () => expectSameOnWasmAndCpu(withGrad(fn, [3, 5, 4], lo, hi)));
  }

  const binary: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
    ['add', (a, b) => tf.add(a, b)],
    ['sub', (a, b) => tf.sub(a, b)],
    ['mul', (a, b) => tf.mul(a, b)],
    ['div', (a, b) => tf.div(a, b.abs().add(0.5))],
    ['maximum', (a, b) => tf.maximum(a, b)],
    ['minimum', (a, b) => tf.minimum(a, b)],
  ];
  for (const [name, fn] of binary) {
    it(`${name} (same shape)`, () =>
      expectSameOnWasmAndCpu(
        withGrads(fn, [
          [4, 6],
          [4, 6],
        ]),
      ));
    // TF.js 4.22's Maximum/Minimum gradients do not reduce over broadcast axes (on every backend),
    // so a broadcast operand of those two may only be a constant; its gradient is not asked for.
    const broadcastGrad = name !== 'maximum' && name !== 'minimum';
    it(`${name} (broadcast [2,4,6] with [6])`, () =>
      expectSameOnWasmAndCpu(
        broadcastGrad
          ? withGrads(fn, [[2, 4, 6], [6]])
          : () => {
              const b = uni([6]);
              return withGrad((a) => fn(a, b), [2, 4, 6])();
            },
      ));
  }

  it('greaterEqual (forward; bool as 0/1)', () => expectSameOnWasmAndCpu(() => [tf.cast(tf.greaterEqual(uni([5, 7]), uni([7])), 'float32')]));

  it('dropout with a seed (same mask on both backends), and its gradient', () =>
    expectSameOnWasmAndCpu(withGrad((x) => tf.dropout(x, 0.3, undefined, 42), [4, 8, 8, 3])));
});

describe('wasm matches cpu: reductions and shape ops', () => {
  it('sum over axes', () => expectSameOnWasmAndCpu(withGrad((x) => tf.sum(x, [0, 2]), [3, 4, 5])));
  it('sum over all', () => expectSameOnWasmAndCpu(withGrad((x) => tf.sum(x).reshape([1]), [3, 4, 5])));
  it('mean over axes', () => expectSameOnWasmAndCpu(withGrad((x) => tf.mean(x, [0, 1, 2]), [4, 3, 3, 5])));
  it('moments (mean, variance) over batch+space', () =>
    expectSameOnWasmAndCpu(() => {
      const x = uni([4, 3, 3, 5]);
      const m = tf.moments(x, [0, 1, 2]);
      const w = uni([5]);
      const [g] = tf.grads((v: tf.Tensor) => {
        const mm = tf.moments(v, [0, 1, 2]);
        return mm.variance.mul(w).add(mm.mean.mul(w.square())).sum();
      })([x]);
      return [m.mean, m.variance, g];
    }));
  it('reshape', () => expectSameOnWasmAndCpu(withGrad((x) => tf.reshape(x, [6, 10]).mul(tf.range(0, 10)), [3, 4, 5])));
  it('stack', () =>
    expectSameOnWasmAndCpu(
      withGrads(
        (a, b, c) => tf.stack([a, b, c], 1),
        [
          [3, 4],
          [3, 4],
          [3, 4],
        ],
      ),
    ));
  it('concat (last axis)', () =>
    expectSameOnWasmAndCpu(
      withGrads(
        (a, b) => tf.concat([a, b], -1),
        [
          [2, 3, 4],
          [2, 3, 2],
        ],
      ),
    ));
  it('concat (axis 0)', () =>
    expectSameOnWasmAndCpu(
      withGrads(
        (a, b) => tf.concat([a, b], 0),
        [
          [2, 3],
          [5, 3],
        ],
      ),
    ));
  it('slice', () => expectSameOnWasmAndCpu(withGrad((x) => tf.slice(x, [1, 0, 2], [2, 3, 2]), [3, 4, 5])));
});

describe('wasm matches cpu: matMul (all transposes), forward and gradient', () => {
  for (const ta of [false, true]) {
    for (const tb of [false, true]) {
      it(`matMul transposeA=${ta} transposeB=${tb}`, () =>
        expectSameOnWasmAndCpu(withGrads((a, b) => tf.matMul(a, b, ta, tb), [ta ? [7, 5] : [5, 7], tb ? [3, 7] : [7, 3]])));
    }
  }
  it('batched matMul with transposeB', () =>
    expectSameOnWasmAndCpu(
      withGrads(
        (a, b) => tf.matMul(a, b, false, true),
        [
          [2, 5, 7],
          [2, 3, 7],
        ],
      ),
    ));
  for (const activation of ['linear', 'relu', 'leakyrelu'] as const) {
    it(`_FusedMatMul run directly on rank-2 tensors (bias, ${activation}), as the tape-free step does`, () =>
      expectSameOnWasmAndCpu(() => {
        const [x, w, b] = [uni([9, 6]), uni([6, 4]), uni([4])];
        const run = (bias?: tf.Tensor) =>
          tf.engine().runKernel('_FusedMatMul', bias ? { a: x, b: w, bias } : { a: x, b: w }, {
            transposeA: false,
            transposeB: false,
            activation,
            leakyreluAlpha: 0.2,
          }) as tf.Tensor;
        return [run(b), run()];
      }));
  }
  it('batched matMul with transposeA', () =>
    expectSameOnWasmAndCpu(
      withGrads(
        (a, b) => tf.matMul(a, b, true, false),
        [
          [2, 7, 5],
          [2, 7, 3],
        ],
      ),
    ));
  it('dense layer (x·W + b) at a realistic size', () =>
    expectSameOnWasmAndCpu(withGrads((x, w, b) => tf.add(tf.matMul(x, w), b), [[16, 100], [100, 256], [256]])));
});

describe('wasm matches cpu: convolutions, forward and both gradients', () => {
  const conv: [number[], number, number, number, 'same' | 'valid'][] = [
    // x shape, kernel, out channels, stride, padding
    [[2, 8, 8, 3], 5, 4, 1, 'same'],
    [[2, 8, 8, 3], 5, 4, 2, 'same'],
    [[2, 7, 7, 3], 5, 4, 2, 'same'],
    [[2, 9, 9, 3], 3, 4, 1, 'valid'],
    [[2, 9, 10, 3], 3, 4, 2, 'valid'],
    [[2, 16, 16, 8], 5, 16, 2, 'same'],
    // Stride-1 'same' takes the block-copy im2col: odd and even kernels (4×4 pads 1 before, 2
    // after), a non-square plane, one input channel and one pixel wide.
    [[3, 6, 7, 4], 3, 5, 1, 'same'],
    [[2, 5, 6, 3], 4, 2, 1, 'same'],
    [[2, 4, 4, 1], 3, 8, 1, 'same'],
    [[2, 1, 5, 2], 3, 3, 1, 'same'],
    // Stride 2 by phase planes (at least MIN_PHASE_PLANE floats a phase): 12×12 and 16×8 phases.
    [[2, 24, 24, 2], 4, 3, 2, 'same'],
    [[1, 32, 16, 3], 3, 2, 2, 'same'],
  ];
  for (const [xs, k, co, s, pad] of conv) {
    it(`conv2d ${k}×${k} x${JSON.stringify(xs)} → ${co} stride ${s} '${pad}'`, () =>
      expectSameOnWasmAndCpu(withGrads((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, pad), [xs, [k, k, xs[3], co]])));
  }

  const convT: [number[], number, number, number][] = [
    // x shape, kernel, out channels, stride ('same')
    [[2, 4, 4, 8], 5, 4, 1],
    [[2, 4, 4, 8], 5, 4, 2],
    [[2, 8, 8, 16], 5, 3, 2],
    [[2, 7, 7, 6], 5, 5, 2],
  ];
  for (const [xs, k, co, s] of convT) {
    const out = [xs[0], xs[1] * s, xs[2] * s, co] as [number, number, number, number];
    it(`conv2dTranspose ${k}×${k} x${JSON.stringify(xs)} → ${JSON.stringify(out)} stride ${s} 'same'`, () =>
      expectSameOnWasmAndCpu(withGrads((x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, out, s, 'same'), [xs, [k, k, co, xs[3]]])));
  }
});

describe('wasm matches cpu: a DCGAN-like block end to end', () => {
  it('convT → batchnorm by hand → leakyRelu → conv → dense: loss and every variable gradient', () =>
    expectSameOnWasmAndCpu(() => {
      const B = 4;
      const v = (shape: number[], scale: number) => tf.variable(tf.randomUniform(shape, -scale, scale, 'float32', seed++));
      const z = uni([B, 4, 4, 8]) as tf.Tensor4D;
      const wT = v([5, 5, 6, 8], 0.3);
      const gamma = v([6], 1);
      const beta = v([6], 0.5);
      const wC = v([5, 5, 6, 5], 0.3);
      const bC = v([5], 0.1);
      const wD = v([4 * 4 * 5, 1], 0.3);
      const vars = [wT, gamma, beta, wC, bC, wD];
      const loss = () => {
        const h = tf.conv2dTranspose(z, wT as tf.Tensor4D, [B, 8, 8, 6], 2, 'same');
        const { mean, variance } = tf.moments(h, [0, 1, 2]);
        const bn = h
          .sub(mean)
          .div(tf.sqrt(variance.add(1e-3)))
          .mul(gamma)
          .add(beta);
        const a = tf.leakyRelu(bn, 0.2);
        const c = tf.leakyRelu(tf.conv2d(a as tf.Tensor4D, wC as tf.Tensor4D, 2, 'same').add(bC), 0.2);
        const logits = tf.matMul(c.reshape([B, -1]), wD);
        // Non-saturating GAN loss on "fake" labels: softplus(−logits).
        return tf.mean(tf.softplus(tf.neg(logits))) as tf.Scalar;
      };
      const { value, grads } = tf.variableGrads(loss, vars);
      const out = [value.reshape([1]), ...vars.map((x) => grads[x.name])];
      tf.dispose(vars); // tidy does not dispose variables
      return out;
    }));
});
