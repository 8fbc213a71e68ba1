/**
 * The small image classifier behind the MNIST / Fashion-MNIST sample metrics (classes covered,
 * KL to uniform, confidence, classifier FID). One architecture for both datasets, trained by
 * `npm run train:classifier` (scripts/train-classifier.ts) and shipped as
 * public/classifiers/<dataset>.bin.
 *
 * The network is a LayerSpec list built with the project's `buildNetwork`, split in two at the
 * named feature layer: `trunk` maps a 28×28×1 image in [-1, 1] to FEATURE_DIM penultimate
 * features (after a ReLU), `head` maps those to 10 logits. No BatchNorm: the project's BatchNorm
 * always uses the statistics of the batch it is given, which would make a sample's class depend
 * on the other samples in its batch.
 *
 * File format (little-endian), byte offsets:
 *   0  magic      4 × u8   'GPCL'
 *   4  version    u16      CLASSIFIER_FILE_VERSION
 *   6  flags      u16      bit 0: reference statistics present
 *   8  headerLen  u32      bytes of the UTF-8 JSON header that follows
 *  12  header     JSON     ClassifierHeader (spec id, dataset, parameter names and shapes, …)
 *  ..  padding to a multiple of 4
 *  ..  weights    float16 (IEEE half, as u16), every parameter in header order, row-major
 *  ..  padding to a multiple of 4
 *  ..  reference  float32: mean[featureDim], then cov[featureDim²] (only when flag bit 0 is set):
 *                 the penultimate-feature Gaussian of the held-out real images, the reference
 *                 side of the classifier FID, so the app needs no test images at run time.
 */
import * as tf from '@tensorflow/tfjs';
import { buildNetwork, type InitFn, type Network } from '../models/network';
import type { LayerSpec } from '../models/specs';
import { Random } from '../random';
import type { GaussianStats } from './frechet';

export const CLASSIFIER_FILE_MAGIC = 'GPCL';
export const CLASSIFIER_FILE_VERSION = 1;
const FLAG_HAS_REFERENCE = 1;

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

export const CLASSIFIER_SPEC: ClassifierSpec = {
  id: 'cnn28-v1',
  inputShape: [28, 28, 1],
  trunk: [
    { type: 'conv', filters: 16, kernel: 5, stride: 2 },
    { type: 'relu' },
    { type: 'conv', filters: 32, kernel: 5, stride: 2 },
    { type: 'relu' },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: FEATURE_DIM },
    { type: 'relu' },
  ],
  head: [
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 10 },
  ],
  featureLayer: 'penultimate (dense 64 + ReLU)',
  featureDim: FEATURE_DIM,
  numClasses: 10,
};

/** Datasets a classifier is shipped for. */
export const CLASSIFIER_DATASETS = ['mnist', 'fashion-mnist'] as const;
export type ClassifierDatasetId = (typeof CLASSIFIER_DATASETS)[number];

export function classifierAssetPath(datasetId: string): string {
  return `classifiers/${datasetId}.bin`;
}
export const CLASSIFIER_FLOORS_ASSET = 'classifiers/floors.json';

/** What the header of a classifier file says. */
export interface ClassifierHeader {
  specId: string;
  datasetId: string;
  params: { name: string; shape: number[] }[];
  weightDtype: 'float16';
  /** Accuracy on the held-out split (after float16 rounding), in [0, 1]. */
  testAccuracy: number;
  testCount: number;
  trainCount: number;
  /** Count of the held-out images the reference statistics summarise. */
  referenceCount?: number;
  notes?: string;
}

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

// ── networks ───────────────────────────────────────────────────────────────────────────────

export interface ClassifierOutputs {
  /** count × numClasses softmax probabilities. */
  probs: Float32Array;
  /** count × featureDim penultimate features. */
  features: Float32Array;
}

/** TF.js refuses two live variables with one name: every instance gets its own prefix. */
let instances = 0;

export class Classifier {
  readonly spec: ClassifierSpec;
  /** Variable-name prefix of this instance, e.g. 'classifier3/'. */
  readonly prefix: string;
  readonly trunk: Network;
  readonly head: Network;
  header: ClassifierHeader | null = null;
  /** Reference (held-out real) feature statistics, when the file ships them. */
  reference: GaussianStats | null = null;

  constructor(init: InitFn, spec: ClassifierSpec = CLASSIFIER_SPEC) {
    this.spec = spec;
    this.prefix = `classifier${instances++}/`;
    this.trunk = buildNetwork(`${this.prefix}trunk`, spec.trunk, spec.inputShape, init);
    this.head = buildNetwork(`${this.prefix}head`, spec.head, [spec.featureDim], init);
    if (this.trunk.outShape.join() !== String(spec.featureDim)) throw new Error(`classifier trunk ends in [${this.trunk.outShape}], not [${spec.featureDim}]`);
    if (this.head.outShape.join() !== String(spec.numClasses)) throw new Error(`classifier head ends in [${this.head.outShape}], not [${spec.numClasses}]`);
  }

