import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeLoadContext, nodeReadAsset, publicAssetPath } from '../../../scripts/lib/nodeAssets';
import { selectBackend } from '../backend/backend';
import { getDatasetSource } from '../data/registry';
import { inferLayers } from '../models/specs';
import { Random } from '../random';
import { glorotUniform } from '../models/glorot';
import { Classifier } from './classifier';
import { decodeClassifier, encodeClassifier, loadClassifier } from './classifierFile';
import { CLASSIFIER_FLOORS_ASSET, CLASSIFIER_SPEC, classifierSplit, type ClassifierFloors } from './classifierSpec';
import { classifierMetrics } from './classifierMetrics';
import { frechetDistance, gaussianStats } from './frechet';
import { realClassShares } from './qualityEvaluator';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('classifier spec and file', () => {
  it('maps 28×28×1 to 64 features and 10 logits', () => {
    const trunk = inferLayers(CLASSIFIER_SPEC.trunk, CLASSIFIER_SPEC.inputShape);
    expect(trunk[trunk.length - 1].outShape).toEqual([CLASSIFIER_SPEC.featureDim]);
    const head = inferLayers(CLASSIFIER_SPEC.head, [CLASSIFIER_SPEC.featureDim]);
    expect(head[head.length - 1].outShape).toEqual([10]);
  });

  it('the split is fixed, disjoint and 85/15', () => {
    const a = classifierSplit(10_000);
    const b = classifierSplit(10_000);
    expect(a.test.length).toBe(1500);
    expect(a.train.length).toBe(8500);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    const seen = new Set<number>([...a.train, ...a.test]);
    expect(seen.size).toBe(10_000);
  });

  it('encode → decode keeps outputs (to float16 precision), header and reference; classify leaks no tensors', async () => {
    const c = new Classifier(glorotUniform(new Random(3)));
    const rng = new Random(4);
    const images = Float32Array.from({ length: 20 * 784 }, () => rng.uniform(-1, 1));
    const ref = gaussianStats(
      Float32Array.from({ length: 100 * 64 }, () => rng.normal()),
      100,
      64,
    );
    const bytes = encodeClassifier(c, { datasetId: 'mnist', testAccuracy: 0.5, testCount: 1, trainCount: 2, reference: ref });
    const d = decodeClassifier(bytes.slice().buffer as ArrayBuffer);
    const before = tf.memory().numTensors;
    const a = await c.classify(images, 20, 7);
    const b = await d.classify(images, 20);
    expect(tf.memory().numTensors).toBe(before);
    expect(a.probs.length).toBe(200);
    expect(a.features.length).toBe(20 * 64);
    for (let i = 0; i < 20; i++) expect(a.probs.slice(i * 10, i * 10 + 10).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    let maxDiff = 0;
    a.probs.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - b.probs[i]))));
    expect(maxDiff).toBeLessThan(5e-3);
    expect(d.header).toMatchObject({ specId: CLASSIFIER_SPEC.id, datasetId: 'mnist', testAccuracy: 0.5, referenceCount: 100 });
    expect(d.reference!.mean[5]).toBeCloseTo(ref.mean[5], 5);
    expect(d.reference!.cov[70]).toBeCloseTo(ref.cov[70], 5);
    // Repeated classify calls stay flat too.
    for (let i = 0; i < 3; i++) await d.classify(images, 20, 8);
    expect(tf.memory().numTensors).toBe(before);
    const vars = tf.memory().numTensors;
    c.dispose();
    d.dispose();
    expect(tf.memory().numTensors).toBe(vars - 2 * c.params.length);
  });

  it('refuses foreign or mismatched files', () => {
    const c = new Classifier(glorotUniform(new Random(3)));
    const bytes = encodeClassifier(c, { datasetId: 'mnist', testAccuracy: 0, testCount: 0, trainCount: 0 });
    c.dispose();
    const bad = bytes.slice();
    bad[0] = 0x58;
    expect(() => decodeClassifier(bad.buffer as ArrayBuffer)).toThrow(/not a classifier file/);
    const version = bytes.slice();
    version[4] = 99;
    expect(() => decodeClassifier(version.buffer as ArrayBuffer)).toThrow(/version 99/);
    expect(() => decodeClassifier(bytes.slice(0, 200).buffer as ArrayBuffer)).toThrow(/bytes|truncated/);
    expect(() => decodeClassifier(bytes.slice().buffer as ArrayBuffer, 'x', { ...CLASSIFIER_SPEC, id: 'other' })).toThrow(/spec "cnn28-v1"/);
  });
});

/** Emoji's 9 Unicode categories overlap (Objects and Symbols, People and Smileys): 86.2% held out. */
const EMOJI_MIN_ACCURACY = 0.84;

/**
 * The accuracy bars of the issue, less a margin for the held-out slice's sampling error. Emoji's
 * categories are far from equal in size (People & Body holds every skin tone), so its real
 * images' class histogram is not near uniform and its classifier is less sure of itself.
 */
