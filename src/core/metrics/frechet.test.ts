import { describe, expect, it } from 'vitest';
import { Random } from '../random';
import { frechetDistance, frechetDistanceOfRows, gaussianStats, sqrtPsd, symmetricEigen, traceSqrtProduct, type GaussianStats } from './frechet';

function stats(mean: number[], cov: number[][]): GaussianStats {
  const n = mean.length;
  return { dim: n, count: 1000, mean: Float64Array.from(mean), cov: Float64Array.from(cov.flat()) };
}

describe('gaussianStats', () => {
  it('computes the mean and the unbiased covariance of rows', () => {
    // Rows (1,2), (3,6), (5,10): x has mean 3, var 4; y = 2x has var 16; cov 8.
    const s = gaussianStats([1, 2, 3, 6, 5, 10], 3, 2);
    expect(Array.from(s.mean)).toEqual([3, 6]);
    expect(Array.from(s.cov)).toEqual([4, 8, 8, 16]);
    expect(s.count).toBe(3);
  });

  it('rejects fewer than two rows or too few numbers', () => {
    expect(() => gaussianStats([1, 2], 1, 2)).toThrow(/at least 2/);
    expect(() => gaussianStats([1, 2, 3], 2, 2)).toThrow(/3 numbers/);
  });
});

describe('symmetricEigen / sqrtPsd', () => {
  it('decomposes a known 2×2 matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 1 and 3.
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(Array.from(values).sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    // A v = λ v for each column.
    for (let k = 0; k < 2; k++) {
      const v0 = vectors[k];
      const v1 = vectors[2 + k];
      expect(2 * v0 + v1).toBeCloseTo(values[k] * v0, 12);
      expect(v0 + 2 * v1).toBeCloseTo(values[k] * v1, 12);
    }
  });

  it('reconstructs a random 20×20 PSD matrix from its square root', () => {
    const rng = new Random(3);
    const n = 20;
    const b = Float64Array.from({ length: n * n }, () => rng.normal());
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) m[i * n + j] += b[i * n + k] * b[j * n + k];
    const s = sqrtPsd(m, n);
    let maxErr = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let v = 0;
        for (let k = 0; k < n; k++) v += s[i * n + k] * s[k * n + j];
        maxErr = Math.max(maxErr, Math.abs(v - m[i * n + j]));
      }
    }
    expect(maxErr).toBeLessThan(1e-9);
  });

  it('Tr((Σ1Σ2)^½) of diagonal matrices is Σ √(a_i b_i)', () => {
    const a = Float64Array.from([4, 0, 0, 0, 9, 0, 0, 0, 1]);
    const b = Float64Array.from([1, 0, 0, 0, 4, 0, 0, 0, 16]);
    expect(traceSqrtProduct(a, b, 3)).toBeCloseTo(2 + 6 + 4, 12);
  });
});

describe('frechetDistance', () => {
  it('is 0 for identical sets and symmetric', () => {
    const rng = new Random(1);
    const rows = Float32Array.from({ length: 500 * 8 }, () => rng.normal());
    expect(frechetDistanceOfRows(rows, 500, rows, 500, 8)).toBeLessThan(1e-9);
    const other = Float32Array.from({ length: 400 * 8 }, () => rng.normal(0.5, 2));
    const ab = frechetDistanceOfRows(rows, 500, other, 400, 8);
    const ba = frechetDistanceOfRows(other, 400, rows, 500, 8);
    expect(ab).toBeGreaterThan(1);
    expect(ab).toBeCloseTo(ba, 9);
  });

  it('1-D Gaussians: (μ1 − μ2)² + (σ1 − σ2)²', () => {
    expect(frechetDistance(stats([1], [[4]]), stats([3], [[9]]))).toBeCloseTo(4 + 1, 12);
    expect(frechetDistance(stats([-2], [[0.25]]), stats([0.5], [[0.25]]))).toBeCloseTo(6.25, 12);
  });

  it('diagonal covariances: ‖Δμ‖² + Σ (√a_i − √b_i)²', () => {
    const d = frechetDistance(
      stats(
        [0, 1, 2],
        [
          [4, 0, 0],
          [0, 1, 0],
          [0, 0, 9],
        ],
      ),
      stats(
        [1, 1, 0],
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 16],
        ],
      ),
    );
    expect(d).toBeCloseTo(1 + 0 + 4 + (2 - 1) ** 2 + 0 + (3 - 4) ** 2, 12);
  });

  it('is invariant to a rotation of both sets (full covariances)', () => {
    // Rotate the diagonal case by 30° in the first two axes: the distance must not change.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const rot = (m: number[], d: number[][]) => {
      const r = [
        [c, -s],
        [s, c],
      ];
      const mean = [r[0][0] * m[0] + r[0][1] * m[1], r[1][0] * m[0] + r[1][1] * m[1]];
      const cov = [
        [0, 0],
        [0, 0],
      ];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let k = 0; k < 2; k++) cov[i][j] += r[i][k] * d[k][k] * r[j][k];
      return stats(mean, cov);
    };
    const d = frechetDistance(
      rot(
        [1, 2],
        [
          [4, 0],
          [0, 1],
        ],
      ),
      rot(
        [0, 0],
        [
          [1, 0],
          [0, 9],
        ],
      ),
    );
    expect(d).toBeCloseTo(1 + 4 + 1 + 4, 10);
  });

  it('matches the 1-D closed form on sampled data', () => {
    const rng = new Random(7);
    const a = Float64Array.from({ length: 20000 }, () => rng.normal(1, 2));
    const b = Float64Array.from({ length: 20000 }, () => rng.normal(-1, 0.5));
    expect(frechetDistanceOfRows(a, 20000, b, 20000, 1)).toBeCloseTo(4 + 2.25, 1);
  });

  it('rejects different dimensions', () => {
    expect(() =>
      frechetDistance(
        stats([0], [[1]]),
        stats(
          [0, 0],
          [
            [1, 0],
            [0, 1],
          ],
        ),
      ),
    ).toThrow(/dimensions/);
  });

  it('takes a few ms for 64-D features', () => {
    const rng = new Random(2);
    const a = Float32Array.from({ length: 1000 * 64 }, () => rng.normal());
    const b = Float32Array.from({ length: 1000 * 64 }, () => rng.normal(0.1, 1.1));
    const t0 = performance.now();
    const d = frechetDistanceOfRows(a, 1000, b, 1000, 64);
    const ms = performance.now() - t0;
    // Expected ≈ 64·0.01 + 64·0.01 = 1.28 plus the finite-sample bias (~ 64²/1000·2 ≈ 8 at this n).
    expect(d).toBeGreaterThan(1);
    expect(ms).toBeLessThan(2000);
  });
});
