/**
 * ∂loss/∂logits of every adversarial loss in losses.ts, written out, for the tape-free step
 * (models/backprop.ts). Each is the gradient TF.js's tape takes through the loss's own ops
 * (mean → 1/n, softplus → sigmoid, relu → step, square → 2x), so the step's maths is unchanged;
 * losses.test-style checks against tf.grad are in lossGradients.test.ts. Loss values are still
 * computed by losses.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossId } from '../config';

export interface LossGradient {
  /** ∂L_D/∂real and ∂L_D/∂fake (each batch averaged over its own n). */
  discriminator(real: tf.Tensor, fake: tf.Tensor, realTarget: number): { real: tf.Tensor; fake: tf.Tensor };
  /** ∂L_G/∂fake. */
  generator(fake: tf.Tensor): tf.Tensor;
}

const n = (x: tf.Tensor) => x.shape[0];
/** ∂/∂x of mean(softplus(−x)) and of mean(softplus(x)). */
const dBceReal = (x: tf.Tensor) => tf.mul(tf.sigmoid(tf.neg(x)), -1 / n(x));
const dBceFake = (x: tf.Tensor) => tf.mul(tf.sigmoid(x), 1 / n(x));
const logitD = (real: tf.Tensor, fake: tf.Tensor, t: number) => ({
  real: t === 1 ? dBceReal(real) : tf.add(tf.mul(dBceReal(real), t), tf.mul(dBceFake(real), 1 - t)),
  fake: dBceFake(fake),
});
const constant = (x: tf.Tensor, value: number) => tf.fill(x.shape, value);

export const LOSS_GRADIENTS: Record<LossId, LossGradient> = {
  nonsaturating: { discriminator: logitD, generator: dBceReal },
  minimax: { discriminator: logitD, generator: (fake) => tf.mul(tf.sigmoid(fake), -1 / n(fake)) },
  wasserstein: {
    discriminator: (real, fake) => ({ real: constant(real, -1 / n(real)), fake: constant(fake, 1 / n(fake)) }),
    generator: (fake) => constant(fake, -1 / n(fake)),
  },
  hinge: {
    discriminator: (real, fake) => ({
      real: tf.mul(tf.step(tf.sub(1, real)), -1 / n(real)),
      fake: tf.mul(tf.step(tf.add(1, fake)), 1 / n(fake)),
    }),
    generator: (fake) => constant(fake, -1 / n(fake)),
  },
  'least-squares': {
    discriminator: (real, fake, t) => ({ real: tf.mul(tf.sub(real, t), 1 / n(real)), fake: tf.mul(fake, 1 / n(fake)) }),
    generator: (fake) => tf.mul(tf.sub(fake, 1), 1 / n(fake)),
  },
};

/**
 * The logit losses at target 1 on D's outputs for a real batch stacked on a fake one, in 3
 * kernels: with s = −1 on real rows and +1 on fake rows, L_D = Σ softplus(s·y)/n, so
 * ∂L_D/∂y = sigmoid(s·y)·s/n. Returns z = s·y too (softplus(z) sums to the loss).
 */
export function stackedLogitGradient(logits: tf.Tensor, signOverN: tf.Tensor, sign: tf.Tensor): { z: tf.Tensor; grad: tf.Tensor } {
  const z = tf.mul(logits, sign);
  return { z, grad: tf.mul(tf.sigmoid(z), signOverN) };
}

/** G's loss and its gradient; the non-saturating loss shares its −y between the two. */
export function generatorLossAndGradient(id: LossId, generatorLoss: (fake: tf.Tensor) => tf.Scalar, fake: tf.Tensor): { loss: tf.Scalar; grad: tf.Tensor } {
  if (id === 'nonsaturating') {
    // losses.ts: mean(softplus(−y)); its gradient −sigmoid(−y)/n.
    const negated = tf.neg(fake);
    return { loss: tf.mean(tf.softplus(negated)) as tf.Scalar, grad: tf.mul(tf.sigmoid(negated), -1 / n(fake)) };
  }
  return { loss: generatorLoss(fake), grad: LOSS_GRADIENTS[id].generator(fake) };
}