const SHIPPED = [
  { id: 'mnist', minAccuracy: 0.975, slice: 1500, maxKl: 0.02, minConfident: 0.6, minConfidence: 0.85, realCovered: 10 },
  { id: 'fashion-mnist', minAccuracy: 0.87, slice: 3000, maxKl: 0.02, minConfident: 0.6, minConfidence: 0.85, realCovered: 10 },
  // Real emoji cover 7 of 9 by the coverage rule, even against each category's own share: the
  // classifier is seldom sure (≥ 0.9) of the categories that overlap (docs/quality-measures.md).
  { id: 'emoji', minAccuracy: EMOJI_MIN_ACCURACY, slice: 567, maxKl: 1, minConfident: 0.5, minConfidence: 0.75, realCovered: 7 },
];

describe.each(SHIPPED)('shipped classifier: $id', ({ id, minAccuracy, slice, maxKl, minConfident, minConfidence, realCovered }) => {
  it(`held-out accuracy ≥ ${minAccuracy * 100}%, real-vs-real FID ≪ noise FID, metrics sane`, async () => {
    const classifier = await loadClassifier(nodeReadAsset, id);
    const ds = await getDatasetSource(id)!.load(nodeLoadContext(1));
    const { train, test } = classifierSplit(ds.count);
    const k = classifier.spec.numClasses;
    const dim = ds.dim;
    const testIdx = test.subarray(0, slice);
    const images = new Float32Array(testIdx.length * dim);
    ds.readBatch(testIdx, images);
    const before = tf.memory().numTensors;
    const out = await classifier.classify(images, testIdx.length);
    expect(tf.memory().numTensors).toBe(before);
    let right = 0;
    for (let i = 0; i < testIdx.length; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (out.probs[i * k + c] > out.probs[i * k + best]) best = c;
      if (best === ds.labels![testIdx[i]]) right++;
    }
    const acc = right / testIdx.length;

    expect(classifier.reference).not.toBeNull();
    const ref = classifier.reference!;
    const pick = new Random(11).permutation(train.length).subarray(0, 1000);
    const real = new Float32Array(1000 * dim);
    ds.readBatch(
      Array.from(pick, (i) => train[i]),
      real,
    );
    const realOut = await classifier.classify(real, 1000);
    const classShares = realClassShares(ds, k);
    const floors = JSON.parse(readFileSync(publicAssetPath(CLASSIFIER_FLOORS_ASSET), 'utf8')) as ClassifierFloors;
    const floor = floors.datasets[id];
    const realConfidentShares = floor.realConfidentShares;
    expect(realConfidentShares).toHaveLength(k);
    const realMetrics = classifierMetrics({ ...realOut, count: 1000, numClasses: k, reference: ref, classShares, realConfidentShares });
    const rng = new Random(12);
    const noise = Float32Array.from({ length: 1000 * dim }, () => rng.uniform(-1, 1));
    const noiseOut = await classifier.classify(noise, 1000);
    const noiseMetrics = classifierMetrics({ ...noiseOut, count: 1000, numClasses: k, reference: ref, classShares, realConfidentShares });
    console.log(
      `${id}: held-out accuracy ${(acc * 100).toFixed(2)}% on ${testIdx.length} (file says ${(classifier.header!.testAccuracy * 100).toFixed(2)}% on ${classifier.header!.testCount}); ` +
        `FID real ${realMetrics.fid!.toFixed(3)} (floor ${floor.fidFloor.toFixed(3)} ± ${floor.fidFloorStd.toFixed(3)}), noise ${noiseMetrics.fid!.toFixed(1)}; ` +
        `real: ${realMetrics.classesCovered} classes, KL ${realMetrics.klToUniform.toFixed(4)}, confidence ${realMetrics.confidence.toFixed(3)}, ` +
        `confident ${(realMetrics.confidentShare * 100).toFixed(1)}%; noise: ${noiseMetrics.classesCovered} classes, confident ${(noiseMetrics.confidentShare * 100).toFixed(1)}%`,
    );
    expect(acc).toBeGreaterThanOrEqual(minAccuracy);
    expect(classifier.header!.testAccuracy).toBeGreaterThanOrEqual(minAccuracy);
    expect(realMetrics.fid!).toBeLessThan(noiseMetrics.fid! / 20);
    expect(Math.abs(realMetrics.fid! - floor.fidFloor)).toBeLessThan(5 * floor.fidFloorStd + 0.5 * floor.fidFloor);
    expect(realMetrics.classesCovered).toBe(realCovered);
    expect(realMetrics.confidentShare).toBeGreaterThan(minConfident);
    expect(realMetrics.klToUniform).toBeLessThan(maxKl);
    expect(realMetrics.confidence).toBeGreaterThan(minConfidence);
    // The reference statistics in the file are those of the held-out features.
    const refNow = gaussianStats(out.features, testIdx.length, ref.dim);
    if (testIdx.length === test.length) expect(frechetDistance(refNow, ref)).toBeLessThan(1e-3);
    classifier.dispose();
  });
});
