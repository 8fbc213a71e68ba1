/**
 * Conditional G's input layer: [z | E[y]], a learned embedding row per class appended to the noise
 * (the standard cGAN form, Mirza & Osindero 2014, with an embedding instead of a one-hot). The
 * lookup is a one-hot product, E[y] = onehot(y)·E, so the tape differentiates it like any MatMul
 * and the tape-free gradient is the same product transposed: dE = onehot(y)ᵀ·dy[:, d:].
 */
import * as tf from '@tensorflow/tfjs';

/** `labels` is the batch's one-hot classes, [n, classes] float32. */
export function embedConcat(x: tf.Tensor, table: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  return tf.concat([x, tf.matMul(labels as tf.Tensor2D, table as tf.Tensor2D)], 1);
}

/** ∂/∂E and ∂/∂z from ∂/∂[z | E[y]] (`dy`); `inDim` is z's width. */
export function embedConcatBackward(
  dy: tf.Tensor,
  labels: tf.Tensor,
  inDim: number,
  want: { params: boolean; input: boolean },
): { params: tf.Tensor[] | null; input: tf.Tensor | null } {
  const [n, width] = dy.shape;
  const dEmbed = tf.slice(dy, [0, inDim], [n, width - inDim]);
  return {
    params: want.params ? [tf.matMul(labels as tf.Tensor2D, dEmbed as tf.Tensor2D, true, false)] : null,
    input: want.input ? tf.slice(dy, [0, 0], [n, inDim]) : null,
  };
}
