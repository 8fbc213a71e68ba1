import { describe, expect, it } from 'vitest';
import { RING8_CENTERS, RING8_SIGMA } from '../data/ring8';
import { sampleGaussianMixture } from '../data/pointsDataset';
import { Random } from '../random';
import { densityGrid, expectedModeHistogram, klDivergence, modeHistogram, modeHistogramKL, normalize, smooth } from './modeHistogram';

const modes = { centers: RING8_CENTERS, sigma: RING8_SIGMA };
const OFF = Math.exp(-4.5);

/** `perMode[k]` points exactly on centre k, then `off` points at the origin (far from every mode). */
function handMade(perMode: number[], off = 0): Float32Array {
  const pts: number[] = [];
  perMode.forEach((n, k) => {
    for (let i = 0; i < n; i++) pts.push(RING8_CENTERS[k][0], RING8_CENTERS[k][1]);
  });
  for (let i = 0; i < off; i++) pts.push(0, 0);
  return Float32Array.from(pts);
}

describe('modeHistogram', () => {
  it('bins by nearest centre within 3σ, the rest off-mode (last bin)', () => {
    const s = RING8_SIGMA;
    const pts = [
      1 + 2.9 * s,
      0, // mode 0, inside 3σ
      1 + 3.1 * s,
      0, // beyond 3σ of mode 0 → off-mode
      0,
      1 - 2 * s, // mode 2 (centre (0, 1))
      0,
      0, // origin: off-mode
    ];
    expect(modeHistogram(pts, RING8_CENTERS, s)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 2]);
    expect(modeHistogram([], RING8_CENTERS, s)).toEqual(new Array(9).fill(0));
  });

  it('expected histogram: exp(−r²/2) off-mode, the rest shared equally', () => {
    const h = expectedModeHistogram(8);
    expect(h).toHaveLength(9);
    expect(h[8]).toBeCloseTo(0.011109, 6);
    expect(h[0]).toBeCloseTo((1 - OFF) / 8, 12);
    expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(expectedModeHistogram(3, 2)[3]).toBeCloseTo(Math.exp(-2), 12);
  });

  it('sampled mixture matches the expected histogram (and so the off-mode rate of a 2-D Gaussian)', () => {
    const { points } = sampleGaussianMixture(new Random(5), RING8_CENTERS, RING8_SIGMA, 200_000);
    const h = normalize(modeHistogram(points, RING8_CENTERS, RING8_SIGMA));
    expect(h[8]).toBeCloseTo(OFF, 3);
    // A generator that IS the real distribution scores ≈ 0.
    expect(modeHistogramKL(points, modes).kl).toBeLessThan(2e-4);
  });
});

