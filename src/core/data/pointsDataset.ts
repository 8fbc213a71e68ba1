/**
 * Shared by the 2-D point sets: a `Dataset` over an in-memory Float32Array of (x, y) pairs, and
 * the Gaussian-mixture sampler the toy sets are drawn from.
 */
import { Random, normalizeSeed } from '../random';
import { makeArrayDataset } from './arrayDataset';
import type { Dataset, DatasetInfo, PointExtent } from './types';

export const POINT_DIM = 2;

/**
 * The generator a synthetic set draws from: the run seed folded with the dataset id, so the data
 * stream is independent of the trainer's noise stream (same seed) and of other datasets.
 */
export function datasetRandom(seed: number, id: string): Random {
  let h = 0x811c9dc5; // FNV-1a over the id
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return new Random(normalizeSeed(seed) ^ (h >>> 1));
}

/** `points` holds x0, y0, x1, y1, …; readBatch copies raw coordinates (no rescaling). */
export function makePointsDataset(info: DatasetInfo, points: Float32Array): Dataset {
  if (points.length % POINT_DIM !== 0) throw new Error(`${info.id}: point buffer length ${points.length} is odd`);
  return makeArrayDataset(info, points);
}

/**
 * `count` points from an equal-weight mixture of isotropic Gaussians: each point picks a centre
 * uniformly at random, then adds N(0, σ²) noise per axis. Returns the points and which mode each
 * came from (tests use it; metrics recompute membership from `info.modes`).
 */
export function sampleGaussianMixture(rng: Random, centers: number[][], sigma: number, count: number): { points: Float32Array; modeOf: Uint16Array } {
  const points = new Float32Array(count * POINT_DIM);
  const modeOf = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const k = rng.int(centers.length);
    modeOf[i] = k;
    points[2 * i] = centers[k][0] + rng.normal(0, sigma);
    points[2 * i + 1] = centers[k][1] + rng.normal(0, sigma);
  }
  return { points, modeOf };
}

/** The centres' bounding box grown by `margin` on every side (plot axes for a mixture). */
export function extentAround(centers: number[][], margin: number): PointExtent {
  const xs = centers.map((c) => c[0]);
  const ys = centers.map((c) => c[1]);
  return {
    xMin: Math.min(...xs) - margin,
    xMax: Math.max(...xs) + margin,
    yMin: Math.min(...ys) - margin,
    yMax: Math.max(...ys) + margin,
  };
}
