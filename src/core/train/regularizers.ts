/**
 * Weight penalties, added to a network's loss inside the same gradient tape as the adversarial
 * loss. Per-tensor terms are summed pairwise with tf.add: tf.addN over 8+ tensors returns garbage
 * on WebGPU (docs/ARCHITECTURE.md, TF.js facts).
 */
import * as tf from '@tensorflow/tfjs';

/** Sums tensors of one shape as a balanced tree of tf.add calls. */
export function sumPairwise(tensors: tf.Tensor[]): tf.Tensor {
  if (tensors.length === 0) return tf.scalar(0);
  let level = tensors;
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? tf.add(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}

/** Σ|w| over all given weight tensors (unscaled). */
export function l1Norm(weights: tf.Tensor[]): tf.Scalar {
  return sumPairwise(weights.map((w) => tf.sum(tf.abs(w)))) as tf.Scalar;
}

/** Σw² over all given weight tensors (unscaled). */
export function l2NormSquared(weights: tf.Tensor[]): tf.Scalar {
  return sumPairwise(weights.map((w) => tf.sum(tf.square(w)))) as tf.Scalar;
}

export interface WeightPenalty {
  l1: tf.Scalar;
  l2: tf.Scalar;
  /** The terms that are on, to add to the loss (none when both coefficients are 0). */
  active: tf.Scalar[];
}

/**
 * λ1·Σ|w| and λ2·Σw². A coefficient of 0 skips its term's computation entirely (reported as 0),
 * so an unused penalty costs nothing per step.
 */
export function weightPenalty(weights: tf.Tensor[], lambda1: number, lambda2: number): WeightPenalty {
  const l1 = lambda1 > 0 ? (tf.mul(lambda1, l1Norm(weights)) as tf.Scalar) : null;
  const l2 = lambda2 > 0 ? (tf.mul(lambda2, l2NormSquared(weights)) as tf.Scalar) : null;
  return { l1: l1 ?? tf.scalar(0), l2: l2 ?? tf.scalar(0), active: [l1, l2].filter((t): t is tf.Scalar => t !== null) };
}

/** Inputs per concat: WebGPU shaders get only a few storage buffers (docs/ARCHITECTURE.md: addN broke at 8). */
const MAX_CONCAT_INPUTS = 6;

/** All tensors flattened into one vector, concatenated a few at a time. */
export function flattenAll(tensors: tf.Tensor[]): tf.Tensor1D {
  // Rank-1 tensors go in as they are: a reshape is a kernel too.
  let level = tensors.map((t) => (t.rank === 1 ? t : tf.reshape(t, [-1])) as tf.Tensor1D);
  if (level.length === 0) return tf.zeros([0]);
  while (level.length > 1) {
    const next: tf.Tensor1D[] = [];
    for (let i = 0; i < level.length; i += MAX_CONCAT_INPUTS) next.push(tf.concat(level.slice(i, i + MAX_CONCAT_INPUTS)));
    level = next;
  }
  return level[0];
}

/**
 * Global L2 norm of a gradient list: sqrt(Σ over tensors of Σg²). One flat vector takes three
 * kernels where a sum per tensor took two per tensor plus the adds: this runs every step, and on
 * WASM and CPU the small-kernel overhead is what a 2-D MLP step is mostly made of.
 */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  return tf.sqrt(tf.sum(tf.square(flattenAll(grads)))) as tf.Scalar;
}