  get variables(): tf.Variable[] {
    return [...this.trunk.variables, ...this.head.variables];
  }

  get params(): Network['params'] {
    return [...this.trunk.params, ...this.head.params];
  }

  /** Parameter names without the instance prefix ('trunk/conv0/kernel', …), as files store them. */
  get paramNames(): string[] {
    return this.params.map((p) => p.name.slice(this.prefix.length));
  }

  /** Logits for a [n, 28, 28, 1] batch (for training; the caller tidies). */
  logits(x: tf.Tensor, training: boolean, dropoutSeed?: number): tf.Tensor {
    const options = { training, dropoutSeed };
    const f = this.trunk.apply(x, options);
    return this.head.apply(f, { training, dropoutSeed: dropoutSeed === undefined ? undefined : dropoutSeed + 104729 });
  }

  /**
   * Class probabilities and penultimate features of `count` images stored one after another in
   * `images` (28·28 floats each, in [-1, 1] like the datasets and a tanh generator), in batches.
   * Async because WebGPU cannot read tensors back synchronously; every tensor is disposed.
   */
  async classify(images: Float32Array, count: number, batchSize = 500): Promise<ClassifierOutputs> {
    const [h, w, c] = this.spec.inputShape;
    const dim = h * w * c;
    if (!Number.isInteger(count) || count < 0 || images.length < count * dim) {
      throw new Error(`classify: ${images.length} floats for ${count} images of ${dim}`);
    }
    const k = this.spec.numClasses;
    const fd = this.spec.featureDim;
    const probs = new Float32Array(count * k);
    const features = new Float32Array(count * fd);
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      const [p, f] = tf.tidy(() => {
        const x = tf.tensor4d(images.subarray(start * dim, (start + n) * dim), [n, h, w, c]);
        const feats = this.trunk.apply(x, { training: false });
        const logits = this.head.apply(feats, { training: false });
        return [tf.softmax(logits), feats];
      });
      try {
        const [pv, fv] = await Promise.all([p.data(), f.data()]);
        probs.set(pv as Float32Array, start * k);
        features.set(fv as Float32Array, start * fd);
      } finally {
        p.dispose();
        f.dispose();
      }
    }
    return { probs, features };
  }

  dispose(): void {
    this.trunk.dispose();
    this.head.dispose();
  }
}

/** Glorot-uniform initialisation from a seeded stream (training starts here). */
export function glorotInit(rng: Random): InitFn {
  return (shape, fanIn, fanOut) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = rng.uniform(-limit, limit);
    return out;
  };
}

const zeroInit: InitFn = (shape) => new Float32Array(shape.reduce((a, b) => a * b, 1));

