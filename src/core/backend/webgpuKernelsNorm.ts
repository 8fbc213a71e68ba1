/**
 * Fused WGSL kernels for BatchNorm (batch statistics) with the ReLU/LeakyReLU after it folded in
 * (docs/kernels.md). TF.js takes the forward as mean (a transpose and a reduce), sub, square,
 * mean again, add, sqrt, div, mul, add and the activation: 12 dispatches; the backward as the
 * activation's mask (Step, Mul), dγ and dβ (a Mul and two two-dispatch Sums) and dx (eight more):
 * 17. Here each is two:
 *
 * - statistics: one workgroup per channel sums its column (rows = every axis but the last), then
 *   the squared deviations from that mean: `[μ | √(var + ε)]`, 2·C values;
 * - apply: `act((x − μ)/sd·γ + β)`, one invocation per value;
 * - backward reduce: one workgroup per channel, `[dγ | dβ] = [Σ g′·x̂ | Σ g′]` with g′ the output
 *   gradient times the activation's mask step(y, α) (y the activated output: its sign is the
 *   pre-activation's); flattened it is dγ then dβ, the order of the flat gradient;
 * - backward input: `dx = γ/sd·(g′ − dβ/M − x̂·dγ/M)` (M rows), the closed form backprop.ts uses
 *   (mean(g′γ) = γ·dβ/M, mean(g′γ·x̂) = γ·dγ/M), x̂ recomputed from x and the statistics.
 *
 * Values are laid out as TF.js keeps them (NHWC or [batch, C]): value r·C + c is row r, channel c.
 */
import type * as tf from '@tensorflow/tfjs';
import { f32, grid, i32, runFused, type FusedProgram } from './webgpuKernels';
import type { ParamRef } from './packedParams';

const THREADS = 64;

/** WGSL: a workgroup's tree sum of `partial` (every lane must reach it: it has barriers). */
const TREE_SUM = `
  workgroupBarrier();
  for (var stride = ${THREADS / 2}; stride > 0; stride = stride / 2) {
    if (lane < stride) { partial[lane] = partial[lane] + partial[lane + stride]; }
    workgroupBarrier();
  }`;

/** C workgroups of THREADS lanes: lane `localIndex` of workgroup `workgroupId.x` (= channel). */
function perChannel(channels: number): Pick<FusedProgram, 'dispatchLayout' | 'dispatch' | 'workgroupSize'> {
  return { dispatchLayout: { x: [0] }, dispatch: [channels, 1, 1], workgroupSize: [THREADS, 1, 1] };
}

function statsProgram(channels: number): FusedProgram {
  return {
    variableNames: ['X'],
    outputShape: [2 * channels],
    shaderKey: 'ganBatchNormStats',
    ...perChannel(channels),
    uniforms: 'rows : i32, channels : i32, epsilon : f32,',
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${THREADS}>;
      fn main(index : i32) {
        let lane = i32(localIndex);
        let c = i32(workgroupId.x);
        let C = uniforms.channels;
        var acc = 0.0;
        for (var r = lane; r < uniforms.rows; r = r + ${THREADS}) { acc = acc + X[r * C + c]; }
        partial[lane] = acc;
        ${TREE_SUM}
        let mean = partial[0] / f32(uniforms.rows);
        workgroupBarrier();
        var dev = 0.0;
        for (var r = lane; r < uniforms.rows; r = r + ${THREADS}) {
          let d = X[r * C + c] - mean;
          dev = dev + d * d;
        }
        partial[lane] = dev;
        ${TREE_SUM}
        if (lane == 0) {
          result[c] = mean;
          result[C + c] = sqrt(partial[0] / f32(uniforms.rows) + uniforms.epsilon);
        }
      }`,
  };
}

/** `act` false: no activation. */
function applyProgram(shape: number[], act: boolean): FusedProgram {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    variableNames: ['X', 'S', 'Gamma', 'Beta'],
    outputShape: shape,
    shaderKey: `ganBatchNormApply_${act}`,
    ...grid(size),
    uniforms: 'total : i32, channels : i32, alpha : f32, gammaAt : i32, betaAt : i32,',
    getUserCode: () => `
      fn main(index : i32) {
        if (index >= uniforms.total) { return; }
        let C = uniforms.channels;
        let c = index % C;
        let v = (X[index] - S[c]) / S[C + c] * Gamma[uniforms.gammaAt + c] + Beta[uniforms.betaAt + c];
        ${act ? 'result[index] = select(uniforms.alpha * v, v, v > 0.0);' : 'result[index] = v;'}
      }`,
  };
}

/** WGSL: g′ at `at`, the output gradient times the activation's mask when there is one. */
const maskedGradient = (masked: boolean) => (masked ? 'G[at] * select(uniforms.alpha, 1.0, Y[at] > 0.0)' : 'G[at]');

function backwardReduceProgram(channels: number, masked: boolean): FusedProgram {
  return {
    variableNames: masked ? ['G', 'X', 'S', 'Y'] : ['G', 'X', 'S'],
    outputShape: [2 * channels],
    shaderKey: `ganBatchNormGradReduce_${masked}`,
    ...perChannel(channels),
    uniforms: 'rows : i32, channels : i32, alpha : f32,',
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${THREADS}>;
      fn main(index : i32) {
        let lane = i32(localIndex);
        let c = i32(workgroupId.x);
        let C = uniforms.channels;
        let mean = S[c];
        let sd = S[C + c];
        var dg = 0.0;
        var db = 0.0;
        for (var r = lane; r < uniforms.rows; r = r + ${THREADS}) {
          let at = r * C + c;
          let g = ${maskedGradient(masked)};
          dg = dg + g * ((X[at] - mean) / sd);
          db = db + g;
        }
        partial[lane] = dg;
        ${TREE_SUM}
        if (lane == 0) { result[c] = partial[0]; }
        workgroupBarrier();
        partial[lane] = db;
        ${TREE_SUM}
        if (lane == 0) { result[C + c] = partial[0]; }
      }`,
  };
}