describe('klDivergence', () => {
  it('known answers', () => {
    expect(klDivergence([1, 1], [1, 1])).toBe(0);
    expect(klDivergence([1, 0], [1, 1])).toBeCloseTo(Math.log(2), 12);
    // KL([.5,.5] ‖ [.25,.75]) = .5 log 2 + .5 log(2/3)
    expect(klDivergence([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 12);
    // counts are normalised
    expect(klDivergence([10, 30], [2, 2])).toBeCloseTo(klDivergence([0.25, 0.75], [0.5, 0.5]), 12);
    expect(klDivergence([1, 1], [1, 0])).toBe(Infinity);
  });

  it('smoothing mixes in ε of uniform', () => {
    expect(smooth([1, 0, 0, 0], 0.1)).toEqual([0.9 + 0.025, 0.025, 0.025, 0.025].map((v) => expect.closeTo(v, 12)));
    expect(() => smooth([1], 2)).toThrow(/epsilon/);
  });
});

describe('modeHistogramKL', () => {
  it('uniform over the modes vs a measured uniform real histogram → 0', () => {
    const gen = handMade(new Array(8).fill(50));
    const real = handMade(new Array(8).fill(125));
    expect(modeHistogramKL(gen, modes, { realPoints: real, smoothing: 0 }).kl).toBeCloseTo(0, 12);
    // Smoothing leaves it near 0: the off-mode bin gets ε/9 of Q's mass.
    expect(modeHistogramKL(gen, modes, { realPoints: real }).kl).toBeLessThan(2e-4);
  });

  it('all points in one of 8 modes → log 8', () => {
    const gen = handMade([0, 0, 0, 400, 0, 0, 0, 0]);
    const real = handMade(new Array(8).fill(10));
    expect(modeHistogramKL(gen, modes, { realPoints: real, smoothing: 0 }).kl).toBeCloseTo(Math.log(8), 12);
    expect(modeHistogramKL(gen, modes, { realPoints: real }).kl).toBeCloseTo(Math.log(8), 3);
    // Against the exact mixture histogram: log(8 / (1 − e^−4.5)).
    const r = modeHistogramKL(gen, modes, { smoothing: 0 });
    expect(r.kl).toBeCloseTo(Math.log(8 / (1 - OFF)), 12);
    expect(r.generated[3]).toBe(1);
  });

  it('half in 2 modes, half in the other 6 → known value', () => {
    // P: modes 0,1 get 1/4 each; modes 2..7 get 1/12 each. Q uniform 1/8.
    const gen = handMade([300, 300, 100, 100, 100, 100, 100, 100]);
    const real = handMade(new Array(8).fill(1));
    const expected = 2 * 0.25 * Math.log(0.25 * 8) + 6 * (1 / 12) * Math.log(8 / 12);
    expect(modeHistogramKL(gen, modes, { realPoints: real, smoothing: 0 }).kl).toBeCloseTo(expected, 12);
  });

  it('off-mode points: infinite unsmoothed, finite and bounded by log((K+1)/ε) when smoothed', () => {
    const gen = handMade(new Array(8).fill(10), 80); // half the points off-mode
    const real = handMade(new Array(8).fill(10));
    const r = modeHistogramKL(gen, modes, { realPoints: real });
    expect(r.offModeFraction).toBe(0.5);
    expect(modeHistogramKL(gen, modes, { realPoints: real, smoothing: 0 }).kl).toBe(Infinity);
    // P = ½ uniform over modes + ½ off; Q' = (1−ε)/8 + ε/9 per mode, ε/9 off.
    const eps = 1e-3;
    const qMode = (1 - eps) / 8 + eps / 9;
    const expected = 0.5 * Math.log(1 / 16 / qMode) * 1 + 0.5 * Math.log(0.5 / (eps / 9));
    expect(r.kl).toBeCloseTo(expected, 10);
    expect(r.kl).toBeLessThan(Math.log(9 / eps));
    // Against the expected histogram (off-mode > 0), no smoothing is needed.
    const e = modeHistogramKL(gen, modes, { smoothing: 0 });
    expect(e.kl).toBeCloseTo(0.5 * Math.log(1 / 16 / ((1 - OFF) / 8)) + 0.5 * Math.log(0.5 / OFF), 12);
  });

  it('a collapse to fewer modes scores higher', () => {
    const real = handMade(new Array(8).fill(10));
    const kls = [8, 4, 2, 1].map(
      (k) => modeHistogramKL(handMade(Array.from({ length: 8 }, (_, i) => (i < k ? 8 / k : 0))), modes, { realPoints: real, smoothing: 0 }).kl,
    );
    kls.forEach((kl, i) => expect(kl).toBeCloseTo(Math.log(2 ** i), 12));
  });
});

describe('densityGrid', () => {
  const extent = { xMin: 0, xMax: 4, yMin: 0, yMax: 2 };

  it('puts points in the right cells (row 0 at the top), normalised by all points', () => {
    const g = densityGrid([0.5, 0.5, 3.5, 1.5, 3.9, 1.9, 10, 1, 4, 2], extent, 2);
    // cells: [top-left, top-right, bottom-left, bottom-right]; (4, 2) lands in the top-right corner cell.
    expect(Array.from(g.cells)).toEqual([0, 0.6, 0.2, 0].map((v) => expect.closeTo(v, 6)));
    expect(g.outsideFraction).toBeCloseTo(0.2, 12);
    expect(g.max).toBeCloseTo(0.6, 6);
  });

  it('uniform points give a flat grid summing to 1', () => {
    const rng = new Random(9);
    const pts = new Float32Array(2 * 100_000);
    for (let i = 0; i < 100_000; i++) {
      pts[2 * i] = rng.uniform(0, 4);
      pts[2 * i + 1] = rng.uniform(0, 2);
    }
    const g = densityGrid(pts, extent, 4);
    const sum = g.cells.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
    for (const c of g.cells) expect(c).toBeCloseTo(1 / 16, 2);
  });

  it('ring8 samples light up 8 cells of a fine grid near the circle', () => {
    const { points } = sampleGaussianMixture(new Random(2), RING8_CENTERS, RING8_SIGMA, 5000);
    const g = densityGrid(points, { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 }, 30);
    // Mode 2 at (0, 1): the centre lies on a cell boundary (x = 0), so it spreads over 2 columns;
    // summed, the cells around it hold ≈ 1/8.
    const row = 29 - Math.floor((1 + 1.5) / 0.1); // y = 1 → row from top
    let near = 0;
    for (let r = row - 1; r <= row + 1; r++) for (let c = 13; c <= 16; c++) near += g.cells[r * 30 + c];
    expect(near).toBeCloseTo(1 / 8, 1);
    expect(g.outsideFraction).toBe(0);
    // Each mode spans at most 2 × 2 cells (σ is a tenth of a cell), and only cells on the circle hold mass.
    expect(Array.from(g.cells).filter((c) => c > 0).length).toBeLessThanOrEqual(32);
    g.cells.forEach((c, i) => {
      if (c === 0) return;
      const x = -1.5 + 0.1 * ((i % 30) + 0.5);
      const y = 1.5 - 0.1 * (Math.floor(i / 30) + 0.5);
      expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(0.1);
    });
  });

  it('rejects bad arguments', () => {
    expect(() => densityGrid([], extent, 0)).toThrow(/gridSize/);
    expect(() => densityGrid([], { xMin: 1, xMax: 1, yMin: 0, yMax: 1 }, 4)).toThrow(/empty extent/);
    expect(densityGrid([], extent, 2).cells.every((c) => c === 0)).toBe(true);
  });
});