// ── float16 ───────────────────────────────────────────────────────────────────────────────

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE-754 half precision bits of `value`, rounded to nearest even (overflow → ±Infinity). */
export function toFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf / NaN
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign; // underflows to ±0
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let m = mant >>> shift;
    if (rest > half || (rest === half && m & 1)) m += 1;
    return sign | m;
  }
  const rest = mant & 0x1fff;
  let m = mant >>> 13;
  if (rest > 0x1000 || (rest === 0x1000 && m & 1)) {
    m += 1;
    if (m === 0x400) {
      m = 0;
      e += 1;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | m;
}

export function fromFloat16Bits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

// ── (de)serialisation ─────────────────────────────────────────────────────────────────────

const pad4 = (n: number): number => (n + 3) & ~3;

export interface EncodeOptions {
  datasetId: string;
  testAccuracy: number;
  testCount: number;
  trainCount: number;
  reference?: GaussianStats;
  notes?: string;
}

/** The classifier's weights (float16), header and optional reference statistics as one file. */
export function encodeClassifier(classifier: Classifier, options: EncodeOptions): Uint8Array {
  const values = classifier.params.map((p) => p.variable.dataSync() as Float32Array);
  const header: ClassifierHeader = {
    specId: classifier.spec.id,
    datasetId: options.datasetId,
    params: classifier.params.map((p, i) => ({ name: classifier.paramNames[i], shape: p.variable.shape })),
    weightDtype: 'float16',
    testAccuracy: options.testAccuracy,
    testCount: options.testCount,
    trainCount: options.trainCount,
    ...(options.reference ? { referenceCount: options.reference.count } : {}),
    ...(options.notes ? { notes: options.notes } : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const weightCount = values.reduce((s, v) => s + v.length, 0);
  const fd = classifier.spec.featureDim;
  const weightsAt = pad4(12 + json.length);
  const refAt = pad4(weightsAt + 2 * weightCount);
  const total = refAt + (options.reference ? 4 * (fd + fd * fd) : 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = CLASSIFIER_FILE_MAGIC.charCodeAt(i);
  view.setUint16(4, CLASSIFIER_FILE_VERSION, true);
  view.setUint16(6, options.reference ? FLAG_HAS_REFERENCE : 0, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let offset = weightsAt;
  for (const v of values) {
    for (let i = 0; i < v.length; i++, offset += 2) view.setUint16(offset, toFloat16Bits(v[i]), true);
  }
  if (options.reference) {
    const ref = options.reference;
    if (ref.dim !== fd) throw new Error(`encodeClassifier: reference has dim ${ref.dim}, features have ${fd}`);
    offset = refAt;
    for (let i = 0; i < fd; i++, offset += 4) view.setFloat32(offset, ref.mean[i], true);
    for (let i = 0; i < fd * fd; i++, offset += 4) view.setFloat32(offset, ref.cov[i], true);
  }
  return out;
}

/** Builds a classifier from a file made by `encodeClassifier`; throws on any mismatch. */
export function decodeClassifier(buffer: ArrayBuffer, where = 'classifier file', spec: ClassifierSpec = CLASSIFIER_SPEC): Classifier {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  if (bytes.length < 12) throw new Error(`${where}: too short (${bytes.length} bytes)`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== CLASSIFIER_FILE_MAGIC) throw new Error(`${where}: not a classifier file (magic "${magic}")`);
  const version = view.getUint16(4, true);
  if (version !== CLASSIFIER_FILE_VERSION) throw new Error(`${where}: file version ${version}, this build reads ${CLASSIFIER_FILE_VERSION}`);
  const flags = view.getUint16(6, true);
  const jsonLen = view.getUint32(8, true);
  if (12 + jsonLen > bytes.length) throw new Error(`${where}: truncated header`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLen))) as ClassifierHeader;
  if (header.specId !== spec.id) throw new Error(`${where}: made for classifier spec "${header.specId}", this build has "${spec.id}" (re-run "npm run train:classifier")`);
  if (header.weightDtype !== 'float16') throw new Error(`${where}: unknown weight dtype "${header.weightDtype}"`);
  const classifier = new Classifier(zeroInit, spec);
  try {
    const params = classifier.params;
    if (params.length !== header.params.length) throw new Error(`${where}: ${header.params.length} parameters, the spec has ${params.length}`);
    let offset = pad4(12 + jsonLen);
    const fd = spec.featureDim;
    const weightCount = header.params.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
    const needed = pad4(offset + 2 * weightCount) + (flags & FLAG_HAS_REFERENCE ? 4 * (fd + fd * fd) : 0);
    if (bytes.length < needed) throw new Error(`${where}: ${bytes.length} bytes, expected ${needed}`);
    const names = classifier.paramNames;
    params.forEach((p, i) => {
      const hp = header.params[i];
      if (hp.name !== names[i] || hp.shape.join('x') !== p.variable.shape.join('x')) {
        throw new Error(`${where}: parameter ${i} is ${hp.name} [${hp.shape}], expected ${names[i]} [${p.variable.shape}]`);
      }
      const v = new Float32Array(p.variable.size);
      for (let j = 0; j < v.length; j++, offset += 2) v[j] = fromFloat16Bits(view.getUint16(offset, true));
      tf.tidy(() => p.variable.assign(tf.tensor(v, p.variable.shape)));
    });
    if (flags & FLAG_HAS_REFERENCE) {
      offset = pad4(offset);
      const mean = new Float64Array(fd);
      const cov = new Float64Array(fd * fd);
      for (let i = 0; i < fd; i++, offset += 4) mean[i] = view.getFloat32(offset, true);
      for (let i = 0; i < fd * fd; i++, offset += 4) cov[i] = view.getFloat32(offset, true);
      classifier.reference = { dim: fd, count: header.referenceCount ?? 0, mean, cov };
    }
    classifier.header = header;
    return classifier;
  } catch (e) {
    classifier.dispose();
    throw e;
  }
}

/**
 * Loads the shipped classifier for `datasetId` through the app's asset reader
 * (`LoadContext.readAsset`: fetch in the browser, fs in Node). Call `dispose()` when done.
 */
export async function loadClassifier(readAsset: (path: string) => Promise<ArrayBuffer>, datasetId: string): Promise<Classifier> {
  const path = classifierAssetPath(datasetId);
  const classifier = decodeClassifier(await readAsset(path), path);
  if (classifier.header && classifier.header.datasetId !== datasetId) {
    classifier.dispose();
    throw new Error(`${path}: trained on "${classifier.header.datasetId}", not "${datasetId}"`);
  }
  return classifier;
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
    }
  >;
}
