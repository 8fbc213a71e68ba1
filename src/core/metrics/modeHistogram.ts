/**
 * Mode histograms and density grids for 2-D point sets drawn from Gaussian mixtures (ring8,
 * grid25): the KL divergence between the generated and the real mode histograms, and a
 * normalised density heatmap.
 *
 * Binning (the same rule as `modeCoverage`, VEEGAN/PacGAN): a point belongs to its nearest mode
 * centre when it lies within `radiusSigmas`·σ (3σ) of it; every other point goes to one extra
 * **off-mode** bin, the last one. So a histogram over K modes has K + 1 bins, and a generator that
 * puts mass between the modes is charged for it rather than having those points silently dropped
 * or snapped to a mode.
 *
 * The real histogram is either
 *   - measured: the same binning applied to real points (the dataset), or
 *   - expected: the exact histogram of an equal-weight mixture of isotropic 2-D Gaussians with
 *     well-separated modes: a 2-D Gaussian puts exp(−r²/2) of its mass beyond r σ (the radial
 *     distance is Rayleigh), so off-mode = exp(−4.5) ≈ 1.11 % at 3σ and each mode (1 − that)/K.
 *     Every bin is then > 0, so KL(generated ‖ expected) is always finite.
 *
 * KL(P ‖ Q) = Σ p_i log(p_i / q_i), in nats, P the generated histogram, Q the real one. P is not
 * smoothed (its empty bins contribute 0 · log 0 = 0). Q is smoothed, because a measured real
 * histogram can have an empty bin (often the off-mode bin) where P has mass, which would make
 * the KL infinite: Q' = (1 − ε) Q + ε / (K + 1), ε = `smoothing` (default 1e-3). That bounds the
 * KL by log((K + 1) / ε) (≈ 9.1 nats for ring8) and moves well-behaved values by ≲ ε.
 * Pass smoothing 0 for the unsmoothed KL (then it may be Infinity).
 *
 * Unlike a KL estimated from two density grids (GAN Lab's approach), this needs no bandwidth or
 * cell size and has exact answers on hand-made point sets: P = Q → 0; everything in one of K
 * equally likely modes → log K.
 */
import type { PointExtent, PointModes } from '../data/types';
import { HIGH_QUALITY_SIGMAS } from './modeCoverage';

export const DEFAULT_KL_SMOOTHING = 1e-3;

/**
 * Counts of `points` (x, y pairs) per mode: K + 1 numbers, the last one the off-mode bin (points
 * farther than radiusSigmas·σ from every centre). Ties go to the first nearest centre.
 */
export function modeHistogram(points: ArrayLike<number>, centers: number[][], sigma: number, radiusSigmas = HIGH_QUALITY_SIGMAS): number[] {
  const k = centers.length;
  const counts = new Array<number>(k + 1).fill(0);
  const limit2 = (radiusSigmas * sigma) ** 2;
  const n = Math.floor(points.length / 2);
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    let best = -1;
    let bestD2 = Infinity;
    for (let m = 0; m < k; m++) {
      const d2 = (x - centers[m][0]) ** 2 + (y - centers[m][1]) ** 2;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = m;
      }
    }
    counts[best >= 0 && bestD2 <= limit2 ? best : k] += 1;
  }
  return counts;
}

/**
 * The exact mode histogram (probabilities, K + 1 bins) of an equal-weight mixture of K isotropic
 * 2-D Gaussians whose radiusSigmas·σ discs do not overlap.
 */
export function expectedModeHistogram(modeCount: number, radiusSigmas = HIGH_QUALITY_SIGMAS): number[] {
  if (!Number.isInteger(modeCount) || modeCount < 1) throw new Error(`expectedModeHistogram: modeCount must be a positive integer; got ${modeCount}`);
  const off = Math.exp(-(radiusSigmas * radiusSigmas) / 2);
  return [...new Array<number>(modeCount).fill((1 - off) / modeCount), off];
}

/** Counts (or weights) scaled to sum to 1; all zeros stay all zeros. */
export function normalize(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    if (!(counts[i] >= 0)) throw new Error(`normalize: counts must be ≥ 0; got ${counts[i]} at ${i}`);
    total += counts[i];
  }
  return Array.from(counts, (c) => (total > 0 ? c / total : 0));
}

/** (1 − ε)·normalize(counts) + ε/len: every bin > 0 when ε > 0. */
export function smooth(counts: ArrayLike<number>, epsilon: number): number[] {
  if (!(epsilon >= 0 && epsilon <= 1)) throw new Error(`smooth: epsilon must be in [0, 1]; got ${epsilon}`);
  const p = normalize(counts);
  return p.map((v) => (1 - epsilon) * v + epsilon / p.length);
}

