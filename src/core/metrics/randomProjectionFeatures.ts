/**
 * A fixed feature space for the Fréchet distance on colour 32×32 images (emoji), where the project
 * ships no classifier.
 *
 * Features = W · u, where u (256 numbers for 32×32×3) joins
 *   - the colour layout: the image average-pooled over 4×4 blocks (8×8×3 = 192 numbers), and
 *   - the edge layout: the grey image's gradient magnitude |∂x| + |∂y| (forward differences),
 *     average-pooled over the same 4×4 blocks (8×8 = 64 numbers),
 * and W is a fixed RANDOM_PROJECTION_DIM × 256 Gaussian matrix (entries N(0, 1/256)) drawn from
 * the project's PRNG with a fixed seed, so the space is the same in every run, browser and test.
 *
 * Why this and not a small classifier: emoji has 3,781 images whose only labels are 9 Unicode
 * categories ("Objects", "Symbols"…), which say little about what an emoji looks like; a
 * classifier trained on them would be weak and its features would measure category cues rather
 * than image quality, and it would be one more asset to train and ship. A fixed projection needs
 * no training and no file, is pure TypeScript (identical on every backend, no device sync) and
 * costs ~0.1 ms per image. Pooling keeps what a 32×32 GAN visibly gets right or wrong — colour
 * masses, layout, white background — and the pooled edge energy separates sharp drawings from
 * blur or pixel noise (which pure colour pooling averages away). The projection is random (not
 * PCA of the data) so the space does not depend on the data set, and it is linear, so the
 * Fréchet distance compares the first two moments of those pooled statistics, seen along 64
 * random directions. Its values are on its own scale: compare them with the floor
 * (real vs real, in public/classifiers/floors.json), not with Inception FIDs.
 */
import { Random } from '../random';

export const RANDOM_PROJECTION_DIM = 64;
export const RANDOM_PROJECTION_SEED = 0x5eed_f1d;
export const RANDOM_PROJECTION_ID = 'random-projection-v1: 4×4-pooled colour + edge energy → 64 (seeded Gaussian)';
const POOL = 4;

const matrices = new Map<string, Float32Array>();

/** The fixed projection for inputs of `inDim` numbers: RANDOM_PROJECTION_DIM rows of `inDim`. */
function projection(inDim: number): Float32Array {
  const key = String(inDim);
  let w = matrices.get(key);
  if (!w) {
    const rng = new Random(RANDOM_PROJECTION_SEED + inDim);
    const scale = 1 / Math.sqrt(inDim);
    w = new Float32Array(RANDOM_PROJECTION_DIM * inDim);
    for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, scale);
    matrices.set(key, w);
  }
  return w;
}

/**
 * `count` images of shape [h, w, c] (HWC, one after another, values in [-1, 1]) → `count` rows of
 * RANDOM_PROJECTION_DIM features. h and w must be multiples of 4.
 */
export function randomProjectionFeatures(images: Float32Array, count: number, shape: [number, number, number] = [32, 32, 3]): Float32Array {
  const [h, w, c] = shape;
  if (h % POOL || w % POOL) throw new Error(`randomProjectionFeatures: ${h}×${w} is not a multiple of ${POOL}`);
  const dim = h * w * c;
  if (!Number.isInteger(count) || count < 0 || images.length < count * dim) {
    throw new Error(`randomProjectionFeatures: ${images.length} floats for ${count} images of ${dim}`);
  }
  const ph = h / POOL;
  const pw = w / POOL;
  const colourDim = ph * pw * c;
  const inDim = colourDim + ph * pw;
  const W = projection(inDim);
  const u = new Float32Array(inDim);
  const grey = new Float32Array(h * w);
  const out = new Float32Array(count * RANDOM_PROJECTION_DIM);
  const norm = 1 / (POOL * POOL);
  for (let n = 0; n < count; n++) {
    const img = images.subarray(n * dim, (n + 1) * dim);
    u.fill(0);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const cell = ((y / POOL) | 0) * pw + ((x / POOL) | 0);
        let g = 0;
        for (let ch = 0; ch < c; ch++) {
          const v = img[(y * w + x) * c + ch];
          u[cell * c + ch] += v * norm;
          g += v;
        }
        grey[y * w + x] = g / c;
      }
    }
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const g = grey[y * w + x];
        const gx = x + 1 < w ? grey[y * w + x + 1] - g : 0;
        const gy = y + 1 < h ? grey[(y + 1) * w + x] - g : 0;
        const cell = ((y / POOL) | 0) * pw + ((x / POOL) | 0);
        u[colourDim + cell] += (Math.abs(gx) + Math.abs(gy)) * norm;
      }
    }
    const o = n * RANDOM_PROJECTION_DIM;
    for (let k = 0; k < RANDOM_PROJECTION_DIM; k++) {
      let s = 0;
      const row = k * inDim;
      for (let i = 0; i < inDim; i++) s += W[row + i] * u[i];
      out[o + k] = s;
    }
  }
  return out;
}
