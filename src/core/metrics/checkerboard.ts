/**
 * Checkerboard energy: how much of an image's variation sits in an on/off pattern two pixels
 * long (across, down or diagonally), the fingerprint a stride-2 transposed convolution leaves when
 * its kernel overlaps unevenly (Odena et al. 2016). By Parseval, the three Nyquist coefficients of
 * the image's 2-D DFT, |X(π,0)|² + |X(0,π)|² + |X(π,π)|², over H·W·Σ(x − x̄)², is the share of its
 * variance at that period. Real digits and emoji put about 0.02% there; the article's DCGAN on
 * emoji 0.2–0.9% in its first 600 steps, the resize-conv model about the real share
 * (docs/quality-measures.md). The pattern is tied to the output grid, so its phase is the same all
 * over the image and a global coefficient sees it, where smooth strokes and edges add almost nothing.
 */

/** The reading, and its reference on the dataset's real images. */
export const CHECKERBOARD_LABELS = {
  checkerboard: 'Checkerboard energy (%)',
  checkerboardReal: 'Checkerboard energy of real images (%)',
} as const;

/**
 * Mean checkerboard energy, in percent, of `count` images laid out [count, h, w, c] (any value
 * range: each image channel is centred first). A flat channel has no variation and counts as 0.
 */
export function checkerboardPercent(images: Float32Array, count: number, shape: readonly number[]): number {
  const [h, w, c] = shape;
  const size = h * w * c;
  if (images.length < count * size) throw new Error(`checkerboardPercent: ${images.length} values for ${count} images of ${h}×${w}×${c}`);
  if (count === 0) return 0;
  let sum = 0;
  for (let n = 0; n < count; n++) {
    const base = n * size;
    for (let ch = 0; ch < c; ch++) sum += channelShare(images, base, h, w, c, ch);
  }
  return (100 * sum) / (count * c);
}

function channelShare(x: Float32Array, base: number, h: number, w: number, c: number, ch: number): number {
  let mean = 0;
  for (let i = 0; i < h * w; i++) mean += x[base + i * c + ch];
  mean /= h * w;
  let total = 0;
  let across = 0;
  let down = 0;
  let diagonal = 0;
  for (let i = 0; i < h; i++) {
    const si = i % 2 === 0 ? 1 : -1;
    for (let j = 0; j < w; j++) {
      const sj = j % 2 === 0 ? 1 : -1;
      const d = x[base + (i * w + j) * c + ch] - mean;
      total += d * d;
      across += d * sj;
      down += d * si;
      diagonal += d * si * sj;
    }
  }
  return total > 0 ? (across * across + down * down + diagonal * diagonal) / (h * w * total) : 0;
}
