/**
 * What the small image classifier behind the MNIST / Fashion-MNIST sample metrics is (classes
 * covered, KL to uniform, confidence, classifier FID), where its files live and which images it
 * was trained on. TF.js-free, so scripts and the UI can read it without loading a backend.
 *
 * The network is a LayerSpec list built with the project's `buildNetwork`, split in two at the
 * named feature layer: `trunk` maps a 28×28×1 image in [-1, 1] to FEATURE_DIM penultimate
 * features (after a ReLU), `head` maps those to 10 logits. No BatchNorm: the project's BatchNorm
 * always uses the statistics of the batch it is given, which would make a sample's class depend
 * on the other samples in its batch.
 */
import type { LayerSpec } from '../models/specs';
import { Random } from '../random';

export interface ClassifierSpec {
  /** Changes whenever the layers change; a file whose spec id differs is refused. */
  id: string;
  inputShape: [number, number, number];
  /** Image → penultimate features (the layer named `featureLayer`). */
  trunk: LayerSpec[];
  /** Features → logits. */
  head: LayerSpec[];
  featureLayer: string;
  featureDim: number;
  numClasses: number;
}

export const FEATURE_DIM = 64;

/**
 * Two 5×5 stride-2 convolutions (`filters` each), a FEATURE_DIM feature layer, then the logits:
 * the one shape both shipped classifiers have. Changing it changes the files: bump the ids.
 */
function twoConvClassifier(id: string, inputShape: [number, number, number], filters: [number, number], numClasses: number): ClassifierSpec {
  return {
    id,
    inputShape,
    trunk: [
      { type: 'conv', filters: filters[0], kernel: 5, stride: 2 },
      { type: 'relu' },
      { type: 'conv', filters: filters[1], kernel: 5, stride: 2 },
      { type: 'relu' },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: FEATURE_DIM },
      { type: 'relu' },
    ],
    head: [
      { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: numClasses },
    ],
    featureLayer: 'penultimate (dense 64 + ReLU)',
    featureDim: FEATURE_DIM,
    numClasses,
  };
}

/** MNIST's and Fashion-MNIST's classifier: 28×28 greyscale, 10 classes. */
export const CLASSIFIER_SPEC: ClassifierSpec = twoConvClassifier('cnn28-v1', [28, 28, 1], [16, 32], 10);

/**
 * The emoji classifier: the same shape of network on 32×32 RGB, with twice the filters (colour
 * and far fewer training images: 3,214 after the split), ending in the 9 Unicode categories. It
 * gives emoji a learned feature space, so its FID can tell blobs from emoji (random projections
 * of pixels could not: docs/quality-measures.md).
 */
export const EMOJI_CLASSIFIER_SPEC: ClassifierSpec = twoConvClassifier('cnn32rgb-v1', [32, 32, 3], [32, 64], 9);

/** Datasets a classifier is shipped for. */
export const CLASSIFIER_DATASETS = ['mnist', 'fashion-mnist', 'emoji'] as const;

/** The network a dataset's classifier file holds. */
export function classifierSpecFor(datasetId: string): ClassifierSpec {
  return datasetId === 'emoji' ? EMOJI_CLASSIFIER_SPEC : CLASSIFIER_SPEC;
}

export function classifierAssetPath(datasetId: string): string {
  return `classifiers/${datasetId}.bin`;
}
export const CLASSIFIER_FLOORS_ASSET = 'classifiers/floors.json';

// ── held-out split ─────────────────────────────────────────────────────────────────────────

/** Seed of the fixed train/test split of a dataset's examples; never change it (floors depend on it). */
export const SPLIT_SEED = 20240606;
export const TEST_FRACTION = 0.15;

/**
 * The fixed seeded 85/15 split of `count` examples into classifier-training and held-out test
 * indices (the prepared mnist/fashion-mnist files have no separate test set). Both lists are sorted.
 */
export function classifierSplit(count: number, testFraction = TEST_FRACTION, seed = SPLIT_SEED): { train: Uint32Array; test: Uint32Array } {
  const perm = new Random(seed).permutation(count);
  const nTest = Math.round(count * testFraction);
  const test = perm.slice(0, nTest).sort();
  const train = perm.slice(nTest).sort();
  return { train, test };
}

/** public/classifiers/floors.json: the real-vs-real classifier FID per dataset. */
export interface ClassifierFloors {
  /** Generated samples compared per epoch (the floor is measured at this size). */
  sampleCount: number;
  datasets: Record<
    string,
    {
      /** FID of `sampleCount` real training images vs the held-out reference set: mean over repeats. */
      fidFloor: number;
      fidFloorStd: number;
      repeats: number;
      referenceCount: number;
      /** Held-out accuracy of the classifier; null for a feature space that is not a classifier. */
      testAccuracy: number | null;
      featureSpace: string;
      /**
       * Per class, the share of the held-out split the classifier puts confidently in it: the
       * coverage rule's fair share (classifierMetrics.ts). Absent in files written before it.
       */
      realConfidentShares?: number[];
    }
  >;
}
