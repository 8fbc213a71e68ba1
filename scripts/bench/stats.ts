/**
 * Pure arithmetic of the benchmark: medians, steady-state rates, ratios and GFLOP/s. No TF.js,
 * no DOM, no Node: shared by the bench worker, the Node runner and their unit tests.
 */

/** Median of a list (mean of the middle two for an even count); NaN for an empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One timed window of training: `steps` full steps in `ms` milliseconds (ending in a device sync). */
export interface TimedWindow {
  steps: number;
  ms: number;
}

/**
 * Steady-state steps per second: the median of the windows' rates, after dropping the first
 * `dropFirst` windows (warm-up stragglers) when enough remain. Windows of 0 ms or 0 steps are
 * ignored. Returns NaN when nothing is left.
 */
export function steadyStepsPerSec(windows: readonly TimedWindow[], dropFirst = 0): number {
  const valid = windows.filter((w) => w.ms > 0 && w.steps > 0);
  const kept = valid.length > dropFirst + 1 ? valid.slice(dropFirst) : valid;
  return median(kept.map((w) => (w.steps * 1000) / w.ms));
}

/** Coefficient of variation (σ/μ) of the windows' rates: how steady the measurement was. */
export function rateSpread(windows: readonly TimedWindow[]): number {
  const rates = windows.filter((w) => w.ms > 0 && w.steps > 0).map((w) => (w.steps * 1000) / w.ms);
  if (rates.length < 2) return NaN;
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  const variance = rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (rates.length - 1);
  return Math.sqrt(variance) / mean;
}

/** a / b, or null when either is missing or b is not a positive finite number. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/** GFLOP/s of `flops` floating-point operations done in `ms` milliseconds. */
export function gflopsPerSec(flops: number, ms: number): number {
  return ms > 0 ? flops / (ms * 1e6) : NaN;
}

/** GFLOP/s a trainer achieves: per-image FLOPs of one step × batch × steps/s. */
export function achievedGflops(flopsPerImage: number, batchSize: number, stepsPerSec: number): number {
  return (flopsPerImage * batchSize * stepsPerSec) / 1e9;
}

/** 100·part/whole, or null when not computable. */
export function percentOf(part: number | null | undefined, whole: number | null | undefined): number | null {
  const r = ratio(part, whole);
  return r === null ? null : r * 100;
}

/** Rounds to `digits` significant digits (keeps JSON readable); null/NaN/±∞ become null. */
export function sig(x: number | null | undefined, digits = 3): number | null {
  if (x == null || !Number.isFinite(x)) return null;
  if (x === 0) return 0;
  return Number(x.toPrecision(digits));
}

export interface KernelTime {
  name: string;
  ms: number;
}

export interface KernelShare {
  name: string;
  ms: number;
  calls: number;
  /** Share of the summed kernel time, in [0, 1]. */
  share: number;
}

/** Sums kernel times by kernel name and returns the `top` largest with their share of the total. */
export function topKernels(kernels: readonly KernelTime[], top = 5): { totalMs: number; kernels: KernelShare[] } {
  const byName = new Map<string, { ms: number; calls: number }>();
  let total = 0;
  for (const k of kernels) {
    const ms = Number.isFinite(k.ms) ? k.ms : 0;
    total += ms;
    const e = byName.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += ms;
    e.calls += 1;
    byName.set(k.name, e);
  }
  const sorted = [...byName.entries()].map(([name, e]) => ({ name, ms: e.ms, calls: e.calls, share: total > 0 ? e.ms / total : 0 }));
  sorted.sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name));
  return { totalMs: total, kernels: sorted.slice(0, top) };
}

/**
 * Long tasks that overlap any of the given [start, end] intervals (same clock): the count and the
 * worst duration. Used for "long tasks while the trainer runs".
 */
export function longTasksWithin(
  tasks: readonly { startTime: number; duration: number }[],
  intervals: readonly [number, number][],
): { count: number; worstMs: number } {
  let count = 0;
  let worst = 0;
  for (const t of tasks) {
    const end = t.startTime + t.duration;
    if (intervals.some(([a, b]) => t.startTime < b && end > a)) {
      count += 1;
      worst = Math.max(worst, t.duration);
    }
  }
  return { count, worstMs: worst };
}

/**
 * Optimistic step-time prediction for the time cap: a step cannot run faster than its FLOPs at
 * the backend's best measured rate. Returns ms, or null without a usable rate.
 */
export function predictStepMs(flopsPerImage: number, batchSize: number, bestGflops: number | null): number | null {
  if (bestGflops == null || !Number.isFinite(bestGflops) || bestGflops <= 0) return null;
  return (flopsPerImage * batchSize) / (bestGflops * 1e6);
}

/**
 * Speed-up of A over B from interleaved windows (A₁ B₁ A₂ B₂ …): the median of the per-pair rate
 * ratios, so load from other processes hits both sides of each ratio alike. Drops the first
 * `dropFirst` pairs when enough remain; null without a valid pair.
 */
export function pairedSpeedup(a: readonly TimedWindow[], b: readonly TimedWindow[], dropFirst = 0): number | null {
  const rate = (w: TimedWindow) => (w.ms > 0 && w.steps > 0 ? (w.steps * 1000) / w.ms : NaN);
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const r = rate(a[i]) / rate(b[i]);
    if (Number.isFinite(r)) ratios.push(r);
  }
  const kept = ratios.length > dropFirst + 1 ? ratios.slice(dropFirst) : ratios;
  return kept.length ? median(kept) : null;
}
