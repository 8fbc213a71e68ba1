import { describe, expect, it } from 'vitest';
import { DRAWN_MAX_EXAMPLES, DRAWN_MAX_POINTS, makeDrawnPointsSource } from './drawnPoints';
import { SPIRAL_NOISE, spiralPoint, spiralSource } from './spiral';
import { MOONS_NOISE, moonPoint, twoMoonsSource } from './twoMoons';
import type { Dataset, DatasetSource } from './types';

const ctx = (seed: number) => ({ seed, readAsset: () => Promise.reject(new Error('no assets for point sets')) });

function readAll(d: Dataset): Float32Array {
  const out = new Float32Array(d.count * d.dim);
  d.readBatch(
    Array.from({ length: d.count }, (_, i) => i),
    out,
  );
  return out;
}

/** Nearest of `curve` (dense samples) to (x, y): its index and distance. */
function nearest(curve: [number, number][], x: number, y: number): { index: number; dist: number } {
  let index = -1;
  let dist = Infinity;
  for (let k = 0; k < curve.length; k++) {
    const d = Math.hypot(x - curve[k][0], y - curve[k][1]);
    if (d < dist) [index, dist] = [k, d];
  }
  return { index, dist };
}

async function expectSeedDeterminism(source: DatasetSource): Promise<void> {
  const a = readAll(await source.load(ctx(2)));
  const b = readAll(await source.load(ctx(2)));
  const c = readAll(await source.load(ctx(3)));
  expect(Array.from(a)).toEqual(Array.from(b));
  expect(Array.from(a)).not.toEqual(Array.from(c));
}

describe('spiral', () => {
  it('keeps every point within 5σ of the curve and covers the whole arc evenly', async () => {
    const d = await spiralSource.load(ctx(1));
    expect(d.count).toBe(spiralSource.info.count);
    expect(d.dim).toBe(2);
    const pts = readAll(d);
    const samples = 2000;
    const curve = Array.from({ length: samples + 1 }, (_, k) => spiralPoint(k / samples));
    const bins = new Array(10).fill(0);
    // A subsample keeps the O(points × curve) check fast.
    const checked = 2000;
    for (let i = 0; i < checked; i++) {
      const { index, dist } = nearest(curve, pts[2 * i], pts[2 * i + 1]);
      expect(dist).toBeLessThan(5 * SPIRAL_NOISE);
      // Bin by arc length (∝ t²), where the generator promises an even spread.
      const t = index / samples;
      bins[Math.min(9, Math.floor(t * t * 10))]++;
    }
    for (const b of bins) expect(b).toBeGreaterThan(0.05 * checked);
    const ext = spiralSource.info.extent!;
    let outOfExtent = 0;
    for (let i = 0; i < pts.length; i += 2) if (!(pts[i] > ext.xMin && pts[i] < ext.xMax && pts[i + 1] > ext.yMin && pts[i + 1] < ext.yMax)) outOfExtent++;
    expect(outOfExtent).toBe(0);
  });

  it('is deterministic in the seed', () => expectSeedDeterminism(spiralSource));
});

describe('two-moons', () => {
  it('labels about half of the points on each moon, each within 5σ of its own moon', async () => {
    const d = await twoMoonsSource.load(ctx(1));
    expect(d.count).toBe(10_000);
    expect(d.labels).toHaveLength(d.count);
    const ones = d.labels!.reduce((a, b) => a + b, 0);
    expect(Math.abs(ones - d.count / 2)).toBeLessThan(0.05 * d.count);
    const moons = ([0, 1] as const).map((m) => Array.from({ length: 1001 }, (_, k) => moonPoint(m, (Math.PI * k) / 1000)));
    const pts = readAll(d);
    for (let i = 0; i < 2000; i++) {
      const own = nearest(moons[d.labels![i]], pts[2 * i], pts[2 * i + 1]);
      expect(own.dist).toBeLessThan(5 * MOONS_NOISE);
    }
    expect(twoMoonsSource.info.classNames).toHaveLength(2);
  });

  it('is centred near the origin', async () => {
    const pts = readAll(await twoMoonsSource.load(ctx(4)));
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < pts.length; i += 2) [sx, sy] = [sx + pts[i], sy + pts[i + 1]];
    // Unshifted, the moons' mean is (0.5, 0.25) (moon means (0, 2/π) and (1, 0.5 − 2/π)); the shift cancels it.
    expect(Math.abs(sx / (pts.length / 2))).toBeLessThan(0.05);
    expect(Math.abs(sy / (pts.length / 2))).toBeLessThan(0.05);
  });

  it('is deterministic in the seed', () => expectSeedDeterminism(twoMoonsSource));
});

describe('drawn points', () => {
  const square = Float32Array.from([0, 0, 1, 0, 1, 1, 0, 1]);

  it('repeats each drawn point with a small jitter and covers all of them', async () => {
    const source = makeDrawnPointsSource(square);
    expect(source.info.id).toBe('drawn');
    expect(source.info.kind).toBe('points');
    const d = await source.load(ctx(1));
    expect(d.count).toBe(4 * 20);
    expect(d.count).toBe(source.info.count);
    const pts = readAll(d);
    const hits = [0, 0, 0, 0];
    const corners: [number, number][] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    for (let i = 0; i < pts.length; i += 2) {
      const { index, dist } = nearest(corners, pts[i], pts[i + 1]);
      expect(dist).toBeLessThan(5 * 0.01 * Math.SQRT2);
      hits[index]++;
    }
    expect(hits).toEqual([20, 20, 20, 20]);
    const ext = source.info.extent!;
    expect(ext.xMin).toBeLessThan(0);
    expect(ext.xMax).toBeGreaterThan(1);
  });

  it('copies the caller’s buffer and is deterministic in the seed', async () => {
    const pts = Float32Array.from(square);
    const source = makeDrawnPointsSource(pts);
    pts.fill(100);
    const a = readAll(await source.load(ctx(5)));
    expect(Math.max(...a)).toBeLessThan(2);
    expect(Array.from(a)).toEqual(Array.from(readAll(await source.load(ctx(5)))));
    expect(Array.from(a)).not.toEqual(Array.from(readAll(await source.load(ctx(6)))));
  });

  it('caps the example count and rejects bad drawings', () => {
    const many = new Float32Array(2 * 5000).map((_, i) => i % 97);
    expect(makeDrawnPointsSource(many).info.count).toBeLessThanOrEqual(DRAWN_MAX_EXAMPLES);
    expect(makeDrawnPointsSource(many).info.count).toBe(5000 * 4);
    expect(() => makeDrawnPointsSource(new Float32Array(3))).toThrow(/pairs/);
    expect(() => makeDrawnPointsSource(new Float32Array(2))).toThrow(/at least 2/);
    expect(() => makeDrawnPointsSource(new Float32Array(2 * (DRAWN_MAX_POINTS + 1)))).toThrow(/at most/);
    expect(() => makeDrawnPointsSource(Float32Array.from([0, 0, Number.NaN, 1]))).toThrow(/point 1/);
  });
});
