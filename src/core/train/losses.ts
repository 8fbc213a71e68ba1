/**
 * Adversarial losses as pure functions of D's raw outputs (logits) on a real and a fake batch.
 * Every function returns scalars averaged over the batch.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossId } from '../config';

export interface GanLoss {
  /**
   * D's loss given its outputs on real and generated data. `realTarget` < 1 is one-sided label
   * smoothing; it changes the logit and least-squares losses only (Wasserstein and hinge have no
   * target to smooth).
   */
  discriminator(real: tf.Tensor, fake: tf.Tensor, realTarget?: number): tf.Scalar;
  /** G's loss given D's outputs on generated data. */
  generator(fake: tf.Tensor): tf.Scalar;
  /** Whether D's output is a logit of P(real): then D(x) is reported as sigmoid(output). */
  logit: boolean;
}

const mean = (x: tf.Tensor): tf.Scalar => tf.mean(x) as tf.Scalar;
// -log σ(x) = softplus(-x) and -log(1 - σ(x)) = softplus(x): stable for large |x|.
const bceReal = (x: tf.Tensor): tf.Scalar => mean(tf.softplus(tf.neg(x)));
const bceFake = (x: tf.Tensor): tf.Scalar => mean(tf.softplus(x));
/** Cross-entropy against target t: t·(−log σ(x)) + (1 − t)·(−log(1 − σ(x))). */
const bceTarget = (x: tf.Tensor, t: number): tf.Scalar => (t === 1 ? bceReal(x) : (tf.add(tf.mul(t, bceReal(x)), tf.mul(1 - t, bceFake(x))) as tf.Scalar));

export const LOSSES: Record<LossId, GanLoss> = {
  nonsaturating: {
    logit: true,
    discriminator: (real, fake, t = 1) => tf.add(bceTarget(real, t), bceFake(fake)),
    // G maximises log D(G(z)) instead of minimising log(1 − D(G(z))): strong gradients early on.
    generator: (fake) => bceReal(fake),
  },
  minimax: {
    logit: true,
    discriminator: (real, fake, t = 1) => tf.add(bceTarget(real, t), bceFake(fake)),
    // G minimises E[log(1 − D(G(z)))] = −E[softplus(fake)]: the original game, which saturates.
    generator: (fake) => tf.neg(bceFake(fake)),
  },
  wasserstein: {
    logit: false,
    discriminator: (real, fake) => tf.add(tf.neg(mean(real)), mean(fake)),
    generator: (fake) => tf.neg(mean(fake)),
  },
  hinge: {
    logit: false,
    discriminator: (real, fake) => tf.add(mean(tf.relu(tf.sub(1, real))), mean(tf.relu(tf.add(1, fake)))),
    generator: (fake) => tf.neg(mean(fake)),
  },
  'least-squares': {
    logit: false,
    // LSGAN with targets a = 0 (fake), b = c = 1 (real), halved as in Mao et al.
    discriminator: (real, fake, t = 1) => tf.mul(0.5, tf.add(mean(tf.square(tf.sub(real, t))), mean(tf.square(fake)))),
    generator: (fake) => tf.mul(0.5, mean(tf.square(tf.sub(fake, 1)))),
  },
};
