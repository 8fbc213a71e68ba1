/**
 * Fused WGSL kernels for the tape-free training step on the `webgpu` backend, run through TF.js's
 * WebGPU program API (`WebGPUBackend.runWebGPUProgram` with a program object: its inputs, output
 * shape, uniforms and WGSL body; TF.js adds the bindings, the uniform struct and the entry point).
 * On WebGPU a step's cost is mostly its dispatches, so each kernel here does in one dispatch what
 * took TF.js several (docs/kernels.md). This file: the runner and the optimizer's kernels (Adam
 * over a network's whole flat state with the L1/L2 gradients folded in, and the gradient norm);
 * webgpuKernelsDense.ts: dense backward and the loss gradient.
 *
 * A program has one writable buffer (`result`); it may be read as well as written, which is how
 * Adam updates weights and moments in place. Inputs are read-only storage buffers.
 */
import * as tf from '@tensorflow/tfjs';

/** The part of TF.js's WebGPUProgram these kernels set (webgpu_program.d.ts). */
export interface FusedProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  /** Extra uniform struct fields, `name : type, …` in the order of the uniform data. */
  uniforms?: string;
  size?: boolean;
  getUserCode(): string;
}

interface Uniform {
  type: 'float32' | 'int32';
  data: number[];
}

interface WebGpuBackendLike {
  runWebGPUProgram(program: FusedProgram, inputs: tf.TensorInfo[], dtype: 'float32', uniforms?: Uniform[], output?: tf.TensorInfo): tf.TensorInfo;
}

export const WORKGROUP = 64;

/** A 1-D grid of `threads` invocations in workgroups of `size` (TF.js splits a grid over 65,535 groups). */
export function grid(threads: number, size = WORKGROUP): Pick<FusedProgram, 'dispatchLayout' | 'dispatch' | 'workgroupSize'> {
  return { dispatchLayout: { x: [0] }, dispatch: [Math.max(1, Math.ceil(threads / size)), 1, 1], workgroupSize: [size, 1, 1] };
}

/** One scalar uniform field each (a field with several values would be a vector). */
export const f32 = (x: number): Uniform => ({ type: 'float32', data: [x] });
export const i32 = (x: number): Uniform => ({ type: 'int32', data: [x] });

/**
 * Runs `program` on the webgpu backend and returns its output as an engine tensor (tracked by
 * tf.tidy like any other). With `inPlace`, the program writes into that tensor's buffer and
 * nothing new is made.
 */
