/**
 * Sample-quality metrics for labelled image datasets (MNIST, Fashion-MNIST), computed from the
 * metrics classifier's outputs on generated samples (see classifier.ts):
 *
 * - classesCovered: classes that receive at least COVERED_FRACTION (1 %) of the samples, each
 *   sample counted in its most probable class (argmax; ties → the lower index);
 * - klToUniform: KL(class histogram ‖ uniform) = log K − H(histogram), in nats: 0 when every class
 *   is equally frequent, log K (2.303 for 10) when every sample is one class;
 * - confidence: the mean over samples of the largest class probability;
 * - fid: the Fréchet distance between the samples' penultimate features and the reference (held-out
 *   real) feature Gaussian, when both are given ("classifier FID"; compare with the floor in
 *   public/classifiers/floors.json, the same distance for real training images).
 *
 * Pure TypeScript over typed arrays: the worker runs `classifier.classify` and passes the arrays.
 */
import { frechetDistance, gaussianStats, type GaussianStats } from './frechet';

/** A class is covered when at least this share of samples falls in it. */
export const COVERED_FRACTION = 0.01;

export interface ClassifierMetrics {
  sampleCount: number;
  numClasses: number;
  classesCovered: number;
  /** Share of samples per class (argmax), length numClasses. */
  classHistogram: number[];
  klToUniform: number;
  confidence: number;
  /** null when no features or no reference were given. */
  fid: number | null;
}

export interface ClassifierMetricsInput {
  /** count × numClasses class probabilities (rows sum to 1). */
  probs: ArrayLike<number>;
  count: number;
  numClasses: number;
  /** count × reference.dim penultimate features, for the FID. */
  features?: ArrayLike<number>;
  /** The real (held-out) feature Gaussian, for the FID. */
  reference?: GaussianStats | null;
}

export function classifierMetrics({ probs, count, numClasses, features, reference }: ClassifierMetricsInput): ClassifierMetrics {
  if (!Number.isInteger(count) || count < 1) throw new Error(`classifierMetrics: need at least one sample; got ${count}`);
  if (!Number.isInteger(numClasses) || numClasses < 2) throw new Error(`classifierMetrics: need at least 2 classes; got ${numClasses}`);
  if (probs.length < count * numClasses) throw new Error(`classifierMetrics: ${probs.length} probabilities for ${count} × ${numClasses}`);
  const counts = new Array<number>(numClasses).fill(0);
  let confidenceSum = 0;
  for (let i = 0; i < count; i++) {
    const o = i * numClasses;
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probs[o + c] > probs[o + best]) best = c;
    counts[best] += 1;
    confidenceSum += probs[o + best];
  }
  const classHistogram = counts.map((c) => c / count);
  let entropy = 0;
  for (const p of classHistogram) if (p > 0) entropy -= p * Math.log(p);
  const klToUniform = Math.max(Math.log(numClasses) - entropy, 0);
  // Compare counts, not shares, so exactly 1 % counts as covered despite float rounding.
  const classesCovered = counts.filter((c) => c >= COVERED_FRACTION * count - 1e-9).length;
  let fid: number | null = null;
  if (features && reference) {
    if (count < 2) throw new Error('classifierMetrics: the FID needs at least 2 samples');
    fid = frechetDistance(gaussianStats(features, count, reference.dim), reference);
  }
  return { sampleCount: count, numClasses, classesCovered, classHistogram, klToUniform, confidence: confidenceSum / count, fid };
}
