/**
 * The project's generator normalises every BatchNorm layer with its batch's moments; an exported
 * model normalises with fixed population statistics instead. They are estimated here by running
 * G (batch statistics, as in training) on a few thousand noise vectors, batch by batch, and pooling
 * each layer's batch moments: mean = E[m_b], variance = E[v_b + m_b²] − mean².
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchNormStats, Network } from '../models/network';

export interface PopulationStatsOptions {
  /** Noise vectors in all (a few thousand). */
  samples?: number;
  batchSize?: number;
  /** Draws `n` noise vectors; the generator's input distribution. */
  noise(n: number, batchIndex: number): tf.Tensor2D;
  /** A conditional generator's classes for the same batch, one-hot (drawn like its training batches'). */
  labels?(n: number, batchIndex: number): tf.Tensor;
  /** Fraction done after each batch. */
  onProgress?(fraction: number): void;
}

export const POPULATION_SAMPLES = 4096;

export async function estimatePopulationStats(generator: Network, options: PopulationStatsOptions): Promise<BatchNormStats[]> {
  const samples = options.samples ?? POPULATION_SAMPLES;
  const batchSize = Math.max(2, options.batchSize ?? 256);
  const batches = Math.max(1, Math.round(samples / batchSize));
  const sumMean: Float64Array[] = [];
  const sumSquare: Float64Array[] = [];
  for (let b = 0; b < batches; b++) {
    const kept: { index: number; mean: tf.Tensor; variance: tf.Tensor }[] = [];
    tf.tidy(() => {
      generator.apply(options.noise(batchSize, b), {
        training: true,
        labels: options.labels?.(batchSize, b),
        onBatchMoments: (index, mean, variance) => kept.push({ index, mean: tf.keep(mean), variance: tf.keep(variance) }),
      });
    });
    for (const { index, mean, variance } of kept) {
      const [m, v] = await Promise.all([mean.data(), variance.data()]);
      mean.dispose();
      variance.dispose();
      sumMean[index] ??= new Float64Array(m.length);
      sumSquare[index] ??= new Float64Array(m.length);
      for (let c = 0; c < m.length; c++) {
        sumMean[index][c] += m[c];
        sumSquare[index][c] += v[c] + m[c] * m[c];
      }
    }
    options.onProgress?.((b + 1) / batches);
  }
  return sumMean.map((s, i) => {
    const mean = new Float32Array(s.length);
    const variance = new Float32Array(s.length);
    for (let c = 0; c < s.length; c++) {
      mean[c] = s[c] / batches;
      variance[c] = Math.max(0, sumSquare[i][c] / batches - mean[c] * mean[c]);
    }
    return { mean, variance };
  });
}
