/**
 * Fused element-wise WGSL kernels: dropout and tanh's backward (docs/kernels.md). Dropout's masks
 * stay TF.js's own draws — U[0, 1) from each slice's seed (`tf.randomUniform`, made on the CPU and uploaded, no dispatch) — so the
 * fused and the unfused step drop the same units. TF.js then takes the multiplier
 * floor(u + keep)/keep and the product as Concat (two slices), Add, Floor, Div and Mul: 4–5
 * dispatches; the backward as Mul, and the activation below's mask as Step and Mul. Here the
 * forward is one dispatch that reads the uniform draws directly (slice k of the batch from draw
 * k, no concat), and the backward one that also applies the mask of the ReLU/LeakyReLU below.
 */
import type * as tf from '@tensorflow/tfjs';
import { f32, grid, i32, runFused, type FusedProgram } from './webgpuKernels';

/** WGSL: the multiplier at `index` from one or two draws (the second for the batch's second half). */
const multiplier = (slices: number) => `
  fn multiplierAt(index : i32) -> f32 {
    ${slices === 2 ? 'let u = select(U1[index - uniforms.half], U0[index], index < uniforms.half);' : 'let u = U0[index] + 0.0 * f32(uniforms.half);'}
    return floor(u + uniforms.keep) / uniforms.keep;
  }`;

const drawNames = (slices: number) => (slices === 2 ? ['U0', 'U1'] : ['U0']);

function forwardProgram(shape: number[], slices: number): FusedProgram {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    variableNames: ['X', ...drawNames(slices)],
    outputShape: shape,
    shaderKey: `ganDropout_${slices}`,
    ...grid(size),
    uniforms: 'total : i32, half : i32, keep : f32,',
    getUserCode: () => `
      ${multiplier(slices)}
      fn main(index : i32) {
        if (index >= uniforms.total) { return; }
        result[index] = X[index] * multiplierAt(index);
      }`,
  };
}

function backwardProgram(shape: number[], slices: number, maskedBelow: boolean): FusedProgram {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    variableNames: ['G', ...drawNames(slices), ...(maskedBelow ? ['L'] : [])],
    outputShape: shape,
    shaderKey: `ganDropoutGrad_${slices}_${maskedBelow}`,
    ...grid(size),
    uniforms: 'total : i32, half : i32, keep : f32, alphaBelow : f32,',
    getUserCode: () => `
      ${multiplier(slices)}
      fn main(index : i32) {
        if (index >= uniforms.total) { return; }
        var g = G[index] * multiplierAt(index);
        ${maskedBelow ? 'g = g * select(uniforms.alphaBelow, 1.0, L[index] > 0.0);' : 'g = g + 0.0 * uniforms.alphaBelow;'}
        result[index] = g;
      }`,
  };
}

/** Whether these kernels take a batch in `slices` slices (one or two draws). */
export const dropoutSlicesFused = (slices: number): boolean => slices === 1 || slices === 2;

/** x times the dropout multiplier from `draws` (one per consecutive slice of the batch, each of the slice's shape). */
export function dropoutForward(x: tf.Tensor, draws: tf.Tensor[], keep: number): tf.Tensor {
  return runFused(forwardProgram(x.shape, draws.length), [x, ...draws], [i32(x.size), i32(draws[0].size), f32(keep)]);
}

/** dy times the same multiplier, and by the mask step(source, α) of the activation below when given. */
export function dropoutBackward(dy: tf.Tensor, draws: tf.Tensor[], keep: number, maskBelow: { source: tf.Tensor; alpha: number } | null): tf.Tensor {
  const below = maskBelow ? [maskBelow.source] : [];
  return runFused(
    backwardProgram(dy.shape, draws.length, maskBelow !== null),
    [dy, ...draws, ...below],
    [i32(dy.size), i32(draws[0].size), f32(keep), f32(maskBelow?.alpha ?? 0)],
  );
}

function tanhGradProgram(shape: number[]): FusedProgram {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    variableNames: ['G', 'Y'],
    outputShape: shape,
    shaderKey: 'ganTanhGrad',
    ...grid(size),
    uniforms: 'total : i32,',
    getUserCode: () => `
      fn main(index : i32) {
        if (index >= uniforms.total) { return; }
        let y = Y[index];
        result[index] = (1.0 - y * y) * G[index];
      }`,
  };
}

/** tanh's backward dy·(1 − y²) from its output y (TF.js: Square, Sub, Mul). */
export function tanhBackward(dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return runFused(tanhGradProgram(dy.shape), [dy, y], [i32(dy.size)]);
}
