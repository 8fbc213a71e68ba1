/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and last point
 * and, from each of `threshold - 2` equal buckets in between, the point that makes the largest
 * triangle with the previous kept point and the next bucket's average. Spikes survive, which a
 * plain "every n-th point" would drop. Pure TS, O(n).
 */

/**
 * Indices (ascending) of the points LTTB keeps. Points whose x or y is not finite are skipped
 * (a NaN loss must not break the chart). Returns every finite index when there are no more than
 * `threshold` of them.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number, count = Math.min(xs.length, ys.length)): number[] {
  // Work on the finite points only.
  let finite: number[] | null = null;
  for (let i = 0; i < count; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
      finite = [];
      for (let j = 0; j < count; j++) if (Number.isFinite(xs[j]) && Number.isFinite(ys[j])) finite.push(j);
      break;
    }
  }
  const n = finite ? finite.length : count;
  const at = finite ? (k: number) => finite![k] : (k: number) => k;
  if (threshold >= n || n <= 2) return Array.from({ length: n }, (_, k) => at(k));
  const t = Math.max(3, Math.floor(threshold));

  const out: number[] = [at(0)];
  const every = (n - 2) / (t - 2);
  let a = 0; // position (in finite order) of the last kept point
  for (let b = 0; b < t - 2; b++) {
    // Average of the next bucket (the last point when this is the final bucket).
    const nextStart = Math.floor((b + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let k = nextStart; k < nextEnd; k++) {
      avgX += xs[at(k)];
      avgY += ys[at(k)];
    }
    const len = nextEnd - nextStart;
    if (len > 0) {
      avgX /= len;
      avgY /= len;
    } else {
      avgX = xs[at(n - 1)];
      avgY = ys[at(n - 1)];
    }
    // Pick the point of this bucket with the largest triangle.
    const start = Math.floor(b * every) + 1;
    const end = Math.floor((b + 1) * every) + 1;
    const ax = xs[at(a)];
    const ay = ys[at(a)];
    let best = start;
    let bestArea = -1;
    for (let k = start; k < end; k++) {
      const area = Math.abs((ax - avgX) * (ys[at(k)] - ay) - (ax - xs[at(k)]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = k;
      }
    }
    out.push(at(best));
    a = best;
  }
  out.push(at(n - 1));
  return out;
}

/** Convenience form: the kept points themselves. */
export function lttb(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): { x: number; y: number }[] {
  return lttbIndices(xs, ys, threshold).map((i) => ({ x: xs[i], y: ys[i] }));
}

/**
 * Downsamples several series that share one x column to about `threshold` rows in all: each
 * series that varies keeps its own LTTB points (threshold / number of varying series) and the
 * result is the sorted union of their indices, so every kept row has all series' values (one row
 * per tooltip) and no series loses its spikes. A flat series (e.g. a penalty that is off) needs
 * only its ends, so it does not dilute the others.
 */
export function lttbUnionIndices(xs: ArrayLike<number>, series: ArrayLike<number>[], threshold: number, count = xs.length): number[] {
  if (count <= threshold) return Array.from({ length: count }, (_, i) => i);
  const varying = series.filter((ys) => !isFlat(ys, count));
  const keep = new Uint8Array(count);
  keep[0] = 1;
  keep[count - 1] = 1;
  const each = Math.max(3, Math.ceil(threshold / Math.max(1, varying.length)));
  for (const ys of varying) for (const i of lttbIndices(xs, ys, each, count)) keep[i] = 1;
  if (!varying.length) {
    // Nothing varies: evenly spaced rows keep the x axis honest.
    for (let k = 0; k < threshold; k++) keep[Math.floor((k * (count - 1)) / (threshold - 1))] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (keep[i]) out.push(i);
  return out;
}

function isFlat(ys: ArrayLike<number>, count: number): boolean {
  let first: number | undefined;
  for (let i = 0; i < count; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) continue;
    if (first === undefined) first = y;
    else if (y !== first) return false;
  }
  return true;
}
