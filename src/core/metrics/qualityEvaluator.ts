/**
 * "Is the GAN learning?" by the standard measures, for whatever dataset a run uses:
 * Gaussian-mixture points → modes covered, % high-quality, KL of mode histograms (VEEGAN/PacGAN);
 * MNIST / Fashion-MNIST → a shipped classifier's classes covered, KL to uniform, confidence and
 * classifier FID (with the real-vs-real floor); colour 32×32 → FID on fixed random-projection
 * features. Each evaluation generates a fresh sample from a fixed noise seed.
 */
import type { Dataset, LoadContext } from '../data/types';
import { OVERFITTING_LABELS } from './overfittingKeys';
import type { Trainer } from '../train/trainer';
import type { Classifier } from './classifier';
import { loadClassifier } from './classifierFile';
import { CLASSIFIER_DATASETS, CLASSIFIER_FLOORS_ASSET, classifierSplit, type ClassifierFloors } from './classifierSpec';
import { CHECKERBOARD_LABELS, checkerboardPercent } from './checkerboard';
import { classifierMetrics } from './classifierMetrics';
import { frechetDistance, gaussianStats, type GaussianStats } from './frechet';
import { modeCoverage } from './modeCoverage';
import { modeHistogramKL } from './modeHistogram';
import { randomProjectionFeatures, RANDOM_PROJECTION_DIM } from './randomProjectionFeatures';

/** Sizes of the generated samples, by the papers' protocols. */
export const POINT_SAMPLE_COUNT = 2500;
export const IMAGE_SAMPLE_COUNT = 1000;

export interface QualityValues {
  [name: string]: number;
}

export interface QualityEvaluator {
  /** What the numbers are, for labels: name → description. */
  readonly labels: Record<string, string>;
  evaluate(trainer: Trainer): Promise<QualityValues>;
  dispose(): void;
}

/** Noise seed of the evaluated sample, relative to the run's seed (the CLI's sample files use it too). */
export const QUALITY_SAMPLE_SEED_OFFSET = 7;
const sampleSeed = (trainer: Trainer) => trainer.config.seed + QUALITY_SAMPLE_SEED_OFFSET;

function pointsEvaluator(dataset: Dataset): QualityEvaluator | null {
  const modes = dataset.info.modes;
  if (!modes) return null;
  return {
    labels: {
      modesCovered: `Modes covered (of ${modes.centers.length})`,
      highQuality: 'High-quality samples (%)',
      klModes: 'KL(generated ‖ real) over modes',
    },
    async evaluate(trainer) {
      const points = await trainer.generate(POINT_SAMPLE_COUNT, sampleSeed(trainer));
      const cov = modeCoverage(points, modes.centers, modes.sigma);
      return { modesCovered: cov.modesCovered, highQuality: 100 * cov.highQualityFraction, klModes: modeHistogramKL(points, modes).kl };
    },
    dispose() {},
  };
}

async function classifierEvaluator(dataset: Dataset, ctx: LoadContext): Promise<QualityEvaluator> {
  const classifier: Classifier = await loadClassifier(ctx.readAsset, dataset.info.id);
  const floorEntry = await readFloorEntry(ctx, dataset.info.id);
  const floor = floorEntry?.fidFloor ?? null;
  let reference: GaussianStats | null = classifier.reference;
  if (!reference) {
    // Files without stored statistics: measure the held-out split once.
    const real = heldOutImages(dataset);
    const { features } = await classifier.classify(real.images, real.count);
    reference = gaussianStats(features, real.count, classifier.spec.featureDim);
  }
  const k = classifier.spec.numClasses;
  const classShares = realClassShares(dataset, k);
  const realConfidentShares = floorEntry?.realConfidentShares?.length === k ? floorEntry.realConfidentShares : undefined;
  const checkerboardReal = realCheckerboard(dataset);
  return {
    labels: {
      confident: 'Confident samples (%)',
      classesCovered: `Classes covered (of ${k})`,
      klUniform: 'KL(class histogram ‖ uniform)',
      confidence: 'Mean classifier confidence',
      fid: 'Classifier FID (lower is better)',
      ...(floor !== null ? { fidFloor: 'Real-vs-real classifier FID (the floor)' } : {}),
      ...CHECKERBOARD_LABELS,
    },
    async evaluate(trainer) {
      const images = await trainer.generate(IMAGE_SAMPLE_COUNT, sampleSeed(trainer));
      const { probs, features } = await classifier.classify(images, IMAGE_SAMPLE_COUNT);
      const m = classifierMetrics({ probs, features, count: IMAGE_SAMPLE_COUNT, numClasses: k, reference, classShares, realConfidentShares });
      return {
        confident: 100 * m.confidentShare,
        classesCovered: m.classesCovered,
        klUniform: m.klToUniform,
        confidence: m.confidence,
        fid: m.fid ?? NaN,
        ...(floor !== null ? { fidFloor: floor } : {}),
        checkerboard: checkerboardPercent(images, IMAGE_SAMPLE_COUNT, dataset.info.shape),
        checkerboardReal,
      };
    },
    dispose: () => classifier.dispose(),
  };
}

