/**
 * drawn: a point set the user draws on the canvas. The UI collects raw (x, y) pairs, the worker
 * builds a source from them with `makeDrawnPointsSource` (it is not in the static registry).
 *
 * Generator: a few hundred clicks are too few examples for a smooth target, so each drawn point
 * is repeated as DRAWN_COPIES_PER_POINT copies jittered by N(0, σ²) (σ = DRAWN_JITTER × the
 * drawing's larger side), seeded from ctx.seed, capped at DRAWN_MAX_EXAMPLES examples in all.
 */
import { datasetRandom, makePointsDataset } from './pointsDataset';
import type { DatasetInfo, DatasetSource, PointExtent } from './types';

export const DRAWN_ID = 'drawn';
/** Most points a drawing may hold (a bound on what the UI posts to the worker). */
export const DRAWN_MAX_POINTS = 20_000;
export const DRAWN_MIN_POINTS = 2;
export const DRAWN_MAX_EXAMPLES = 20_000;
export const DRAWN_COPIES_PER_POINT = 20;
export const DRAWN_JITTER = 0.01;

function extentOf(points: Float32Array): PointExtent {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    xMin = Math.min(xMin, points[i]);
    xMax = Math.max(xMax, points[i]);
    yMin = Math.min(yMin, points[i + 1]);
    yMax = Math.max(yMax, points[i + 1]);
  }
  return { xMin, xMax, yMin, yMax };
}

/** Throws a message naming the problem when `points` cannot be a drawing. */
export function checkDrawnPoints(points: Float32Array): void {
  if (points.length % 2 !== 0) throw new Error(`drawn points must be x, y pairs; got ${points.length} numbers`);
  const n = points.length / 2;
  if (n < DRAWN_MIN_POINTS) throw new Error(`draw at least ${DRAWN_MIN_POINTS} points; got ${n}`);
  if (n > DRAWN_MAX_POINTS) throw new Error(`a drawing may hold at most ${DRAWN_MAX_POINTS} points; got ${n}`);
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) throw new Error(`drawn point ${Math.floor(i / 2)} has a non-finite coordinate`);
  }
}

/** How many jittered copies of each of `n` drawn points the dataset holds. */
export function drawnCopies(n: number): number {
  return Math.max(1, Math.min(DRAWN_COPIES_PER_POINT, Math.floor(DRAWN_MAX_EXAMPLES / n)));
}

export function makeDrawnPointsSource(points: Float32Array): DatasetSource {
  checkDrawnPoints(points);
  const drawn = Float32Array.from(points); // the caller's buffer may be transferred or reused
  const n = drawn.length / 2;
  const copies = drawnCopies(n);
  const bounds = extentOf(drawn);
  const span = Math.max(bounds.xMax - bounds.xMin, bounds.yMax - bounds.yMin, 1e-6);
  const sigma = DRAWN_JITTER * span;
  const margin = 0.1 * span;
  const info: DatasetInfo = {
    id: DRAWN_ID,
    name: 'Your drawing',
    kind: 'points',
    shape: [2],
    count: n * copies,
    licence: 'Yours (drawn in the app)',
    credit: 'Drawn by you',
    description: `${n} points you drew, each repeated ${copies}× with a small jitter (σ ${sigma.toPrecision(2)}).`,
    recommended: { model: 'mlp2d', loss: 'nonsaturating', batchSize: 128, latentDim: 8, lrG: 1e-3, lrD: 1e-3, beta1: 0.5, beta2: 0.999 },
    extent: { xMin: bounds.xMin - margin, xMax: bounds.xMax + margin, yMin: bounds.yMin - margin, yMax: bounds.yMax + margin },
  };
  return {
    info,
    async load(ctx) {
      const rng = datasetRandom(ctx.seed, DRAWN_ID);
      const out = new Float32Array(info.count * 2);
      for (let k = 0; k < info.count; k++) {
        const p = k % n;
        out[2 * k] = drawn[2 * p] + rng.normal(0, sigma);
        out[2 * k + 1] = drawn[2 * p + 1] + rng.normal(0, sigma);
      }
      return makePointsDataset(info, out);
    },
  };
}
