/**
 * npm run train:classifier [-- --dataset mnist|fashion-mnist|emoji|all] [--epochs N] [--seed S]
 *
 * Trains the metrics classifier (src/core/metrics/classifier.ts) in Node on the wasm backend,
 * one per dataset, reproducibly (one seed drives initialisation, data order, augmentation and
 * dropout; wasm runs single-threaded), and writes:
 *   public/classifiers/<dataset>.bin   weights (float16) + the held-out set's feature Gaussian
 *   public/classifiers/floors.json     the real-vs-real FID floor per dataset, and the share of
 *                                      held-out images confidently in each class (coverage)
 *
 * `--coverage-only` keeps the shipped classifiers and only measures that coverage share again.
 *
 * Train/test: the prepared files have no separate test set, so each dataset's examples are split
 * by `classifierSplit` (fixed seed, 85/15). Accuracy is measured on the 15 % after the float16
 * round trip, i.e. with exactly the weights that ship.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/core/backend/backend';
import { getDatasetSource } from '../src/core/data/registry';
import type { Dataset } from '../src/core/data/types';
import { Classifier } from '../src/core/metrics/classifier';
import { decodeClassifier, encodeClassifier, loadClassifier } from '../src/core/metrics/classifierFile';
import { realCoverageShares } from '../src/core/metrics/classifierMetrics';
import {
  CLASSIFIER_DATASETS,
  CLASSIFIER_FLOORS_ASSET,
  classifierAssetPath,
  classifierSpecFor,
  classifierSplit,
  type ClassifierFloors,
} from '../src/core/metrics/classifierSpec';
import { glorotUniform } from '../src/core/models/glorot';
import { frechetDistance, gaussianStats } from '../src/core/metrics/frechet';
import { Random } from '../src/core/random';
import { nodeLoadContext, publicAssetPath } from './lib/nodeAssets';

/** Per-dataset recipe: more epochs where there is less data; `background`: the value shifts fill with. */
const RECIPES: Record<string, { epochs: number; shift: number; lr: number; background: number }> = {
  // 8,500 training digits: small shifts (±2 px) stand in for more data.
  mnist: { epochs: 16, shift: 2, lr: 2e-3, background: -1 },
  // 51,000 training images; shifts don't help clothes centred by construction.
  'fashion-mnist': { epochs: 5, shift: 0, lr: 2e-3, background: -1 },
  // 3,214 training emoji on white: many epochs, and shifts for more variety.
  emoji: { epochs: 40, shift: 2, lr: 2e-3, background: 1 },
};
const BATCH = 128;
/** Samples per epoch the app measures (the "≥ 1,000"); the floor is measured at this size. */
export const FLOOR_SAMPLE_COUNT = 1000;
const FLOOR_REPEATS = 5;

function parseArgs(argv: string[]): { datasets: string[]; epochs?: number; seed: number; coverageOnly: boolean } {
  let datasets: string[] = [...CLASSIFIER_DATASETS];
  let epochs: number | undefined;
  let seed = 1;
  let coverageOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--coverage-only') coverageOnly = true;
    else if (a === '--dataset') {
      datasets = v === 'all' ? [...CLASSIFIER_DATASETS] : v.split(',');
      i++;
    } else if (a === '--epochs') {
      epochs = Number(v);
      i++;
    } else if (a === '--seed') {
      seed = Number(v);
      i++;
    } else throw new Error(`unknown argument ${a} (use --dataset, --epochs, --seed, --coverage-only)`);
  }
  for (const d of datasets) if (!RECIPES[d]) throw new Error(`no classifier recipe for dataset "${d}"`);
  return { datasets, epochs, seed, coverageOnly };
}