/**
 * KL(P ‖ Q) in nats between two histograms over the same bins (counts or probabilities; each is
 * normalised here). 0 · log(0 / q) = 0; p > 0 where q = 0 gives Infinity. No smoothing here.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`klDivergence: ${p.length} bins vs ${q.length}`);
  const pn = normalize(p);
  const qn = normalize(q);
  let kl = 0;
  for (let i = 0; i < pn.length; i++) {
    if (pn[i] === 0) continue;
    if (qn[i] === 0) return Infinity;
    kl += pn[i] * Math.log(pn[i] / qn[i]);
  }
  return Math.max(kl, 0);
}

export interface ModeKL {
  /** KL(generated ‖ real), nats, with the real histogram smoothed by `smoothing`. */
  kl: number;
  /** Generated histogram as probabilities (K modes, then off-mode). */
  generated: number[];
  /** Real histogram as probabilities, before smoothing (K modes, then off-mode). */
  real: number[];
  /** Share of generated points in the off-mode bin. */
  offModeFraction: number;
}

export interface ModeKLOptions {
  /** Real points (x, y pairs) to measure the real histogram from; default: the expected histogram. */
  realPoints?: ArrayLike<number>;
  radiusSigmas?: number;
  /** ε mixed into the real histogram (see the file comment); default 1e-3. */
  smoothing?: number;
}

/**
 * KL(generated mode histogram ‖ real mode histogram) for a Gaussian-mixture point set, e.g.
 * `modeHistogramKL(samples, dataset.info.modes!)` or with `{ realPoints }` from the dataset.
 */
export function modeHistogramKL(generatedPoints: ArrayLike<number>, modes: PointModes, options: ModeKLOptions = {}): ModeKL {
  const radius = options.radiusSigmas ?? HIGH_QUALITY_SIGMAS;
  const smoothing = options.smoothing ?? DEFAULT_KL_SMOOTHING;
  const genCounts = modeHistogram(generatedPoints, modes.centers, modes.sigma, radius);
  const real = options.realPoints
    ? normalize(modeHistogram(options.realPoints, modes.centers, modes.sigma, radius))
    : expectedModeHistogram(modes.centers.length, radius);
  const generated = normalize(genCounts);
  return {
    kl: klDivergence(generated, smoothing > 0 ? smooth(real, smoothing) : real),
    generated,
    real,
    offModeFraction: generated[generated.length - 1],
  };
}

export interface DensityGrid {
  gridSize: number;
  /**
   * gridSize × gridSize cells, row-major, row 0 at the TOP (yMax) and column 0 at the left (xMin),
   * as an image is drawn. Each cell holds its share of ALL the points given, so the cells sum to
   * 1 − outsideFraction.
   */
  cells: Float32Array;
  /** The largest cell value (for colour scaling). */
  max: number;
  /** Share of points outside the extent (or not finite), not counted in any cell. */
  outsideFraction: number;
}

/**
 * Normalised 2-D histogram of `points` (x, y pairs) over `extent`, cut into gridSize × gridSize
 * equal cells. Cells are half-open [lo, hi) except the last row/column, which also takes points
 * exactly on xMax / yMax.
 */
export function densityGrid(points: ArrayLike<number>, extent: PointExtent, gridSize: number): DensityGrid {
  if (!Number.isInteger(gridSize) || gridSize < 1) throw new Error(`densityGrid: gridSize must be a positive integer; got ${gridSize}`);
  const { xMin, xMax, yMin, yMax } = extent;
  if (!(xMax > xMin && yMax > yMin)) throw new Error(`densityGrid: empty extent [${xMin}, ${xMax}] × [${yMin}, ${yMax}]`);
  const cells = new Float32Array(gridSize * gridSize);
  const n = Math.floor(points.length / 2);
  const counts = new Float64Array(gridSize * gridSize);
  let outside = 0;
  const sx = gridSize / (xMax - xMin);
  const sy = gridSize / (yMax - yMin);
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    if (!(x >= xMin && x <= xMax && y >= yMin && y <= yMax)) {
      outside++;
      continue;
    }
    const col = Math.min(Math.floor((x - xMin) * sx), gridSize - 1);
    const rowFromBottom = Math.min(Math.floor((y - yMin) * sy), gridSize - 1);
    counts[(gridSize - 1 - rowFromBottom) * gridSize + col] += 1;
  }
  let max = 0;
  for (let i = 0; i < counts.length; i++) {
    cells[i] = n ? counts[i] / n : 0;
    if (cells[i] > max) max = cells[i];
  }
  return { gridSize, cells, max, outsideFraction: n ? outside / n : 0 };
}
