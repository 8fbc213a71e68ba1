import { describe, expect, it } from 'vitest';
import { weightStats } from './weightStats';

describe('weightStats', () => {
  it('histograms over ±max|w|, counts near-zero weights and per-layer L2 norms', () => {
    const s = weightStats(
      [
        { name: 'a', values: new Float32Array([3, -4, 0]) },
        { name: 'b', values: new Float32Array([0.0005, -2]) },
      ],
      4,
    );
    expect(s.range).toBe(4);
    // Bins over [-4,-2), [-2,0), [0,2), [2,4]: -4 → 0; -2 → 1; 0 and 0.0005 → 2; 3 → 3.
    expect(s.counts).toEqual([1, 1, 2, 1]);
    expect(s.layers).toEqual([
      { name: 'a', count: 3, l2: 5, nearZeroFraction: 1 / 3 },
      { name: 'b', count: 2, l2: expect.closeTo(2, 5), nearZeroFraction: 0.5 },
    ]);
    expect(s.nearZeroFraction).toBeCloseTo(2 / 5, 10);
    expect(s.counts.reduce((a, b) => a + b)).toBe(5);
  });
});
