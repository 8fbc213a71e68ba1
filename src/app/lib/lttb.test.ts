import { describe, expect, it } from 'vitest';
import { lttb, lttbIndices, lttbUnionIndices } from './lttb';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('LTTB downsampling', () => {
  it('returns everything when there are no more points than the threshold', () => {
    expect(lttbIndices(range(5), [1, 2, 3, 4, 5], 10)).toEqual([0, 1, 2, 3, 4]);
    expect(lttbIndices([], [], 10)).toEqual([]);
    expect(lttbIndices([0], [3], 10)).toEqual([0]);
  });

  it('keeps exactly `threshold` points, first and last included, in ascending order', () => {
    const n = 10_000;
    const xs = range(n);
    const ys = xs.map((x) => Math.sin(x / 300) + 0.1 * Math.sin(x * 1.7));
    const idx = lttbIndices(xs, ys, 500);
    expect(idx.length).toBe(500);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });

  it('keeps an isolated spike that uniform decimation would drop', () => {
    const n = 5000;
    const xs = range(n);
    const ys = xs.map(() => 1);
    ys[2345] = 50;
    const kept = lttb(xs, ys, 100);
    expect(kept.some((p) => p.x === 2345 && p.y === 50)).toBe(true);
    const everyFiftieth = xs.filter((x) => x % 50 === 0);
    expect(everyFiftieth.includes(2345)).toBe(false);
  });

  it('skips non-finite points instead of failing', () => {
    const xs = range(1000);
    const ys = xs.map((x) => (x % 97 === 0 ? NaN : x));
    const idx = lttbIndices(xs, ys, 50);
    expect(idx.length).toBe(50);
    expect(idx.every((i) => Number.isFinite(ys[i]))).toBe(true);
    expect(lttbIndices([0, 1, 2], [NaN, 1, Infinity], 10)).toEqual([1]);
  });

  it('handles a straight line (all triangles zero) without losing the ends', () => {
    const xs = range(1000);
    const idx = lttbIndices(xs, xs, 10);
    expect(idx.length).toBe(10);
    expect(idx[0]).toBe(0);
    expect(idx[9]).toBe(999);
  });

  // Its speed is the bench's business (a wall-clock bound here failed on a busy machine).
  it('handles a long run (200k points): ascending picks, ends kept, none outside the data', () => {
    const n = 200_000;
    const xs = new Float64Array(n).map((_, i) => i);
    const ys = new Float64Array(n).map((_, i) => Math.sin(i / 1000) + ((i * 7919) % 13) / 130);
    const idx = lttbIndices(xs, ys, 500);
    expect(idx.length).toBe(500);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });

  it('unions several series so each keeps its own extremes', () => {
    const n = 3000;
    const xs = range(n);
    const a = xs.map(() => 0);
    const b = xs.map(() => 0);
    a[100] = 10;
    b[2900] = -10;
    const idx = lttbUnionIndices(xs, [a, b], 50);
    expect(idx).toContain(100);
    expect(idx).toContain(2900);
    expect(idx.length).toBeLessThanOrEqual(52);
    expect(lttbUnionIndices(range(10), [range(10)], 50)).toEqual(range(10));
  });

  it('does not let flat series (penalties that are off) dilute the varying one', () => {
    const n = 10_000;
    const xs = range(n);
    const loss = xs.map((x) => Math.sin(x / 50));
    const off = xs.map(() => 0);
    const idx = lttbUnionIndices(xs, [off, loss, off, off], 500);
    expect(idx.length).toBe(500);
    const flatOnly = lttbUnionIndices(xs, [off, off], 100);
    expect(flatOnly.length).toBe(100);
    expect(flatOnly[0]).toBe(0);
    expect(flatOnly[flatOnly.length - 1]).toBe(n - 1);
  });
});