function backwardInputProgram(shape: number[], masked: boolean): FusedProgram {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    variableNames: masked ? ['G', 'X', 'S', 'Gamma', 'R', 'Y'] : ['G', 'X', 'S', 'Gamma', 'R'],
    outputShape: shape,
    shaderKey: `ganBatchNormGradInput_${masked}`,
    ...grid(size),
    uniforms: 'total : i32, channels : i32, alpha : f32, invRows : f32, gammaAt : i32,',
    getUserCode: () => `
      fn main(index : i32) {
        if (index >= uniforms.total) { return; }
        let C = uniforms.channels;
        let c = index % C;
        let at = index;
        let g = ${maskedGradient(masked)};
        let sd = S[C + c];
        let xhat = (X[at] - S[c]) / sd;
        result[index] = Gamma[uniforms.gammaAt + c] / sd * (g - R[C + c] * uniforms.invRows - xhat * (R[c] * uniforms.invRows));
      }`,
  };
}

export interface BatchNormForward {
  /** The normalised, scaled, shifted and (when asked) activated output, x's shape. */
  output: tf.Tensor;
  /** `[μ | sd]` per channel, for the backward pass. */
  stats: tf.Tensor;
}

/** BatchNorm over every axis but the last, then `act` (α; null: none); γ and β read at their offsets (a packed optimizer state or the variables). */
export function batchNormForward(x: tf.Tensor, gamma: ParamRef, beta: ParamRef, epsilon: number, act: { alpha: number } | null): BatchNormForward {
  const channels = x.shape[x.rank - 1];
  const rows = x.size / channels;
  const stats = runFused(statsProgram(channels), [x], [i32(rows), i32(channels), f32(epsilon)]);
  const output = runFused(
    applyProgram(x.shape, act !== null),
    [x, stats, gamma.tensor, beta.tensor],
    [i32(x.size), i32(channels), f32(act?.alpha ?? 0), i32(gamma.offset), i32(beta.offset)],
  );
  return { output, stats };
}

export interface BatchNormBackwardArgs {
  /** ∂loss/∂(the activated output), before the activation's mask. */
  dy: tf.Tensor;
  input: tf.Tensor;
  stats: tf.Tensor;
  /** γ, read from its offset (a packed optimizer state or the variable). */
  gamma: ParamRef;
  /** The activation's mask (its source: the activated output); null: none or already applied. */
  mask: { source: tf.Tensor; alpha: number } | null;
  wantInput: boolean;
}

/** `[dγ | dβ]` (2·C values) and, when asked, dx. */
export function batchNormBackward(a: BatchNormBackwardArgs): { params: tf.Tensor; input: tf.Tensor | null } {
  const channels = a.input.shape[a.input.rank - 1];
  const rows = a.input.size / channels;
  const masked = a.mask !== null;
  const mask = a.mask ? [a.mask.source] : [];
  const alpha = f32(a.mask?.alpha ?? 0);
  const params = runFused(backwardReduceProgram(channels, masked), [a.dy, a.input, a.stats, ...mask], [i32(rows), i32(channels), alpha]);
  const input = a.wantInput
    ? runFused(
        backwardInputProgram(a.input.shape, masked),
        [a.dy, a.input, a.stats, a.gamma.tensor, params, ...mask],
        [i32(a.input.size), i32(channels), alpha, f32(1 / rows), i32(a.gamma.offset)],
      )
    : null;
  return { params, input };
}

/** Σ over every axis but the last, one workgroup per channel (a conv bias's gradient). */
function channelSumProgram(channels: number): FusedProgram {
  return {
    variableNames: ['G'],
    outputShape: [channels],
    shaderKey: 'ganChannelSum',
    ...perChannel(channels),
    uniforms: 'rows : i32, channels : i32,',
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${THREADS}>;
      fn main(index : i32) {
        let lane = i32(localIndex);
        let c = i32(workgroupId.x);
        var acc = 0.0;
        for (var r = lane; r < uniforms.rows; r = r + ${THREADS}) { acc = acc + G[r * uniforms.channels + c]; }
        partial[lane] = acc;
        ${TREE_SUM}
        if (lane == 0) { result[c] = partial[0]; }
      }`,
  };
}

/** Σ of `g` over every axis but the last (TF.js: a transpose and a reduce for NHWC's first three axes). */
export function channelSum(g: tf.Tensor): tf.Tensor {
  const channels = g.shape[g.rank - 1];
  return runFused(channelSumProgram(channels), [g], [i32(g.size / channels), i32(channels)]);
}
