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
  /** The non-saturating G loss mean(softplus(−y)) and its gradient −σ(−y)/n. */
  generatorLogitLoss(logits: tf.Tensor): { loss: tf.Scalar; grad: tf.Tensor };
}

/** The active backend's fused step kernels, or null to use TF.js's. */
export function stepKernels(): StepKernels | null {
  return fusedKernelsActive() ? WEBGPU_STEP_KERNELS : null;
}
