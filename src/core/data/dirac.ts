/**
 * dirac: every real example is the number 0 — the Dirac-GAN of Mescheder, Geiger & Nowozin, "Which
 * Training Methods for GANs do actually Converge?" (2018). With G(z) = θ and D(x) = ψ·x the whole
 * game is two numbers, and its path in the (θ, ψ) plane shows whether training converges to
 * (0, 0), circles around it, or spirals away.
 */
import type { Dataset, DatasetInfo, DatasetSource } from './types';

export const DIRAC_COUNT = 1024;

const info: DatasetInfo = {
  id: 'dirac',
  name: 'Dirac-GAN (all data at 0)',
  kind: 'points',
  shape: [1],
  count: DIRAC_COUNT,
  licence: 'Synthetic (generated in the app; no licence needed)',
  credit: 'After Mescheder et al., "Which Training Methods for GANs do actually Converge?" (ICML 2018)',
  description: 'The smallest GAN there is: one real point at 0, G(z) = θ, D(x) = ψ·x. Watch the path of (θ, ψ).',
  // Plain gradient steps (β1 = 0) make the textbook dynamics visible; Adam's momentum would blur them.
  recommended: { model: 'dirac', loss: 'nonsaturating', batchSize: 8, latentDim: 1, lrG: 0.05, lrD: 0.05, beta1: 0, beta2: 0.999 },
};

export const diracSource: DatasetSource = {
  info,
  async load(): Promise<Dataset> {
    return {
      info,
      count: DIRAC_COUNT,
      dim: 1,
      readBatch(indices, out) {
        out.fill(0, 0, indices.length);
      },
    };
  },
};
