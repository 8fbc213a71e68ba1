/**
 * Minibatch standard deviation (Karras et al. 2018, ProGAN; StyleGAN's MinibatchStdLayer): D gets
 * one extra feature map holding how much the images of its group differ from each other. A G that
 * makes too few kinds of image gives groups with a small spread that real groups never have, so D
 * can tell them apart by their variety, not only one image at a time: pressure towards covering
 * every class.
 *
 * The batch is cut into consecutive groups of `group` images (the largest size ≤ `group` that
 * divides the batch, so a real and a fake batch of the same size passed as one never share a
 * group). Per group: the standard deviation over its images of every (y, x, channel), √(var + ε),
 * averaged to one number s, appended as a constant channel to each of its images. Backward (what
 * the tape takes through these ops): with c = x − mean_group(x) and σ the per-position deviation,
 * ∂s/∂x = c / (H·W·C · g · σ), times the sum of the extra channel's incoming gradient over the
 * group's images and positions; the other channels' gradient passes straight through.
 */
import * as tf from '@tensorflow/tfjs';

export const MBSTD_EPSILON = 1e-8;

/** The group size used for a batch of n: the largest divisor of n that is ≤ `group`. */
export function mbstdGroupSize(n: number, group: number): number {
  for (let g = Math.min(group, n); g > 1; g--) if (n % g === 0) return g;
  return 1;
}

export interface MbstdForward {
  out: tf.Tensor;
  /** x − the group mean, [n/g, g, h, w, c] (for the backward pass). */
  centred: tf.Tensor;
  /** Per-position deviation √(var + ε), [n/g, 1, h, w, c]. */
  sd: tf.Tensor;
}

/** x [n, h, w, c] → [n, h, w, c + 1]; differentiable on the tape (the same ops Network.apply uses). */
export function mbstdForward(x: tf.Tensor, group: number): MbstdForward {
  const [n, h, w, c] = x.shape;
  const g = mbstdGroupSize(n, group);
  const grouped = tf.reshape(x, [n / g, g, h, w, c]);
  const centred = tf.sub(grouped, tf.mean(grouped, 1, true));
  const sd = tf.sqrt(tf.add(tf.mean(tf.square(centred), 1, true), MBSTD_EPSILON));
  // One number per group, broadcast to a [h, w, 1] map for each of its images.
  const s = tf.mean(sd, [2, 3, 4], true);
  // Broadcast by a product with ones: TF.js has no tile gradient at rank 5.
  const map = tf.reshape(tf.mul(tf.ones([n / g, g, h, w, 1]), s), [n, h, w, 1]);
  return { out: tf.concat([x, map], 3), centred, sd };
}

/** ∂L/∂x from ∂L/∂out, for the forward pass that gave `centred` and `sd`. */
export function mbstdBackward(dy: tf.Tensor, centred: tf.Tensor, sd: tf.Tensor): tf.Tensor {
  const [n, h, w, c1] = dy.shape;
  const c = c1 - 1;
  const [groups, g] = centred.shape;
  const direct = tf.slice(dy, [0, 0, 0, 0], [n, h, w, c]);
  const dMap = tf.slice(dy, [0, 0, 0, c], [n, h, w, 1]);
  const ds = tf.sum(tf.reshape(dMap, [groups, g * h * w]), 1);
  const scale = tf.reshape(tf.div(ds, h * w * c * g), [groups, 1, 1, 1, 1]);
  const through = tf.mul(tf.div(centred, sd), scale);
  return tf.add(direct, tf.reshape(through, [n, h, w, c]));
}
