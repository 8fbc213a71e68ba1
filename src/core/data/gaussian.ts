/**
 * gaussian: one isotropic Gaussian, N((0, 0), I): the easiest target, a baseline where any
 * failure is the optimiser's, not mode collapse.
 */
import { datasetRandom, makePointsDataset, sampleGaussianMixture } from './pointsDataset';
import type { DatasetInfo, DatasetSource } from './types';

export const GAUSSIAN_CENTER = [0, 0];
export const GAUSSIAN_SIGMA = 1;
export const GAUSSIAN_COUNT = 10_000;

const info: DatasetInfo = {
  id: 'gaussian',
  name: 'Single Gaussian',
  kind: 'points',
  shape: [2],
  count: GAUSSIAN_COUNT,
  licence: 'Synthetic (generated in the app; no licence needed)',
  credit: 'Generated in the app',
  description: 'One round Gaussian blob (σ 1) at the origin: the sanity check — a working GAN matches it in a few hundred steps.',
  recommended: { model: 'mlp2d', loss: 'nonsaturating', batchSize: 128, latentDim: 8, lrG: 1e-3, lrD: 1e-3, beta1: 0.5, beta2: 0.999 },
  modes: { centers: [GAUSSIAN_CENTER], sigma: GAUSSIAN_SIGMA },
  // ±5σ: holds all but about 1 in a million points.
  extent: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
};

export const gaussianSource: DatasetSource = {
  info,
  async load(ctx) {
    // A one-component mixture is exactly N(centre, σ² I).
    const { points } = sampleGaussianMixture(datasetRandom(ctx.seed, info.id), [GAUSSIAN_CENTER], GAUSSIAN_SIGMA, GAUSSIAN_COUNT);
    return makePointsDataset(info, points);
  },
};
