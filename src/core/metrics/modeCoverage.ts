/**
 * Mode coverage for Gaussian-mixture point sets, by the protocol of VEEGAN and PacGAN: a
 * generated point is high-quality if it lies within 3σ of its nearest mode centre; a mode is
 * covered if at least one high-quality point has it as nearest mode.
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
    modesCovered: perMode.filter((c) => c > 0).length,
    modesTotal: centers.length,
    highQualityFraction: n ? good / n : 0,
    perMode,
  };
}
