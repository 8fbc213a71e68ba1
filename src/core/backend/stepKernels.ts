/**
 * The kernels the tape-free step (train/tapeFreeStep.ts, models/backprop.ts) asks a backend for
 * when that backend has faster ones than TF.js's op-by-op kernels. Only webgpu provides them
 * (webgpuKernelsDense.ts, switched by webgpuFusion.ts); every other backend gets null and keeps
 * the TF.js path. A backend adds its kernels by implementing this interface and returning it
 * from `stepKernels()`.
 */
import type * as tf from '@tensorflow/tfjs';
import { fusedKernelsActive } from './webgpuFusion';
import { WEBGPU_STEP_KERNELS } from './webgpuKernelsDense';
import type { BatchNormBackwardArgs, BatchNormForward } from './webgpuKernelsNorm';
import type { ParamRef } from './packedParams';

/** A ReLU/LeakyReLU's gradient mask: step(source, α) (1 where source > 0, α elsewhere). */
export interface GradientMask {
  source: tf.Tensor;
  alpha: number;
}

export interface DenseBackwardArgs {
  /** The layer's input x, [batch, in]. */
  input: tf.Tensor;
  /** ∂loss/∂(the layer's activated output), [batch, out], before this layer's mask. */
  dy: tf.Tensor;
  /** W, [in, out]. */
  weight: tf.Tensor;
  hasBias: boolean;
  /** This layer's fused activation mask, applied to dy; null when it has none. */
  mask: GradientMask | null;
  /** The layer below's mask, applied to the input gradient (so the layer below skips it); null: none. */
  maskBelow: GradientMask | null;
  wantParams: boolean;
  wantInput: boolean;
}

export interface DenseBackward {
  /** [dW; db] as one [in (+1), out] tensor: flattened, dW then db (the flat gradient's order). */
  params: tf.Tensor | null;
  input: tf.Tensor | null;
}

export interface StepKernels {
  denseBackward(args: DenseBackwardArgs): DenseBackward;
  /** ∂L_D/∂y of the stacked logit loss at target 1 for 2·n logits (real rows first). */
  stackedLogitGradient(logits: tf.Tensor, n: number): tf.Tensor;
  /** The charted values of that D update: L_D = Σ softplus(s·y)/n, mean σ(real), mean σ(fake). */
  stackedLogitReport(logits: tf.Tensor, n: number): { dLoss: tf.Scalar; dReal: tf.Scalar; dFake: tf.Scalar };
  /** The hinge loss's ∂L_D/∂y for 2·n stacked outputs (real rows first); its charted values come from the metrics kernel (webgpuKernelsMetrics.ts). */
  stackedHingeGradient(out: tf.Tensor, n: number): tf.Tensor;
  /** The non-saturating G loss mean(softplus(−y)) and its gradient −σ(−y)/n. */
  generatorLogitLoss(logits: tf.Tensor): { loss: tf.Scalar; grad: tf.Tensor };
  /** BatchNorm with batch statistics over every axis but the last, then ReLU/LeakyReLU (`act`) or nothing; γ, β at their offsets (packedParams.ts). */
  batchNormForward(x: tf.Tensor, gamma: ParamRef, beta: ParamRef, epsilon: number, act: { alpha: number } | null): BatchNormForward;
  /** Its backward, the activation's mask folded in: `[dγ | dβ]` as one 2·C tensor, and dx when asked. */
  batchNormBackward(args: BatchNormBackwardArgs): { params: tf.Tensor; input: tf.Tensor | null };
  /** Spectral norm's power-iteration half: unit(W·u) (`transpose` false) or unit(Wᵀ·v) (true); W read as [in, out]. */
  spectralVector(w: tf.Tensor, x: tf.Tensor, transpose: boolean): tf.Tensor;
  /** W/σ(W), σ = vᵀ·W·u (not differentiable by the tape: tape-free updates only). */
  spectralNormalize(w: tf.Tensor, u: tf.Tensor, v: tf.Tensor): tf.Tensor;
  /** ∂L/∂W from ∂L/∂(W/σ(W)), u and v constants. */
  spectralGradient(gHat: tf.Tensor, w: tf.Tensor, u: tf.Tensor, v: tf.Tensor): tf.Tensor;
  /** tanh's backward dy·(1 − y²) from its output y. */
  tanhBackward(dy: tf.Tensor, y: tf.Tensor): tf.Tensor;
  /** Σ over every axis but the last (a conv bias's gradient). */
  channelSum(g: tf.Tensor): tf.Tensor;
  /** G_ema's lerp toward the weights at the head of an Adam packed state (`[w | …]`, LiveAdam.packedState). */
  emaLerp(avg: tf.Tensor, packed: tf.Tensor, beta: number): tf.Tensor;
  /** Whether the dropout kernels take a batch passed as `slices` slices (each with its own draw). */
  dropoutSlices(slices: number): boolean;
  /** x times floor(u + keep)/keep, u from `draws` (one U[0, 1) tensor per consecutive slice of the batch). */
  dropoutForward(x: tf.Tensor, draws: tf.Tensor[], keep: number): tf.Tensor;
  /** dy times the same multiplier, and by the layer below's ReLU/LeakyReLU mask when given. */
  dropoutBackward(dy: tf.Tensor, draws: tf.Tensor[], keep: number, maskBelow: GradientMask | null): tf.Tensor;
}

/** The active backend's fused step kernels, or null to use TF.js's. */
export function stepKernels(): StepKernels | null {
  return fusedKernelsActive() ? WEBGPU_STEP_KERNELS : null;
}
