/**
 * Fused WGSL kernels for spectral normalization (train/spectralNorm.ts; docs/kernels.md). Each
 * kernel W is seen as a matrix [in, out] (value i·out + j); u ∈ R^out and v ∈ R^in are the power
 * iteration's vectors. TF.js takes one power iteration as two MatMuls and two norms (Abs, Pow,
 * Sum, Sqrt, Add, Div each): 14 dispatches a kernel; W/σ(W) as MatMul, Mul, Sum, Div (4); and
 * the kernel gradient through σ as 11. Here they are 2, 1 and 1, each one workgroup that reduces
 * in shared memory and then writes its output (these matrices are at most a few hundred thousand
 * values; on a large one the single workgroup would be the cost, not the dispatch):
 *
 * - `unit(W·u)` (v) or `unit(Wᵀ·v)` (u), unit(x) = x/(‖x‖ + 1e-12) as spectralNorm.ts has it;
 * - Ŵ = W/σ with σ = vᵀ·W·u;
 * - ∂L/∂W = Ĝ/σ − (⟨Ĝ, W⟩/σ²)·v uᵀ from ∂L/∂Ŵ = Ĝ.
 */
import type * as tf from '@tensorflow/tfjs';
import { grid, i32, runFused, type FusedProgram } from './webgpuKernels';

const THREADS = 256;

const TREE_SUM = `
  partial[lane] = acc;
  workgroupBarrier();
  for (var stride = ${THREADS / 2}; stride > 0; stride = stride / 2) {
    if (lane < stride) { partial[lane] = partial[lane] + partial[lane + stride]; }
    workgroupBarrier();
  }`;

/** WGSL: σ-part of row i, v_i·Σ_j W[i, j]·u_j. */
const ROW_SIGMA = `
  fn rowSigma(i : i32) -> f32 {
    var dot = 0.0;
    for (var j = 0; j < uniforms.outDim; j = j + 1) { dot = dot + W[i * uniforms.outDim + j] * U[j]; }
    return V[i] * dot;
  }`;

/** v ← unit(W·u) (`transpose` false: length in) or u ← unit(Wᵀ·v) (true: length out). */
function vectorProgram(length: number, transpose: boolean): FusedProgram {
  return {
    variableNames: ['W', 'X'],
    outputShape: [length],
    shaderKey: `ganSpectralVector_${transpose}`,
    ...grid(1, THREADS),
    uniforms: 'inDim : i32, outDim : i32,',
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${THREADS}>;
      fn entry(k : i32) -> f32 {
        var dot = 0.0;
        ${
          transpose
            ? 'for (var i = 0; i < uniforms.inDim; i = i + 1) { dot = dot + W[i * uniforms.outDim + k] * X[i]; }'
            : 'for (var j = 0; j < uniforms.outDim; j = j + 1) { dot = dot + W[k * uniforms.outDim + j] * X[j]; }'
        }
        return dot;
      }
      fn main(index : i32) {
        let lane = i32(localIndex);
        let n = ${transpose ? 'uniforms.outDim' : 'uniforms.inDim'};
        var acc = 0.0;
        for (var k = lane; k < n; k = k + ${THREADS}) {
          let x = entry(k);
          result[k] = x;
          acc = acc + x * x;
        }
        ${TREE_SUM}
        let scale = 1.0 / (sqrt(partial[0]) + 1e-12);
        for (var k = lane; k < n; k = k + ${THREADS}) { result[k] = result[k] * scale; }
      }`,
  };
}

function normalizeProgram(shape: number[]): FusedProgram {
  return {
    variableNames: ['W', 'U', 'V'],
    outputShape: shape,
    shaderKey: 'ganSpectralNormalize',
    ...grid(1, THREADS),
    uniforms: 'inDim : i32, outDim : i32,',
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${THREADS}>;
      ${ROW_SIGMA}
      fn main(index : i32) {
        let lane = i32(localIndex);
        var acc = 0.0;
        for (var i = lane; i < uniforms.inDim; i = i + ${THREADS}) { acc = acc + rowSigma(i); }
        ${TREE_SUM}
        let sigma = partial[0];
        for (var e = lane; e < uniforms.inDim * uniforms.outDim; e = e + ${THREADS}) { result[e] = W[e] / sigma; }
      }`,
  };
}

function gradientProgram(shape: number[]): FusedProgram {
  return {
    variableNames: ['G', 'W', 'U', 'V'],
    outputShape: shape,
    shaderKey: 'ganSpectralGradient',
    ...grid(1, THREADS),
    uniforms: 'inDim : i32, outDim : i32,',
    getUserCode: () => `
      var<workgroup> partial : array<vec2<f32>, ${THREADS}>;
      ${ROW_SIGMA}
      fn main(index : i32) {
        let lane = i32(localIndex);
        let outDim = uniforms.outDim;
        var acc = vec2<f32>(0.0, 0.0);
        for (var i = lane; i < uniforms.inDim; i = i + ${THREADS}) {
          var gw = 0.0;
          for (var j = 0; j < outDim; j = j + 1) { gw = gw + G[i * outDim + j] * W[i * outDim + j]; }
          acc = acc + vec2<f32>(rowSigma(i), gw);
        }
        ${TREE_SUM}
        let sigma = partial[0].x;
        let coef = partial[0].y / (sigma * sigma);
        for (var e = lane; e < uniforms.inDim * outDim; e = e + ${THREADS}) {
          let i = e / outDim;
          result[e] = G[e] / sigma - V[i] * U[e - i * outDim] * coef;
        }
      }`,
  };
}

const dims = (w: tf.Tensor): [number, number] => {
  const out = w.shape[w.rank - 1];
  return [w.size / out, out];
};

/** One power-iteration half: `transpose` false: unit(W·u) (the new v); true: unit(Wᵀ·v) (the new u). */
export function spectralVector(w: tf.Tensor, x: tf.Tensor, transpose: boolean): tf.Tensor {
  const [inDim, out] = dims(w);
  return runFused(vectorProgram(transpose ? out : inDim, transpose), [w, x], [i32(inDim), i32(out)]);
}

/** W/σ(W), σ = vᵀ·W·u, W's shape. */
export function spectralNormalize(w: tf.Tensor, u: tf.Tensor, v: tf.Tensor): tf.Tensor {
  const [inDim, out] = dims(w);
  return runFused(normalizeProgram(w.shape), [w, u, v], [i32(inDim), i32(out)]);
}

/** ∂L/∂W from ∂L/∂(W/σ(W)) = `gHat`, u and v constants. */
export function spectralGradient(gHat: tf.Tensor, w: tf.Tensor, u: tf.Tensor, v: tf.Tensor): tf.Tensor {
  const [inDim, out] = dims(w);
  return runFused(gradientProgram(w.shape), [gHat, w, u, v], [i32(inDim), i32(out)]);
}
