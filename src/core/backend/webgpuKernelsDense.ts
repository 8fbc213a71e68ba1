/**
 * Fused WGSL kernels for a dense layer's backward pass and the stacked logit loss's gradient
 * (the runner and the optimizer's kernels are in webgpuKernels.ts; docs/kernels.md). TF.js takes
 * a dense layer's backward as mask (Step, Mul), dW (a transpose and a matMul), db (Sum) and dx
 * (a transpose and a matMul): six or seven dispatches. Here it is two, with both ReLU/LeakyReLU
 * masks folded in — this layer's on its output gradient, the layer below's on the input gradient:
 *
 * - param gradient: `[dW; db]` as one `[in + 1, out]` matrix (xᵀ·g with a column of ones for the
 *   bias), which flattened is exactly dW then db, the order the flat gradient keeps them in;
 * - input gradient: `(g ⊙ step(y, α))·Wᵀ`, times the layer below's `step(y', α')`.
 *
 * One invocation per output element, each summing over the batch or the units in the order
 * TF.js's naive kernels would; plain loops, no tiling: at this app's sizes (≤ 512 × 256) the
 * dispatch, not the arithmetic, is what costs.
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseBackward, DenseBackwardArgs, StepKernels } from './stepKernels';
import { emaLerp, f32, grid, i32, runFused, type FusedProgram } from './webgpuKernels';
import { batchNormBackward, batchNormForward, channelSum } from './webgpuKernelsNorm';
import { spectralGradient, spectralNormalize, spectralVector } from './webgpuKernelsSpectral';
import { dropoutBackward, dropoutForward, dropoutSlicesFused, tanhBackward } from './webgpuKernelsElementwise';

/** WGSL for `step(y, α)` of mask source `name` at `at`: 1 where y > 0, α elsewhere (tf.step). */
const maskOf = (name: string, at: string, alpha: string) => `select(${alpha}, 1.0, ${name}[${at}] > 0.0)`;

function paramGradProgram(rows: number, outDim: number, masked: boolean): FusedProgram {
  return {
    variableNames: masked ? ['X', 'G', 'Y'] : ['X', 'G'],
    outputShape: [rows, outDim],
    shaderKey: `ganDenseParamGrad_${masked}`,
    ...grid(rows * outDim),
    // Sizes are uniforms, never baked into the WGSL: TF.js caches a pipeline by the ranks of its
    // shapes, not their sizes.
    uniforms: 'batch : i32, inDim : i32, outDim : i32, alpha : f32, rows : i32,',
    getUserCode: () => `
      fn main(index : i32) {
        let outDim = uniforms.outDim;
        let inDim = uniforms.inDim;
        if (index >= uniforms.rows * outDim) { return; }
        let k = index / outDim;
        let j = index - k * outDim;
        var acc = 0.0;
        for (var i = 0; i < uniforms.batch; i = i + 1) {
          let at = i * outDim + j;
          var g = G[at];
          ${masked ? `g = g * ${maskOf('Y', 'at', 'uniforms.alpha')};` : ''}
          if (k < inDim) { acc = acc + X[i * inDim + k] * g; } else { acc = acc + g; }
        }
        result[index] = acc;
      }`,
  };
}

function inputGradProgram(batch: number, inDim: number, masked: boolean, maskedBelow: boolean): FusedProgram {
  const names = ['G', 'W', ...(masked ? ['Y'] : []), ...(maskedBelow ? ['L'] : [])];
  return {
    variableNames: names,
    outputShape: [batch, inDim],
    shaderKey: `ganDenseInputGrad_${masked}_${maskedBelow}`,
    ...grid(batch * inDim),
    uniforms: 'batch : i32, inDim : i32, outDim : i32, alpha : f32, alphaBelow : f32,',
    getUserCode: () => `
      fn main(index : i32) {
        let outDim = uniforms.outDim;
        let inDim = uniforms.inDim;
        if (index >= uniforms.batch * inDim) { return; }
        let i = index / inDim;
        let k = index - i * inDim;
        var acc = 0.0;
        for (var j = 0; j < outDim; j = j + 1) {
          let at = i * outDim + j;
          var g = G[at];
          ${masked ? `g = g * ${maskOf('Y', 'at', 'uniforms.alpha')};` : ''}
          acc = acc + g * W[k * outDim + j];
        }
        ${maskedBelow ? `acc = acc * ${maskOf('L', 'index', 'uniforms.alphaBelow')};` : ''}
        result[index] = acc;
      }`,
  };
}