/** Shifts each h×w×c image by a random whole number of pixels in [-max, max] on each axis, filling with `background`. */
function shiftImages(batch: Float32Array, n: number, [h, w, c]: readonly number[], max: number, background: number, rng: Random): void {
  const dim = h * w * c;
  const tmp = new Float32Array(dim);
  for (let i = 0; i < n; i++) {
    const dx = rng.int(2 * max + 1) - max;
    const dy = rng.int(2 * max + 1) - max;
    if (dx === 0 && dy === 0) continue;
    const img = batch.subarray(i * dim, (i + 1) * dim);
    tmp.fill(background);
    for (let y = 0; y < h; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= h) continue;
      for (let x = 0; x < w; x++) {
        const sx = x - dx;
        if (sx < 0 || sx >= w) continue;
        for (let ch = 0; ch < c; ch++) tmp[(y * w + x) * c + ch] = img[(sy * w + sx) * c + ch];
      }
    }
    img.set(tmp);
  }
}

function readImages(ds: Dataset, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * ds.dim);
  ds.readBatch(indices, out);
  return out;
}

function accuracy(probs: Float32Array, labels: ArrayLike<number>, k: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    if (best === labels[i]) right++;
  }
  return right / labels.length;
}

async function trainOne(datasetId: string, seed: number, epochsOverride?: number) {
  const recipe = RECIPES[datasetId];
  const epochs = epochsOverride ?? recipe.epochs;
  const source = getDatasetSource(datasetId)!;
  const ds = await source.load(nodeLoadContext(seed));
  if (!ds.labels) throw new Error(`${datasetId} has no labels`);
  const labels = ds.labels;
  const { train, test } = classifierSplit(ds.count);
  console.log(`${datasetId}: ${train.length} train / ${test.length} held-out (seeded 85/15 split), ${epochs} epochs, batch ${BATCH}`);

  const spec = classifierSpecFor(datasetId);
  const k = spec.numClasses;
  const rng = new Random(seed);
  const model = new Classifier(glorotUniform(rng.fork()), spec);
  const optimizer = tf.train.adam(recipe.lr);
  const order = Float64Array.from(train);
  const batch = new Float32Array(BATCH * ds.dim);
  const oneHot = new Float32Array(BATCH * k);
  const stepsPerEpoch = Math.floor(train.length / BATCH);
  const totalSteps = epochs * stepsPerEpoch;
  const t0 = Date.now();
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    rng.shuffle(order);
    let lossSum = 0;
    for (let s = 0; s < stepsPerEpoch; s++, step++) {
      // Cosine learning-rate decay to 5 % of the start.
      (optimizer as unknown as { learningRate: number }).learningRate = recipe.lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * step) / totalSteps)));
      const idx = order.subarray(s * BATCH, (s + 1) * BATCH);
      ds.readBatch(idx, batch);
      if (recipe.shift > 0) shiftImages(batch, BATCH, spec.inputShape, recipe.shift, recipe.background, rng);
      oneHot.fill(0);
      for (let i = 0; i < BATCH; i++) oneHot[i * k + labels[idx[i]]] = 1;
      const dropoutSeed = rng.nextSeed();
      const loss: tf.Scalar = tf.tidy(() => {
        const x = tf.tensor4d(batch, [BATCH, ...spec.inputShape]);
        const y = tf.tensor2d(oneHot, [BATCH, k]);
        const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.logits(x, true, dropoutSeed)) as tf.Scalar, true, model.variables);
        if (!cost) throw new Error('optimizer returned no cost');
        return cost;
      });
      lossSum += (await loss.data())[0];
      loss.dispose();
    }
    console.log(`  epoch ${epoch + 1}/${epochs}: loss ${(lossSum / stepsPerEpoch).toFixed(4)}  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  optimizer.dispose();

  // Round-trip through the shipped format, then measure with exactly those weights.
  const draft = encodeClassifier(model, { datasetId, testAccuracy: 0, testCount: test.length, trainCount: train.length });
  model.dispose();
  const shipped = decodeClassifier(draft.slice().buffer as ArrayBuffer, 'draft', spec);
  const testImages = readImages(ds, test);
  const testOut = await shipped.classify(testImages, test.length);
  const testAcc = accuracy(
    testOut.probs,
    Array.from(test, (i) => labels[i]),
    k,
  );
  const reference = gaussianStats(testOut.features, test.length, shipped.spec.featureDim);
  const realConfidentShares = realCoverageShares(testOut.probs, test.length, k);

  // Floor: FID of FLOOR_SAMPLE_COUNT real training images vs the held-out reference, repeated.
  const floorRng = new Random(seed + 1);
  const fids: number[] = [];
  for (let r = 0; r < FLOOR_REPEATS; r++) {
    const pick = floorRng.permutation(train.length).subarray(0, FLOOR_SAMPLE_COUNT);
    const out = await shipped.classify(
      readImages(
        ds,
        Array.from(pick, (i) => train[i]),
      ),
      FLOOR_SAMPLE_COUNT,
    );
    fids.push(frechetDistance(gaussianStats(out.features, FLOOR_SAMPLE_COUNT, shipped.spec.featureDim), reference));
  }
  const bytes = encodeClassifier(shipped, {
    datasetId,
    testAccuracy: testAcc,
    testCount: test.length,
    trainCount: train.length,
    reference,
    notes: `seed ${seed}, ${epochs} epochs, batch ${BATCH}, Adam ${recipe.lr} cosine, shift ±${recipe.shift}px, tfjs wasm`,
  });
  shipped.dispose();
  const path = publicAssetPath(classifierAssetPath(datasetId));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  const mean = fids.reduce((a, b) => a + b, 0) / fids.length;
  const std = Math.sqrt(fids.reduce((a, b) => a + (b - mean) ** 2, 0) / fids.length);
  const seconds = (Date.now() - t0) / 1000;
  console.log(
    `  ${datasetId}: held-out accuracy ${(testAcc * 100).toFixed(2)}% on ${test.length}; FID floor (${FLOOR_SAMPLE_COUNT} train vs ${test.length} held-out) ${mean.toFixed(3)} ± ${std.toFixed(3)}; ${bytes.length} bytes → ${path} (${seconds.toFixed(0)} s)`,
  );
  return {
    fidFloor: mean,
    fidFloorStd: std,
    repeats: FLOOR_REPEATS,
    referenceCount: test.length,
    testAccuracy: testAcc,
    featureSpace: `classifier ${shipped.spec.id} penultimate (${shipped.spec.featureDim})`,
    realConfidentShares,
  };
}

/** The shipped classifier's confident share per class on the held-out split (the coverage rule's fair share). */
async function measureCoverage(datasetId: string, seed: number): Promise<number[]> {
  const ctx = nodeLoadContext(seed);
  const ds = await getDatasetSource(datasetId)!.load(ctx);
  const classifier = await loadClassifier(ctx.readAsset, datasetId);
  const { test } = classifierSplit(ds.count);
  const { probs } = await classifier.classify(readImages(ds, test), test.length);
  const shares = realCoverageShares(probs, test.length, classifier.spec.numClasses);
  classifier.dispose();
  console.log(`  ${datasetId}: confident per 1,000 held-out images, by class: ${shares.map((x) => (1000 * x).toFixed(1)).join(' ')}`);
  return shares;
}

async function main() {
  const { datasets, epochs, seed, coverageOnly } = parseArgs(process.argv.slice(2));
  const backend = await selectBackend('wasm');
  console.log(`backend: ${backend.name}`);
  const floorsPath = publicAssetPath(CLASSIFIER_FLOORS_ASSET);
  const floors: ClassifierFloors = existsSync(floorsPath)
    ? (JSON.parse(readFileSync(floorsPath, 'utf8')) as ClassifierFloors)
    : { sampleCount: FLOOR_SAMPLE_COUNT, datasets: {} };
  floors.sampleCount = FLOOR_SAMPLE_COUNT;
  for (const d of datasets) {
    if (!coverageOnly) floors.datasets[d] = await trainOne(d, seed, epochs);
    else if (!floors.datasets[d]) throw new Error(`--coverage-only: ${floorsPath} has no entry for ${d}; train its classifier first`);
    else floors.datasets[d].realConfidentShares = await measureCoverage(d, seed);
  }
  mkdirSync(dirname(floorsPath), { recursive: true });
  writeFileSync(floorsPath, JSON.stringify(floors, null, 2) + '\n');
  console.log(`wrote ${floorsPath}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
