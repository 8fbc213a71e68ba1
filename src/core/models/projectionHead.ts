/**
 * Conditional D's last layer, the projection discriminator (Miyato & Koyama 2018):
 * D(x, y) = φ(x)·w + b + ⟨E[y], φ(x)⟩, with φ(x) D's last hidden features (its flattened last
 * convolution). The class enters as an inner product rather than as an extra input channel, which
 * the paper found both better conditioned and cheaper; E[y] = onehot(y)·E as in classEmbedding.ts.
 */
import * as tf from '@tensorflow/tfjs';

export interface ProjectionOut {
  out: tf.Tensor;
  /** E[y] per example, [n, features]: the backward pass needs it for ∂/∂φ. */
  rows: tf.Tensor;
}

/** `logit` is φ·w + b (the caller's fused dense), `labels` the batch's one-hot classes. */
export function projectionForward(phi: tf.Tensor, logit: tf.Tensor, embed: tf.Tensor, labels: tf.Tensor): ProjectionOut {
  const rows = tf.matMul(labels as tf.Tensor2D, embed as tf.Tensor2D);
  return { out: tf.add(logit, tf.sum(tf.mul(phi, rows), 1, true)), rows };
}

/**
 * From ∂/∂out (`dy`, [n, 1]): dw = φᵀ·dy, db = Σ dy, dE = onehotᵀ·(dy ⊙ φ),
 * dφ = dy·wᵀ + dy ⊙ E[y].
 */
export function projectionBackward(
  dy: tf.Tensor,
  phi: tf.Tensor,
  w: tf.Tensor,
  rows: tf.Tensor,
  labels: tf.Tensor,
  want: { params: boolean; input: boolean },
): { params: tf.Tensor[] | null; input: tf.Tensor | null } {
  const params = want.params
    ? [
        tf.matMul(phi as tf.Tensor2D, dy as tf.Tensor2D, true, false),
        tf.sum(dy, 0),
        tf.matMul(labels as tf.Tensor2D, tf.mul(dy, phi) as tf.Tensor2D, true, false),
      ]
    : null;
  const input = want.input ? tf.add(tf.matMul(dy as tf.Tensor2D, w as tf.Tensor2D, false, true), tf.mul(dy, rows)) : null;
  return { params, input };
}
