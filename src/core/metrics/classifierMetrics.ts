/**
 * Sample-quality metrics for labelled image datasets (MNIST, Fashion-MNIST), computed from the
 * metrics classifier's outputs on generated samples (see classifier.ts):
 *
 * - confidentShare: the share of samples the classifier is sure of (largest class probability at
 *   least CONFIDENT_PROB, 0.9): the "high-quality" share of images, as a class would judge them;
 * - classesCovered: classes that receive at least a quarter of their fair share of the samples
 *   (COVERED_SHARE_OF_FAIR) as confident samples, each sample counted in its most probable class
 *   (argmax; ties → the lower index). Blobs the classifier only guesses at cover nothing, however
 *   they spread over the classes. A class's fair share is, in order of preference:
 *   - `realConfidentShares`: the share of held-out real images the classifier puts confidently
 *     in it. The rule then asks of samples a quarter of what real images give, as the FID is read
 *     against a real-vs-real floor. Against a flat 2.5%, real Fashion-MNIST shirts (29.6 per 1,000
 *     confident) would fail a 1,000-image check about one time in six;
 *   - `classShares`: its share of the real set (emoji's categories run from 2% to 40% of the set,
 *     and against 1/K the real images themselves covered only 5 of 9); also the fallback for a
 *     class with too few confident real images to measure (MIN_CONFIDENT_REAL);
 *   - else 1/K (2.5% of the samples for 10 classes);
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
import { COVERED_SHARE_OF_FAIR } from './modeCoverage';

/** A sample is confident when its largest class probability is at least this. */
export const CONFIDENT_PROB = 0.9;
/** Float32 probabilities: 0.9 arrives as 0.8999999762. */
const PROB_TOLERANCE = 1e-6;

export interface ClassifierMetrics {
  sampleCount: number;
  numClasses: number;
  classesCovered: number;
  /** Share of samples with a largest class probability of at least CONFIDENT_PROB, in [0, 1]. */
  confidentShare: number;
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
  /** Each class's share of the real set (summing to 1), for its fair share; default 1/numClasses. */
  classShares?: ArrayLike<number>;
  /** Each class's share of held-out real images classified confidently into it, 0 where unmeasured (realCoverageShares). */
  realConfidentShares?: ArrayLike<number>;
}

export function classifierMetrics({
  probs,
  count,
  numClasses,
  features,
  reference,
  classShares,
  realConfidentShares,
}: ClassifierMetricsInput): ClassifierMetrics {
  if (!Number.isInteger(count) || count < 1) throw new Error(`classifierMetrics: need at least one sample; got ${count}`);
  if (!Number.isInteger(numClasses) || numClasses < 2) throw new Error(`classifierMetrics: need at least 2 classes; got ${numClasses}`);
  if (probs.length < count * numClasses) throw new Error(`classifierMetrics: ${probs.length} probabilities for ${count} × ${numClasses}`);
  if (classShares && classShares.length !== numClasses) throw new Error(`classifierMetrics: ${classShares.length} class shares for ${numClasses} classes`);
  if (realConfidentShares && realConfidentShares.length !== numClasses) {
    throw new Error(`classifierMetrics: ${realConfidentShares.length} real confident shares for ${numClasses} classes`);
  }
  const { counts, confidentCounts, confidenceSum } = tally(probs, count, numClasses);
  const classHistogram = counts.map((c) => c / count);
  let entropy = 0;
  for (const p of classHistogram) if (p > 0) entropy -= p * Math.log(p);
  const klToUniform = Math.max(Math.log(numClasses) - entropy, 0);
  // Compare counts, not shares, so exactly the minimum counts as covered despite float rounding.
  const fairShare = (c: number) => {
    // 0: too few confident real images in the class to measure (realCoverageShares).
    if (realConfidentShares && realConfidentShares[c] > 0) return realConfidentShares[c];
    return classShares ? classShares[c] : 1 / numClasses;
  };
  const minCount = (c: number) => COVERED_SHARE_OF_FAIR * count * fairShare(c);
  const classesCovered = confidentCounts.filter((n, c) => n > 0 && n >= minCount(c) - 1e-9).length;
  const confidentShare = confidentCounts.reduce((a, b) => a + b, 0) / count;
  let fid: number | null = null;
  if (features && reference) {
    if (count < 2) throw new Error('classifierMetrics: the FID needs at least 2 samples');
    fid = frechetDistance(gaussianStats(features, count, reference.dim), reference);
  }
  return { sampleCount: count, numClasses, classesCovered, confidentShare, classHistogram, klToUniform, confidence: confidenceSum / count, fid };
}

/** Per class: samples whose most probable class it is, how many of them confidently; and the summed top probability. */
function tally(probs: ArrayLike<number>, count: number, numClasses: number) {
  const counts = new Array<number>(numClasses).fill(0);
  const confidentCounts = new Array<number>(numClasses).fill(0);
  let confidenceSum = 0;
  for (let i = 0; i < count; i++) {
    const o = i * numClasses;
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probs[o + c] > probs[o + best]) best = c;
    counts[best] += 1;
    if (probs[o + best] >= CONFIDENT_PROB - PROB_TOLERANCE) confidentCounts[best] += 1;
    confidenceSum += probs[o + best];
  }
  return { counts, confidentCounts, confidenceSum };
}

/** Fewer confident real images than this in a class make its share too noisy to judge by (emoji: 14–40 held-out images a category). */
export const MIN_CONFIDENT_REAL = 10;

/**
 * Each class's share of `count` held-out real images classified into it confidently (largest
 * probability at least CONFIDENT_PROB): the coverage rule's fair share. A class with fewer than
 * MIN_CONFIDENT_REAL such images gets 0, so the rule falls back to its share of the set.
 */
export function realCoverageShares(probs: ArrayLike<number>, count: number, numClasses: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`realCoverageShares: need at least one image; got ${count}`);
  return tally(probs, count, numClasses).confidentCounts.map((n) => (n >= MIN_CONFIDENT_REAL ? n / count : 0));
}