/** ∂L_D/∂y of the stacked logit loss at target 1: sigmoid(s·y)·s/n, s = −1 on the first n rows, +1 after. */
function logitGradProgram(rows: number): FusedProgram {
  return {
    variableNames: ['Y'],
    outputShape: [rows, 1],
    shaderKey: 'ganStackedLogitGrad',
    ...grid(rows),
    uniforms: 'n : i32, invN : f32,',
    getUserCode: () => `
      fn main(index : i32) {
        if (index >= 2 * uniforms.n) { return; }
        let s = select(1.0, -1.0, index < uniforms.n);
        let z = Y[index] * s;
        result[index] = (1.0 / (1.0 + exp(-z))) * (s * uniforms.invN);
      }`,
  };
}

const REDUCE_THREADS = 256;

/** WGSL: softplus and sigmoid as TF.js's kernels compute them (softplus linear or exp in the tails). */
const LOGIT_FNS = `
  fn softplusOf(x : f32) -> f32 {
    if (x > 15.942385) { return x; }
    if (x < -15.942385) { return exp(x); }
    return log(exp(x) + 1.0);
  }
  fn sigmoidOf(x : f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }`;

/**
 * The charted values of a D update on the stacked logits, by one workgroup: [L_D, mean σ(real),
 * mean σ(fake)] with L_D = Σ softplus(s·y)/n (what tapeFreeStep.ts sums).
 */
function logitReportProgram(): FusedProgram {
  return {
    variableNames: ['Y'],
    outputShape: [3],
    shaderKey: 'ganStackedLogitReport',
    ...grid(1, REDUCE_THREADS),
    uniforms: 'n : i32,',
    getUserCode: () => `
      ${LOGIT_FNS}
      var<workgroup> partial : array<vec3<f32>, ${REDUCE_THREADS}>;
      fn main(index : i32) {
        let lane = i32(localIndex);
        let n = uniforms.n;
        var acc = vec3<f32>(0.0, 0.0, 0.0);
        for (var i = lane; i < 2 * n; i = i + ${REDUCE_THREADS}) {
          let y = Y[i];
          if (i < n) { acc = acc + vec3<f32>(softplusOf(-y), sigmoidOf(y), 0.0); }
          else { acc = acc + vec3<f32>(softplusOf(y), 0.0, sigmoidOf(y)); }
        }
        partial[lane] = acc;
        workgroupBarrier();
        for (var stride = ${REDUCE_THREADS / 2}; stride > 0; stride = stride / 2) {
          if (lane < stride) { partial[lane] = partial[lane] + partial[lane + stride]; }
          workgroupBarrier();
        }
        if (lane < 3) { result[lane] = partial[0][lane] / f32(n); }
      }`,
  };
}

/** The non-saturating G loss mean(softplus(−y)) (one workgroup), for generatorLogitLoss. */
function generatorLossProgram(): FusedProgram {
  return {
    variableNames: ['Y'],
    outputShape: [1],
    shaderKey: 'ganGeneratorLogitLoss',
    ...grid(1, REDUCE_THREADS),
    uniforms: 'n : i32,',
    getUserCode: () => `
      ${LOGIT_FNS}
      var<workgroup> partial : array<f32, ${REDUCE_THREADS}>;
      fn main(index : i32) {
        let lane = i32(localIndex);
        var acc = 0.0;
        for (var i = lane; i < uniforms.n; i = i + ${REDUCE_THREADS}) { acc = acc + softplusOf(-Y[i]); }
        partial[lane] = acc;
        workgroupBarrier();
        for (var stride = ${REDUCE_THREADS / 2}; stride > 0; stride = stride / 2) {
          if (lane < stride) { partial[lane] = partial[lane] + partial[lane + stride]; }
          workgroupBarrier();
        }
        if (lane == 0) { result[0] = partial[0] / f32(uniforms.n); }
      }`,
  };
}