export function runFused(program: FusedProgram, inputs: tf.Tensor[], uniforms: Uniform[], inPlace?: tf.Tensor): tf.Tensor {
  const backend = tf.backend() as unknown as WebGpuBackendLike;
  if (tf.getBackend() !== 'webgpu' || typeof backend.runWebGPUProgram !== 'function') throw new Error('fused kernels need the webgpu backend');
  const info = backend.runWebGPUProgram(program, inputs, 'float32', uniforms, inPlace);
  if (inPlace) return inPlace;
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** The L1/L2 gradient added to `g` (WGSL), as addPenaltyGradients adds it: λ1·step(w, −1) + λ2·2w on penalized weights. */
const PENALIZED_GRADIENT = `
  fn penalizedGradient(g : f32, w : f32, penalized : f32) -> f32 {
    if (penalized == 0.0) { return g; }
    var out = g;
    if (uniforms.l1 > 0.0) { out = out + select(-1.0, 1.0, w > 0.0) * uniforms.l1; }
    if (uniforms.l2 > 0.0) { out = out + w * (2.0 * uniforms.l2); }
    return out;
  }`;

/**
 * Adam over a network's packed state `[w | m | v]` (3·n values), in place: one invocation per
 * parameter. The arithmetic is LiveAdam.applyFlat's, op for op in f32 (the bias correction is in
 * `stepSize`).
 */
function adamProgram(n: number): FusedProgram {
  return {
    variableNames: ['G', 'P'],
    outputShape: [3 * n],
    shaderKey: 'ganFusedAdam',
    ...grid(n),
    uniforms: 'n : i32, stepSize : f32, beta1 : f32, oneMinusBeta1 : f32, beta2 : f32, oneMinusBeta2 : f32, epsilon : f32, l1 : f32, l2 : f32,',
    getUserCode: () => `
      ${PENALIZED_GRADIENT}
      fn main(index : i32) {
        let n = uniforms.n;
        if (index >= n) { return; }
        let w = result[index];
        let g = penalizedGradient(G[index], w, P[index]);
        let m = uniforms.beta1 * result[n + index] + uniforms.oneMinusBeta1 * g;
        let v = uniforms.beta2 * result[2 * n + index] + uniforms.oneMinusBeta2 * (g * g);
        result[n + index] = m;
        result[2 * n + index] = v;
        result[index] = w - uniforms.stepSize * (m / (sqrt(v) + uniforms.epsilon));
      }`,
  };
}

const NORM_THREADS = 256;

/** √Σ g² of the penalized gradient, by one workgroup (a strided sum, then a tree in shared memory). */
function normProgram(): FusedProgram {
  return {
    variableNames: ['G', 'P', 'S'],
    outputShape: [1],
    shaderKey: 'ganFusedGradNorm',
    ...grid(1, NORM_THREADS),
    uniforms: 'n : i32, l1 : f32, l2 : f32,',
    getUserCode: () => `
      ${PENALIZED_GRADIENT}
      var<workgroup> partial : array<f32, ${NORM_THREADS}>;
      fn main(index : i32) {
        let lane = i32(localIndex);
        var acc = 0.0;
        for (var i = lane; i < uniforms.n; i = i + ${NORM_THREADS}) {
          let g = penalizedGradient(G[i], S[i], P[i]);
          acc = acc + g * g;
        }
        partial[lane] = acc;
        workgroupBarrier();
        for (var stride = ${NORM_THREADS / 2}; stride > 0; stride = stride / 2) {
          if (lane < stride) { partial[lane] = partial[lane] + partial[lane + stride]; }
          workgroupBarrier();
        }
        if (lane == 0) { result[0] = sqrt(partial[0]); }
      }`,
  };
}

export interface AdamStep {
  stepSize: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  l1: number;
  l2: number;
}

/**
 * One Adam update of `packed` ([w | m | v], 3·n values) in place, from the flat gradient and a
 * 0/1 mask of the penalized parameters. With `norm`, first returns the penalized gradient's
 * global L2 norm (a scalar tensor), else null.
 */
export function fusedAdam(packed: tf.Tensor, flatGrad: tf.Tensor, penalized: tf.Tensor, s: AdamStep, norm: boolean): tf.Scalar | null {
  const n = flatGrad.size;
  const l1 = Math.max(0, s.l1);
  const l2 = Math.max(0, s.l2);
  // The norm reads the weights before the update, so it runs first (the queue keeps the order).
  const result = norm ? (tf.reshape(runFused(normProgram(), [flatGrad, penalized, packed], [i32(n), f32(l1), f32(l2)]), []) as tf.Scalar) : null;
  runFused(
    adamProgram(n),
    [flatGrad, penalized],
    [i32(n), ...[s.stepSize, s.beta1, 1 - s.beta1, s.beta2, 1 - s.beta2, s.epsilon, l1, l2].map((x) => f32(x))],
    packed,
  );
  return result;
}

/** G_ema ← G + β·(G_ema − G) over the flat weights at the head of an Adam packed state (one invocation per weight). */
function emaProgram(n: number): FusedProgram {
  return {
    variableNames: ['A', 'P'],
    outputShape: [n],
    shaderKey: 'ganEmaLerp',
    ...grid(n),
    uniforms: 'n : i32, beta : f32,',
    getUserCode: () => `
      fn main(index : i32) {
        if (index >= uniforms.n) { return; }
        let g = P[index];
        result[index] = g + (A[index] - g) * uniforms.beta;
      }`,
  };
}

/** The new average from the old one and the weights at the head of `packed` (LiveAdam's `[w | …]`): one dispatch. */
export function emaLerp(avg: tf.Tensor, packed: tf.Tensor, beta: number): tf.Tensor {
  return runFused(emaProgram(avg.size), [avg, packed], [i32(avg.size), f32(beta)]);
}
