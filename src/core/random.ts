/**
 * The project's one seeded PRNG. Runs are reproducible from a single seed (docs/ARCHITECTURE.md), so nothing
 * in src/core may use Math.random: data order, synthetic datasets and noise all draw from here.
 *
 * Generator: mulberry32 (32-bit state, period 2^32). Fast, tiny and good enough for shuffling and
 * sampling toy data; it is not cryptographic. Keep this API stable: others depend on it.
 */

const TWO_POW_32 = 4294967296;
/** Seeds are 31-bit non-negative integers, the range `TrainConfig.seed` allows. */
export const MAX_SEED = 2 ** 31 - 1;

/** Folds any finite number into a valid 31-bit seed (so callers may pass sums, hashes, etc.). */
export function normalizeSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number; got ${seed}`);
  const s = Math.floor(Math.abs(seed)) % TWO_POW_32;
  return (s ^ (s >>> 31)) & MAX_SEED;
}

/** Everything a `Random` holds: restoring it continues the stream exactly, spare normal included. */
export interface RandomState {
  /** The 32-bit mulberry32 state, as an unsigned integer. */
  state: number;
  /** The cached second Box–Muller normal, or null. */
  spareNormal: number | null;
}

export class Random {
  private state: number;
  /** Box–Muller yields two normals per draw; the second waits here for the next call. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // Scramble the seed once so nearby seeds (1, 2, 3 …) start from unrelated states.
    this.state = Random.mix(normalizeSeed(seed) ^ 0x9e3779b9);
  }

  private static mix(x: number): number {
    let z = x | 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  getState(): RandomState {
    return { state: this.state >>> 0, spareNormal: this.spareNormal };
  }

  /** Throws on a state no `getState` could have produced (callers validate files first). */
  setState(s: RandomState): void {
    if (!Number.isInteger(s.state) || s.state < 0 || s.state >= TWO_POW_32) throw new Error(`Random state must be a 32-bit unsigned integer; got ${s.state}`);
    if (s.spareNormal !== null && !Number.isFinite(s.spareNormal)) throw new Error(`Random spare normal must be finite or null; got ${s.spareNormal}`);
    this.state = s.state;
    this.spareNormal = s.spareNormal;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n)) throw new Error(`int(n) needs a positive integer n; got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Normal draw (Box–Muller), mean `mean`, standard deviation `std`. */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    // 1 - next() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /** Fills `out` with N(mean, std²) draws and returns it. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /** A fresh 31-bit seed drawn from this stream, for seeding an independent generator. */
  nextSeed(): number {
    return Math.floor(this.next() * (MAX_SEED + 1));
  }

  /** An independent generator seeded from this one; advances this stream by one draw. */
  fork(): Random {
    return new Random(this.nextSeed());
  }
}