/** Each class's share of the dataset's labels (a class's fair share of the samples); undefined without labels. */
export function realClassShares(dataset: Dataset, k: number): number[] | undefined {
  const labels = dataset.labels;
  if (!labels || labels.length === 0) return undefined;
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) if (l < k) counts[l] += 1;
  return counts.map((c) => c / labels.length);
}

async function readFloor(ctx: LoadContext, datasetId: string): Promise<number | null> {
  return (await readFloorEntry(ctx, datasetId))?.fidFloor ?? null;
}

async function readFloorEntry(ctx: LoadContext, datasetId: string): Promise<ClassifierFloors['datasets'][string] | null> {
  try {
    const floors = JSON.parse(new TextDecoder().decode(await ctx.readAsset(CLASSIFIER_FLOORS_ASSET))) as ClassifierFloors;
    return floors.datasets[datasetId] ?? null;
  } catch {
    return null; // The FID still means something without its floor, and coverage falls back to the class shares.
  }
}

/** The checkerboard energy of the held-out real images: what a generator's should come down to. */
function realCheckerboard(dataset: Dataset): number {
  const real = heldOutImages(dataset);
  return checkerboardPercent(real.images, real.count, dataset.info.shape);
}

/** The held-out split's real images, the reference the floors were measured against. */
function heldOutImages(dataset: Dataset): { images: Float32Array; count: number } {
  const test = classifierSplit(dataset.count).test;
  const images = new Float32Array(test.length * dataset.dim);
  dataset.readBatch(test, images);
  return { images, count: test.length };
}

async function colourEvaluator(dataset: Dataset, ctx: LoadContext): Promise<QualityEvaluator> {
  const shape = dataset.info.shape as [number, number, number];
  const real = heldOutImages(dataset);
  const reference = gaussianStats(randomProjectionFeatures(real.images, real.count, shape), real.count, RANDOM_PROJECTION_DIM);
  const checkerboardReal = checkerboardPercent(real.images, real.count, shape);
  const floor = await readFloor(ctx, dataset.info.id);
  return {
    labels: {
      fid: 'FID on random-projection features (lower is better)',
      ...(floor !== null ? { fidFloor: 'Real-vs-real FID (the floor)' } : {}),
      ...CHECKERBOARD_LABELS,
    },
    async evaluate(trainer) {
      const images = await trainer.generate(IMAGE_SAMPLE_COUNT, sampleSeed(trainer));
      const features = randomProjectionFeatures(images, IMAGE_SAMPLE_COUNT, shape);
      return {
        fid: frechetDistance(gaussianStats(features, IMAGE_SAMPLE_COUNT, RANDOM_PROJECTION_DIM), reference),
        ...(floor !== null ? { fidFloor: floor } : {}),
        checkerboard: checkerboardPercent(images, IMAGE_SAMPLE_COUNT, shape),
        checkerboardReal,
      };
    },
    dispose() {},
  };
}

/** The evaluator for a dataset, or null when no standard measure applies (e.g. a drawing). */
export async function createQualityEvaluator(dataset: Dataset, ctx: LoadContext): Promise<QualityEvaluator | null> {
  if (dataset.dim === 2) return pointsEvaluator(dataset);
  if ((CLASSIFIER_DATASETS as readonly string[]).includes(dataset.info.id)) return withOverfitting(await classifierEvaluator(dataset, ctx));
  const [h, w, c] = dataset.info.shape;
  if (h === 32 && w === 32 && c === 3) return withOverfitting(await colourEvaluator(dataset, ctx));
  return null;
}

/** Adds D's overfitting measure (train/overfitting.ts) to an image evaluator, for runs that hold reals out. */
function withOverfitting(base: QualityEvaluator): QualityEvaluator {
  return {
    labels: { ...base.labels, ...OVERFITTING_LABELS },
    async evaluate(trainer) {
      const values = await base.evaluate(trainer);
      const over = await trainer.overfitting();
      return over ? { ...values, ...over } : values;
    },
    dispose: () => base.dispose(),
  };
}
