import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeLoadContext } from '../../../scripts/lib/nodeAssets';
import { prepareData } from '../../../scripts/prepare-data';
import { EMOJI_CATEGORIES, emojiSource } from './emoji';
import { FASHION_MNIST_CLASSES, fashionMnistSource } from './fashionMnist';
import { mnistSource } from './mnist';
import type { Dataset } from './types';

// Build (or confirm up to date) the prepared files first, so these tests never depend on order.
beforeAll(() => {
  prepareData({ only: ['mnist.bin', 'fashion-mnist.bin', 'emoji.bin'], log: () => {} });
});

function classCounts(labels: Uint8Array, classes = 10): number[] {
  const counts = new Array(classes).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

/** Reads `n` examples spread over the set (every count/n-th one). */
function readSpread(d: Dataset, n: number): Float32Array {
  const indices = Array.from({ length: n }, (_, i) => Math.floor((i * d.count) / n));
  const out = new Float32Array(n * d.dim);
  d.readBatch(indices, out);
  return out;
}

function stats(values: Float32Array): { min: number; max: number; mean: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / values.length };
}

describe('mnist', () => {
  let d: Dataset;
  beforeAll(async () => {
    d = await mnistSource.load(nodeLoadContext(1));
  });

  it('has 10,000 labelled 28×28×1 digits', () => {
    expect(d.count).toBe(10_000);
    expect(d.count).toBe(mnistSource.info.count);
    expect(d.dim).toBe(784);
    expect(mnistSource.info.shape).toEqual([28, 28, 1]);
    expect(d.labels).toHaveLength(10_000);
    // Class sizes as shipped in the npm package (digits/0..9.json).
    expect(classCounts(d.labels!)).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // Interleaved: the first 10 examples are one of each digit.
    expect(Array.from(d.labels!.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('yields floats in [-1, 1] with mostly-black backgrounds', () => {
    const s = stats(readSpread(d, 500));
    expect(s.min).toBe(-1);
    expect(s.max).toBe(1);
    // MNIST ink covers ~13% of a digit's pixels: the mean sits well below 0.
    expect(s.mean).toBeGreaterThan(-0.85);
    expect(s.mean).toBeLessThan(-0.6);
  });

  it('matches the package source pixel for pixel (first "3" in the file)', () => {
    const dir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
    const raw = (JSON.parse(readFileSync(join(dir, 'src/digits/3.json'), 'utf8')) as { data: number[] }).data.slice(0, 784);
    const out = new Float32Array(784);
    d.readBatch([3], out); // index 3 is the first digit 3 (interleaved order)
    for (let p = 0; p < 784; p++) expect(out[p]).toBeCloseTo(Math.round(raw[p] * 255) / 127.5 - 1, 6);
  });
});

describe('fashion-mnist', () => {
  let d: Dataset;
  beforeAll(async () => {
    d = await fashionMnistSource.load(nodeLoadContext(1));
  });

  it('has 60,000 labelled 28×28×1 images, 6,000 per class, with class names', () => {
    expect(d.count).toBe(60_000);
    expect(d.count).toBe(fashionMnistSource.info.count);
    expect(d.dim).toBe(784);
    expect(classCounts(d.labels!)).toEqual(new Array(10).fill(6000));
    expect(fashionMnistSource.info.classNames).toEqual(FASHION_MNIST_CLASSES);
    expect(FASHION_MNIST_CLASSES[0]).toBe('T-shirt/top');
    expect(FASHION_MNIST_CLASSES[9]).toBe('Ankle boot');
    expect(fashionMnistSource.info.licence).toMatch(/MIT/);
  });

  it('yields floats in [-1, 1] with a sane mean', () => {
    const s = stats(readSpread(d, 500));
    expect(s.min).toBe(-1);
    expect(s.max).toBe(1);
    // Fashion-MNIST's mean intensity is about 0.29 of full scale, i.e. about −0.43 here.
    expect(s.mean).toBeGreaterThan(-0.6);
    expect(s.mean).toBeLessThan(-0.25);
  });

  it('gives identical batches on every load (the file is deterministic)', async () => {
    const again = await fashionMnistSource.load(nodeLoadContext(99));
    const a = readSpread(d, 20);
    const b = readSpread(again, 20);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('emoji', () => {
  let d: Dataset;
  beforeAll(async () => {
    d = await emojiSource.load(nodeLoadContext(1));
  });

  it('has a few thousand labelled 32×32 RGB emoji in 9 categories', () => {
    expect(d.count).toBe(emojiSource.info.count);
    expect(d.count).toBeGreaterThan(3000);
    expect(d.count).toBeLessThan(5000);
    expect(d.dim).toBe(32 * 32 * 3);
    expect(emojiSource.info.shape).toEqual([32, 32, 3]);
    expect(emojiSource.info.classNames).toEqual(EMOJI_CATEGORIES);
    const counts = classCounts(d.labels!, EMOJI_CATEGORIES.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(d.count);
    for (const c of counts) expect(c).toBeGreaterThan(50);
    expect(Array.from(d.labels!.subarray(0, 9))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(emojiSource.info.licence).toMatch(/Apache 2\.0/);
  });

  it('is colour on a white background, in [-1, 1]', () => {
    const n = 200;
    const px = readSpread(d, n);
    const s = stats(px);
    expect(s.min).toBeGreaterThanOrEqual(-1);
    expect(s.max).toBe(1);
    let whiteCorners = 0;
    let colourful = 0;
    for (let i = 0; i < n; i++) {
      const base = i * d.dim;
      // Top-left pixel: background in nearly every emoji.
      if (px[base] === 1 && px[base + 1] === 1 && px[base + 2] === 1) whiteCorners++;
      // Centre pixel: count images whose channels differ noticeably (not grey).
      const c = base + (16 * 32 + 16) * 3;
      if (Math.max(px[c], px[c + 1], px[c + 2]) - Math.min(px[c], px[c + 1], px[c + 2]) > 0.2) colourful++;
    }
    expect(whiteCorners).toBeGreaterThan(0.8 * n);
    expect(colourful).toBeGreaterThan(0.4 * n);
  });
});
