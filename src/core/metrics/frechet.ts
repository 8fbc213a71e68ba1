/**
 * Fréchet distance between two sets of feature rows, each summarised by a Gaussian (mean and
 * covariance): the distance behind FID (Heusel et al. 2017),
 *
 *   d² = ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^½).
 *
 * Pure TypeScript in float64, no TF.js: the feature spaces here are small (64 dimensions), so a
 * cyclic Jacobi eigen-decomposition is fast (a few ms) and exact to ~1e-12. The matrix square root
 * uses Tr((Σ1 Σ2)^½) = Tr((Σ1^½ Σ2 Σ1^½)^½): Σ1^½ Σ2 Σ1^½ is symmetric positive semi-definite, so
 * its square root comes from a symmetric eigen-decomposition with no complex arithmetic
 * (scipy's sqrtm on the non-symmetric product is where FID code usually needs a fudge).
 * Tiny negative eigenvalues from rounding are clamped to 0.
 *
 * The result is the squared distance (as FID reports it), ≥ 0.
 */

/** A Gaussian summary of `count` feature rows of `dim` numbers. */
export interface GaussianStats {
  dim: number;
  count: number;
  mean: Float64Array;
  /** dim × dim, row-major; the unbiased sample covariance (divides by count − 1, as numpy's np.cov). */
  cov: Float64Array;
}

/** Mean and covariance of `count` rows of `dim` features stored row after row in `rows`. */
export function gaussianStats(rows: ArrayLike<number>, count: number, dim: number): GaussianStats {
  if (!Number.isInteger(count) || count < 2) throw new Error(`gaussianStats: need at least 2 rows; got ${count}`);
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`gaussianStats: dim must be a positive integer; got ${dim}`);
  if (rows.length < count * dim) throw new Error(`gaussianStats: ${rows.length} numbers for ${count} rows of ${dim}`);
  const mean = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) mean[j] += rows[o + j];
  }
  for (let j = 0; j < dim; j++) mean[j] /= count;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) centred[j] = rows[o + j] - mean[j];
    for (let a = 0; a < dim; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      const row = a * dim;
      for (let b = a; b < dim; b++) cov[row + b] += ca * centred[b];
    }
  }
  const norm = 1 / (count - 1);
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b] * norm;
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  return { dim, count, mean, cov };
}

export interface SymmetricEigen {
  /** Eigenvalues, in no particular order. */
  values: Float64Array;
  /** n × n row-major; column k is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric n × n matrix (row-major; only its symmetric part is used) by
 * cyclic Jacobi rotations, until the off-diagonal mass is below 1e-26 of the total or 100 sweeps.
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  if (matrix.length < n * n) throw new Error(`symmetricEigen: ${matrix.length} numbers for a ${n}×${n} matrix`);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (matrix[i * n + j] + matrix[j * n + i]);
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];
  const tol = 1e-26 * total;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * a[p * n + q] * a[p * n + q];
    if (off <= tol) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        // Rotation angle that zeroes a[p][q] (Numerical Recipes' stable form).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/** Square root of a symmetric positive semi-definite matrix (negative eigenvalues clamped to 0). */
export function sqrtPsd(matrix: ArrayLike<number>, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const s = Math.sqrt(Math.max(values[k], 0));
    if (s === 0) continue;
    for (let i = 0; i < n; i++) {
      const vik = vectors[i * n + k] * s;
      if (vik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += vik * vectors[j * n + k];
    }
  }
  return out;
}

function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}

/** Tr((Σ1 Σ2)^½) for symmetric PSD Σ1, Σ2, via Tr((Σ1^½ Σ2 Σ1^½)^½). */
export function traceSqrtProduct(cov1: Float64Array, cov2: Float64Array, n: number): number {
  const s1 = sqrtPsd(cov1, n);
  const m = matMul(matMul(s1, cov2, n), s1, n);
  const { values } = symmetricEigen(m, n);
  let tr = 0;
  for (let i = 0; i < n; i++) tr += Math.sqrt(Math.max(values[i], 0));
  return tr;
}

/** The squared Fréchet distance between two Gaussians; ≥ 0 (rounding below 0 is clamped). */
export function frechetDistance(a: GaussianStats, b: GaussianStats): number {
  if (a.dim !== b.dim) throw new Error(`frechetDistance: dimensions differ (${a.dim} vs ${b.dim})`);
  const n = a.dim;
  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (a.mean[i] - b.mean[i]) ** 2;
  let tr = 0;
  for (let i = 0; i < n; i++) tr += a.cov[i * n + i] + b.cov[i * n + i];
  const d = meanTerm + tr - 2 * traceSqrtProduct(a.cov, b.cov, n);
  return Math.max(d, 0);
}

/** Convenience: the Fréchet distance between two sets of feature rows of the same width. */
export function frechetDistanceOfRows(rowsA: ArrayLike<number>, countA: number, rowsB: ArrayLike<number>, countB: number, dim: number): number {
  return frechetDistance(gaussianStats(rowsA, countA, dim), gaussianStats(rowsB, countB, dim));
}
