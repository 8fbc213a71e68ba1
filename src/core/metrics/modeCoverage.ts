/**
 * Mode coverage for Gaussian-mixture point sets. A generated point is high-quality if it lies
 * within 3σ of its nearest mode centre (the protocol of VEEGAN and PacGAN). A mode is covered when
 * it holds at least a quarter of its fair share of the sample as high-quality points
 * (COVERED_SHARE_OF_FAIR / K of all points: 3.1% on the ring of 8, 1% on the 5×5 grid). The papers
 * count a mode covered by a single point; then a few stray points, scattered over the plane,
 * "cover" modes that a class looking at the picture sees no cluster on.
 */
export interface ModeCoverage {
  modesCovered: number;
  modesTotal: number;
  /** Share of points that are high-quality, in [0, 1]. */
  highQualityFraction: number;
  /** High-quality points per mode, in the order of `centers`. */
  perMode: number[];
}

export const HIGH_QUALITY_SIGMAS = 3;
/** A mode is covered by at least this fraction of its fair share (1/K) of the points. */
export const COVERED_SHARE_OF_FAIR = 0.25;

/** The fewest high-quality points that cover one of `modes` modes in a sample of `n`. */
export function coveredMinPoints(n: number, modes: number): number {
  return (COVERED_SHARE_OF_FAIR * n) / Math.max(modes, 1);
}

export function modeCoverage(points: Float32Array | number[], centers: number[][], sigma: number): ModeCoverage {
  const perMode = new Array<number>(centers.length).fill(0);
  const limit2 = (HIGH_QUALITY_SIGMAS * sigma) ** 2;
  const n = Math.floor(points.length / 2);
  let good = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    let best = -1;
    let bestD2 = Infinity;
    centers.forEach(([cx, cy], k) => {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = k;
      }
    });
    if (best >= 0 && bestD2 <= limit2) {
      perMode[best] += 1;
      good += 1;
    }
  }
  return {
    modesCovered: perMode.filter((c) => c > 0 && c >= coveredMinPoints(n, centers.length) - 1e-9).length,
    modesTotal: centers.length,
    highQualityFraction: n ? good / n : 0,
    perMode,
  };
}
