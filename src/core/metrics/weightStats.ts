/**
 * What the weight penalties do, made visible: a histogram of a network's kernel weights, the share
 * of near-zero weights (L1 drives weights to exactly 0) and each layer's L2 norm (L2 shrinks all).
 */
export const NEAR_ZERO = 1e-3;
export const HISTOGRAM_BINS = 41;

export interface LayerWeightStats {
  name: string;
  count: number;
  l2: number;
  nearZeroFraction: number;
}

export interface NetworkWeightStats {
  /** Bin edges run evenly over [-range, range]; values beyond fall in the end bins. */
  range: number;
  counts: number[];
  nearZeroFraction: number;
  layers: LayerWeightStats[];
}

export function weightStats(layers: { name: string; values: Float32Array }[], bins = HISTOGRAM_BINS): NetworkWeightStats {
  let maxAbs = 0;
  for (const { values } of layers) for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  const range = maxAbs > 0 ? maxAbs : 1;
  const counts = new Array<number>(bins).fill(0);
  let total = 0;
  let nearZero = 0;
  const perLayer = layers.map(({ name, values }) => {
    let sq = 0;
    let small = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      sq += v * v;
      if (Math.abs(v) < NEAR_ZERO) small++;
      const b = Math.min(bins - 1, Math.max(0, Math.floor(((v + range) / (2 * range)) * bins)));
      counts[b]++;
    }
    total += values.length;
    nearZero += small;
    return { name, count: values.length, l2: Math.sqrt(sq), nearZeroFraction: values.length ? small / values.length : 0 };
  });
  return { range, counts, nearZeroFraction: total ? nearZero / total : 0, layers: perLayer };
}
