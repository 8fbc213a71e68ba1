/**
 * Gradient penalties on D, computed inside D's gradient tape: both differentiate D's input
 * gradient again with respect to D's weights, so `critic` must be built from ops TF.js can
 * differentiate twice (see ApplyOptions.twiceDifferentiable).
 */
import * as tf from '@tensorflow/tfjs';

export type Critic = (x: tf.Tensor) => tf.Tensor;

/** ∇ₓ Σ critic(x), flattened to [batch, features]. */
function inputGradient(critic: Critic, x: tf.Tensor): tf.Tensor2D {
  const g = tf.grad((input: tf.Tensor) => tf.sum(critic(input)))(x);
  return tf.reshape(g, [x.shape[0], -1]) as tf.Tensor2D;
}

/** R1 (Mescheder et al. 2018): γ/2 · E‖∇ₓD(x)‖² over real data. */
export function r1Penalty(critic: Critic, real: tf.Tensor, gamma: number): tf.Scalar {
  return tf.mul(gamma / 2, tf.mean(tf.sum(tf.square(inputGradient(critic, real)), 1))) as tf.Scalar;
}

/**
 * WGAN-GP (Gulrajani et al. 2017): λ · E(‖∇D(x̂)‖ − 1)² with x̂ = ε·real + (1 − ε)·fake, one ε in
 * [0, 1] per example (`mix`, shaped to broadcast over an example).
 */
export function wganGpPenalty(critic: Critic, real: tf.Tensor, fake: tf.Tensor, mix: tf.Tensor, lambda: number): tf.Scalar {
  const between = tf.add(tf.mul(mix, real), tf.mul(tf.sub(1, mix), fake));
  // The small constant keeps the gradient of the norm finite where ∇D(x̂) = 0.
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(inputGradient(critic, between)), 1), 1e-12));
  return tf.mul(lambda, tf.mean(tf.square(tf.sub(norms, 1)))) as tf.Scalar;
}
