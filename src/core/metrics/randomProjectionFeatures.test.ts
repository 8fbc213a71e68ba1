import { describe, expect, it } from 'vitest';
import { nodeLoadContext } from '../../../scripts/lib/nodeAssets';
import { getDatasetSource } from '../data/registry';
import { Random } from '../random';
import { classifierSplit } from './classifierSpec';
import { frechetDistance, gaussianStats } from './frechet';
import { RANDOM_PROJECTION_DIM, randomProjectionFeatures } from './randomProjectionFeatures';

const DIM = 32 * 32 * 3;

function noiseImages(n: number, seed: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: n * DIM }, () => rng.uniform(-1, 1));
}

describe('randomProjectionFeatures', () => {
  it('is deterministic: same images → identical features, call after call', () => {
    const imgs = noiseImages(5, 1);
    const a = randomProjectionFeatures(imgs, 5);
    const b = randomProjectionFeatures(imgs.slice(), 5);
    expect(a.length).toBe(5 * RANDOM_PROJECTION_DIM);
    expect(Array.from(a)).toEqual(Array.from(b));
    // Pinned values: the projection is fixed by its seed, not by anything run before it.
    const white = randomProjectionFeatures(new Float32Array(DIM).fill(1), 1);
    expect(Array.from(white.slice(0, 3))).toEqual(PINNED_WHITE.map((v) => expect.closeTo(v, 3)));
  });

  it('each image is featurised on its own (batching does not matter) and the map is linear in the pooled statistics', () => {
    const imgs = noiseImages(3, 2);
    const all = randomProjectionFeatures(imgs, 3);
    const second = randomProjectionFeatures(imgs.subarray(DIM, 2 * DIM), 1);
    expect(Array.from(all.subarray(RANDOM_PROJECTION_DIM, 2 * RANDOM_PROJECTION_DIM))).toEqual(Array.from(second));
    // Flat images have no edges: features scale with the grey level.
    const half = randomProjectionFeatures(new Float32Array(DIM).fill(0.5), 1);
    const one = randomProjectionFeatures(new Float32Array(DIM).fill(1), 1);
    half.forEach((v, i) => expect(v).toBeCloseTo(one[i] / 2, 5));
  });

  it('sees edges that colour pooling alone would miss', () => {
    // A fine checkerboard and flat grey have the same 4×4 block means (0) but very different edges.
    const checker = new Float32Array(DIM);
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) for (let c = 0; c < 3; c++) checker[(y * 32 + x) * 3 + c] = (x + y) % 2 ? 1 : -1;
    const a = randomProjectionFeatures(checker, 1);
    const b = randomProjectionFeatures(new Float32Array(DIM), 1);
    const dist = Math.hypot(...Array.from(a, (v, i) => v - b[i]));
    expect(dist).toBeGreaterThan(1);
  });

  it('rejects bad shapes', () => {
    expect(() => randomProjectionFeatures(new Float32Array(10), 1)).toThrow(/floats/);
    expect(() => randomProjectionFeatures(new Float32Array(30 * 30 * 3), 1, [30, 30, 3])).toThrow(/multiple of 4/);
  });

  it('emoji: real-vs-real FID is far below real-vs-noise and real-vs-blank', async () => {
    const ds = await getDatasetSource('emoji')!.load(nodeLoadContext(1));
    const { train, test } = classifierSplit(ds.count);
    const read = (idx: ArrayLike<number>) => {
      const out = new Float32Array(idx.length * DIM);
      ds.readBatch(idx, out);
      return out;
    };
    const ref = gaussianStats(randomProjectionFeatures(read(test), test.length), test.length, RANDOM_PROJECTION_DIM);
    const fidOf = (imgs: Float32Array, n: number) => frechetDistance(gaussianStats(randomProjectionFeatures(imgs, n), n, RANDOM_PROJECTION_DIM), ref);
    const pick = new Random(7).permutation(train.length).subarray(0, 1000);
    const real = fidOf(read(Array.from(pick, (i) => train[i])), 1000);
    const noise = fidOf(noiseImages(1000, 3), 1000);
    const blank = new Float32Array(1000 * DIM).fill(1);
    const rng = new Random(5);
    for (let i = 0; i < blank.length; i++) blank[i] -= 0.01 * rng.next(); // white with a little jitter (covariance not singular)
    const white = fidOf(blank, 1000);
    console.log(`emoji random-projection FID: real ${real.toFixed(3)}, noise ${noise.toFixed(3)}, near-white ${white.toFixed(3)}`);
    expect(real).toBeLessThan(1);
    expect(noise).toBeGreaterThan(10 * real);
    expect(white).toBeGreaterThan(10 * real);
  });
});

/** First features of an all-white image with projection v1 (change only with RANDOM_PROJECTION_ID). */
const PINNED_WHITE = [-0.293, -0.7609, 0.5113];
