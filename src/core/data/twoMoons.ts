/**
 * two-moons: two interleaved half circles (the scikit-learn `make_moons` shape), centred on the
 * origin. Two curved, disconnected parts: a generator with connected noise must stretch a thin
 * bridge between them, which is where GANs visibly struggle.
 *
 * Generator: label m ~ {0, 1} uniformly, angle θ ~ U(0, π);
 *   moon 0: (cos θ, sin θ), moon 1: (1 − cos θ, 0.5 − sin θ);
 * then shift by (−0.5, −0.25) to centre and add N(0, MOONS_NOISE²) per axis.
 */
import { datasetRandom, makePointsDataset } from './pointsDataset';
import type { Dataset, DatasetInfo, DatasetSource } from './types';

export const MOONS_NOISE = 0.05;
export const MOONS_COUNT = 10_000;
const SHIFT_X = -0.5;
const SHIFT_Y = -0.25;

/** The noise-free point of moon `m` at angle θ ∈ [0, π]. */
export function moonPoint(m: 0 | 1, theta: number): [number, number] {
  return m === 0 ? [Math.cos(theta) + SHIFT_X, Math.sin(theta) + SHIFT_Y] : [1 - Math.cos(theta) + SHIFT_X, 0.5 - Math.sin(theta) + SHIFT_Y];
}

const info: DatasetInfo = {
  id: 'two-moons',
  name: 'Two moons',
  kind: 'points',
  shape: [2],
  count: MOONS_COUNT,
  licence: 'Synthetic (generated in the app; no licence needed)',
  credit: 'Shape after scikit-learn’s make_moons; generated in the app',
  description: `Two interlocking half circles (noise σ ${MOONS_NOISE}): two separate curved parts, labelled 0 and 1.`,
  recommended: { model: 'mlp2d', loss: 'nonsaturating', batchSize: 128, latentDim: 8, lrG: 1e-3, lrD: 1e-3, beta1: 0.5, beta2: 0.999 },
  classNames: ['upper moon', 'lower moon'],
  extent: { xMin: -2, xMax: 2, yMin: -1.5, yMax: 1.5 },
};

export const twoMoonsSource: DatasetSource = {
  info,
  async load(ctx): Promise<Dataset> {
    const rng = datasetRandom(ctx.seed, info.id);
    const points = new Float32Array(MOONS_COUNT * 2);
    const labels = new Uint8Array(MOONS_COUNT);
    for (let i = 0; i < MOONS_COUNT; i++) {
      const m = rng.int(2) as 0 | 1;
      const [x, y] = moonPoint(m, Math.PI * rng.next());
      points[2 * i] = x + rng.normal(0, MOONS_NOISE);
      points[2 * i + 1] = y + rng.normal(0, MOONS_NOISE);
      labels[i] = m;
    }
    return { ...makePointsDataset(info, points), labels };
  },
};
