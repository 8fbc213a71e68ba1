/**
 * G's images at chosen noise vectors, for the latent explorer. The project's BatchNorm normalises
 * with the moments of the batch it is given (network.ts), so an image would depend on which other
 * z share its batch: a strip of 10 would not end on the grid's own picture of the same z. Here
 * every z is normalised with the moments of one reference batch (the grid's fixed noise), which
 * makes z ↦ image a function of z and the weights alone, and the grid's samples come out the same.
 * A conditional G also takes a class row per z (one-hot, or a mix of two: classPaths.ts); its
 * reference batch is the grid's noise with the grid's own classes, so the moments are those of a
 * mixed-class batch, as in training, and a one-class strip keeps its class.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchNormStats, Network } from '../models/network';

/** Each BatchNorm layer's moments on `reference` (with its one-hot `labels` for a conditional G; empty without BatchNorm). */
export async function referenceStats(generator: Network, reference: tf.Tensor2D, labels?: tf.Tensor): Promise<BatchNormStats[]> {
  const kept: { index: number; mean: tf.Tensor; variance: tf.Tensor }[] = [];
  tf.tidy(() => {
    generator.apply(reference, {
      training: true,
      labels,
      onBatchMoments: (index, mean, variance) => kept.push({ index, mean: tf.keep(mean), variance: tf.keep(variance) }),
    });
  });
  const stats: BatchNormStats[] = [];
  try {
    for (const { index, mean, variance } of kept) {
      const [m, v] = await Promise.all([mean.data(), variance.data()]);
      stats[index] = { mean: m as Float32Array, variance: v as Float32Array };
    }
  } finally {
    for (const k of kept) tf.dispose([k.mean, k.variance]);
  }
  return stats;
}

/** A conditional G's class rows for `imagesAt`: n × classes floats, row-major. */
export interface ClassInput {
  rows: Float32Array;
  classes: number;
}

/**
 * G's output on `zs` (n × latentDim floats, row-major), normalised with `stats`; n × G's output
 * size. A conditional G needs `classes`, one row per z.
 */
export async function imagesAt(generator: Network, zs: Float32Array, latentDim: number, stats: BatchNormStats[], classes?: ClassInput): Promise<Float32Array> {
  const n = zs.length / latentDim;
  if (!Number.isInteger(n) || n < 1) throw new Error(`imagesAt: ${zs.length} floats are not whole vectors of ${latentDim}`);
  if (classes && classes.rows.length !== n * classes.classes)
    throw new Error(`imagesAt: ${classes.rows.length} class floats for ${n} vectors of ${classes.classes} classes`);
  const out = tf.tidy(() => {
    const labels = classes ? tf.tensor2d(classes.rows, [n, classes.classes]) : undefined;
    return generator.apply(tf.tensor2d(zs, [n, latentDim]), { training: false, bnStats: stats, labels });
  });
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}