/** Its gradient −σ(−y)/n, one invocation per logit. */
function generatorGradProgram(rows: number): FusedProgram {
  return {
    variableNames: ['Y'],
    outputShape: [rows, 1],
    shaderKey: 'ganGeneratorLogitGrad',
    ...grid(rows),
    uniforms: 'n : i32, invN : f32,',
    getUserCode: () => `
      ${LOGIT_FNS}
      fn main(index : i32) {
        if (index >= uniforms.n) { return; }
        result[index] = -sigmoidOf(-Y[index]) * uniforms.invN;
      }`,
  };
}

/** The hinge loss's ∂L_D/∂y on stacked outputs: −step(1 − y)/n on the n real rows, step(1 + y)/n on the fake rows. */
function hingeGradProgram(rows: number): FusedProgram {
  return {
    variableNames: ['Y'],
    outputShape: [rows, 1],
    shaderKey: 'ganStackedHingeGrad',
    ...grid(rows),
    uniforms: 'n : i32, invN : f32,',
    getUserCode: () => `
      fn main(index : i32) {
        if (index >= 2 * uniforms.n) { return; }
        let y = Y[index];
        if (index < uniforms.n) { result[index] = select(0.0, -uniforms.invN, 1.0 - y > 0.0); }
        else { result[index] = select(0.0, uniforms.invN, 1.0 + y > 0.0); }
      }`,
  };
}

const scalarAt = (v: tf.Tensor, k: number): tf.Scalar => tf.reshape(tf.slice(v, [k], [1]), []) as tf.Scalar;

function denseBackward(a: DenseBackwardArgs): DenseBackward {
  const [batch, inDim] = a.input.shape as [number, number];
  const outDim = a.dy.shape[1] as number;
  const mask = a.mask ? [a.mask.source] : [];
  const alpha = a.mask?.alpha ?? 0;
  const uniforms = [i32(batch), i32(inDim), i32(outDim), f32(alpha)];
  const rows = inDim + (a.hasBias ? 1 : 0);
  const params = a.wantParams ? runFused(paramGradProgram(rows, outDim, a.mask !== null), [a.input, a.dy, ...mask], [...uniforms, i32(rows)]) : null;
  let input: tf.Tensor | null = null;
  if (a.wantInput) {
    const below = a.maskBelow ? [a.maskBelow.source] : [];
    input = runFused(
      inputGradProgram(batch, inDim, a.mask !== null, a.maskBelow !== null),
      [a.dy, a.weight, ...mask, ...below],
      [...uniforms, f32(a.maskBelow?.alpha ?? 0)],
    );
  }
  return { params, input };
}

export const WEBGPU_STEP_KERNELS: StepKernels = {
  denseBackward,
  batchNormForward,
  batchNormBackward,
  spectralVector,
  spectralNormalize,
  spectralGradient,
  emaLerp,
  dropoutSlices: dropoutSlicesFused,
  dropoutForward,
  dropoutBackward,
  tanhBackward,
  channelSum,
  stackedHingeGradient: (out, n) => runFused(hingeGradProgram(2 * n), [out], [i32(n), f32(1 / n)]),
  stackedLogitGradient: (logits, n) => runFused(logitGradProgram(2 * n), [logits], [i32(n), f32(1 / n)]),
  stackedLogitReport(logits, n) {
    const r = runFused(logitReportProgram(), [logits], [i32(n)]);
    return { dLoss: scalarAt(r, 0), dReal: scalarAt(r, 1), dFake: scalarAt(r, 2) };
  },
  generatorLogitLoss(logits) {
    const n = logits.size;
    return {
      loss: tf.reshape(runFused(generatorLossProgram(), [logits], [i32(n)]), []) as tf.Scalar,
      grad: runFused(generatorGradProgram(n), [logits], [i32(n), f32(1 / n)]),
    };
  },
};
