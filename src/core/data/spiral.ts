/**
 * spiral: points along a two-turn Archimedean spiral with a little noise. A thin, curved 1-D
 * manifold: the generator must bend its noise into a line rather than fill a blob.
 *
 * Generator: t = √u with u ~ U(0, 1) (so points are spread evenly along the arc, not bunched at
 * the centre), angle θ = 2π·SPIRAL_TURNS·t, radius r = SPIRAL_RADIUS·t, then
 * (x, y) = (r cos θ, r sin θ) + N(0, SPIRAL_NOISE²) per axis.
 */
import { datasetRandom, makePointsDataset } from './pointsDataset';
import type { DatasetInfo, DatasetSource } from './types';

export const SPIRAL_TURNS = 2;
export const SPIRAL_RADIUS = 1;
export const SPIRAL_NOISE = 0.02;
export const SPIRAL_COUNT = 10_000;

/** The noise-free spiral point at arc parameter t ∈ [0, 1] (tests and plots use it). */
export function spiralPoint(t: number): [number, number] {
  const theta = 2 * Math.PI * SPIRAL_TURNS * t;
  const r = SPIRAL_RADIUS * t;
  return [r * Math.cos(theta), r * Math.sin(theta)];
}

const info: DatasetInfo = {
  id: 'spiral',
  name: 'Spiral',
  kind: 'points',
  shape: [2],
  count: SPIRAL_COUNT,
  licence: 'Synthetic (generated in the app; no licence needed)',
  credit: 'Generated in the app',
  description: `A ${SPIRAL_TURNS}-turn spiral of radius ${SPIRAL_RADIUS} with noise σ ${SPIRAL_NOISE}: a thin curved line the generator must learn to trace.`,
  recommended: { model: 'mlp2d', loss: 'nonsaturating', batchSize: 128, latentDim: 8, lrG: 1e-3, lrD: 1e-3, beta1: 0.5, beta2: 0.999 },
  extent: { xMin: -1.3, xMax: 1.3, yMin: -1.3, yMax: 1.3 },
};

export const spiralSource: DatasetSource = {
  info,
  async load(ctx) {
    const rng = datasetRandom(ctx.seed, info.id);
    const points = new Float32Array(SPIRAL_COUNT * 2);
    for (let i = 0; i < SPIRAL_COUNT; i++) {
      // Arc length grows like t², so t = √u makes the density along the curve about uniform.
      const [x, y] = spiralPoint(Math.sqrt(rng.next()));
      points[2 * i] = x + rng.normal(0, SPIRAL_NOISE);
      points[2 * i + 1] = y + rng.normal(0, SPIRAL_NOISE);
    }
    return makePointsDataset(info, points);
  },
};
