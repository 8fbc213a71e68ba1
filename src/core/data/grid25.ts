/**
 * grid25: 25 Gaussians on the 5×5 grid {−4, −2, 0, 2, 4}², σ 0.05 (the harder mode-coverage
 * benchmark used by VEEGAN, PacGAN and others). Coordinates are raw, spanning about ±4.2.
 */
import { datasetRandom, extentAround, makePointsDataset, sampleGaussianMixture } from './pointsDataset';
import type { DatasetInfo, DatasetSource } from './types';

export const GRID25_STEPS = [-4, -2, 0, 2, 4];
export const GRID25_SIGMA = 0.05;
// 100,000 points as in PacGAN: with 10,000 (400 a mode) D learns the sample's own clumps and the
// high-quality share fell from 70/47/74% to 56/58/36% (seeds 1–3, same preset otherwise).
export const GRID25_COUNT = 100_000;

export const GRID25_CENTERS: number[][] = GRID25_STEPS.flatMap((x) => GRID25_STEPS.map((y) => [x, y]));

const info: DatasetInfo = {
  id: 'grid25',
  name: '25 Gaussians on a grid',
  kind: 'points',
  shape: [2],
  count: GRID25_COUNT,
  licence: 'Synthetic (generated in the app; no licence needed)',
  credit: 'Toy benchmark after Srivastava et al., "VEEGAN" (2017) and Lin et al., "PacGAN" (2018)',
  description: `25 Gaussians (σ ${GRID25_SIGMA}) at {−4, −2, 0, 2, 4}²: harder than the ring; count how many modes the generator covers.`,
  // Measured (wasm, 10,000 steps, % of 2,500 samples within 3σ of a mode, seeds 1/2/3); each line
  // adds to the one before:
  //   hinge, lr 1e-3 G / 4e-3 D, R1 γ 0.3, decay 5,000–10,000, batch 128, 10,000 points: 56/58/36%
  //   100,000 points (D can no longer learn the sample's clumps):                     70/47/74%
  //   latent noise σ 4 (G's first layer 4× steeper: sharper jumps between modes):      79/76/80%
  //   lr 2e-3 for G:                                                                  77/86/82%
  //   batch 256, R1 computed every 8th D update at 8γ (lazy R1 pays for the batch):   87/90/88%
  //   (the last line with the CLI: 25/25 modes each, 4m02s–4m26s; the README has the whole story)
  // Tried and no better (seed 1 or 2): top-k G updates, BatchNorm or a 3rd layer or LeakyReLU in G,
  // a 3-layer D, spectral norm instead of R1, a one-hot latent code, a uniform latent, a 2-D latent
  // (84/81/68%), σ 2, 6 or 8, R1 γ 0.1, R1 decaying with the learning rates, earlier decay, a 20%
  // or exponential decay floor, β1 0, β2 0.9. Batch 256 with R1 on every update: 89% (seed 1) but
  // 40 ms a step, over the 5-minute budget.
  recommended: {
    model: 'mlp2d',
    loss: 'hinge',
    batchSize: 256,
    latentDim: 8,
    latentStd: 4,
    lrG: 2e-3,
    lrD: 4e-3,
    beta1: 0.5,
    beta2: 0.999,
    r1Gamma: 0.3,
    r1Every: 8,
    lrDecayStart: 5000,
    lrDecaySteps: 5000,
  },
  recommendedSteps: 10_000,
  modes: { centers: GRID25_CENTERS, sigma: GRID25_SIGMA },
  extent: extentAround(GRID25_CENTERS, 1),
};

export const grid25Source: DatasetSource = {
  info,
  async load(ctx) {
    const { points } = sampleGaussianMixture(datasetRandom(ctx.seed, info.id), GRID25_CENTERS, GRID25_SIGMA, GRID25_COUNT);
    return makePointsDataset(info, points);
  },
};
