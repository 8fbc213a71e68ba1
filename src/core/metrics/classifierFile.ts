/**
 * The classifier file (public/classifiers/<dataset>.bin, written by `npm run train:classifier`):
 * encode, decode and load.
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
import type { InitFn } from '../models/network';
import { Classifier } from './classifier';
import { CLASSIFIER_SPEC, classifierAssetPath, classifierSpecFor, type ClassifierSpec } from './classifierSpec';
import { fromFloat16Bits, toFloat16Bits } from './float16';
import type { GaussianStats } from './frechet';

export const CLASSIFIER_FILE_MAGIC = 'GPCL';
export const CLASSIFIER_FILE_VERSION = 1;
const FLAG_HAS_REFERENCE = 1;

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

const zeroInit: InitFn = (shape) => new Float32Array(shape.reduce((a, b) => a * b, 1));

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
  if (header.specId !== spec.id)
    throw new Error(`${where}: made for classifier spec "${header.specId}", this build has "${spec.id}" (re-run "npm run train:classifier")`);
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
  const classifier = decodeClassifier(await readAsset(path), path, classifierSpecFor(datasetId));
  if (classifier.header && classifier.header.datasetId !== datasetId) {
    classifier.dispose();
    throw new Error(`${path}: trained on "${classifier.header.datasetId}", not "${datasetId}"`);
  }
  return classifier;
}
