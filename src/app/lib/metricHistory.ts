/**
 * Every step record of the current run, column by column, in growable typed arrays (no object
 * per step). Long runs stay bounded: each row stands for `bucket` steps (1 at first); when the
 * rows pass `capacity`, the bucket doubles and neighbouring rows merge into their mean, so the
 * history keeps an even density (between capacity/2 and capacity rows) however long the run.
 * The newest raw record is kept apart for read-outs. Memory is therefore capped by `capacity`:
 * at the default 100,000 rows, (columns + 1) × 8 bytes × 131,072 allocated rows, about 20 MB
 * however many steps (test: a 1,000,000-step history).
 */
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import type { MetricKey } from '../../core/metrics/stepMetrics';
import { lttbUnionIndices } from './lttb';

export type ChartRow = { step: number } & Partial<Record<MetricKey, number>>;

export class MetricHistory {
  private cols: Record<MetricKey, Float64Array>;
  private n = 0;
  /** How many original step records each row stands for. */
  private weight: Float64Array;
  /** Steps per row now; the last row fills up to this before a new one starts. */
  private bucket = 1;
  private latest = new Float64Array(METRIC_KEYS.length).fill(NaN);
  /** Bumped on every change, so views know when to recompute. */
  version = 0;

  constructor(
    private readonly capacity = 100_000,
    initial = 1024,
  ) {
    this.cols = Object.fromEntries(METRIC_KEYS.map((k) => [k, new Float64Array(initial)])) as Record<MetricKey, Float64Array>;
    this.weight = new Float64Array(initial);
  }

  get length(): number {
    return this.n;
  }

  /** Bytes held by the columns (their allocated size, not only the rows in use). */
  get byteLength(): number {
    return Object.values(this.cols).reduce((sum, c) => sum + c.byteLength, this.weight.byteLength + this.latest.byteLength);
  }

  column(key: MetricKey): Float64Array {
    return this.cols[key].subarray(0, this.n);
  }

  /** The newest step record's value (not merged), or undefined before the first row. */
  last(key: MetricKey): number | undefined {
    return this.n ? this.latest[METRIC_KEYS.indexOf(key)] : undefined;
  }

  clear(): void {
    this.n = 0;
    this.bucket = 1;
    this.latest.fill(NaN);
    this.version++;
  }

  /** Appends rows laid out as the `metrics` event sends them: `keys.length` floats per row. */
  append(keys: readonly string[], data: ArrayLike<number>): void {
    const width = keys.length;
    if (!width) return;
    const rows = Math.floor(data.length / width);
    if (!rows) return;
    const src = METRIC_KEYS.map((k) => keys.indexOf(k));
    const row = new Float64Array(METRIC_KEYS.length);
    for (let r = 0; r < rows; r++) {
      src.forEach((c, j) => (row[j] = c < 0 ? NaN : data[r * width + c]));
      this.push(row);
    }
    this.latest.set(row);
    this.version++;
  }

  private push(row: Float64Array): void {
    const last = this.n - 1;
    if (last >= 0 && this.weight[last] < this.bucket) {
      // Fold into the open row: a running mean.
      const w = this.weight[last];
      METRIC_KEYS.forEach((k, j) => {
        const c = this.cols[k];
        c[last] = (c[last] * w + row[j]) / (w + 1);
      });
      this.weight[last] = w + 1;
      return;
    }
    this.reserve(this.n + 1);
    METRIC_KEYS.forEach((k, j) => (this.cols[k][this.n] = row[j]));
    this.weight[this.n] = 1;
    this.n++;
    if (this.n > this.capacity) {
      this.bucket *= 2;
      this.halve();
    }
  }

  private reserve(rows: number): void {
    const size = this.cols.step.length;
    if (rows <= size) return;
    let next = size;
    while (next < rows) next *= 2;
    for (const k of METRIC_KEYS) {
      const grown = new Float64Array(next);
      grown.set(this.cols[k].subarray(0, this.n));
      this.cols[k] = grown;
    }
    const w = new Float64Array(next);
    w.set(this.weight.subarray(0, this.n));
    this.weight = w;
  }

  /** Merges neighbouring rows pairwise (weighted means), halving the length. */
  private halve(): void {
    const pairs = Math.floor(this.n / 2);
    const w = this.weight;
    for (const k of METRIC_KEYS) {
      const c = this.cols[k];
      for (let i = 0; i < pairs; i++) {
        const a = w[2 * i];
        const b = w[2 * i + 1];
        c[i] = (c[2 * i] * a + c[2 * i + 1] * b) / (a + b);
      }
      if (this.n % 2) c[pairs] = c[this.n - 1];
    }
    for (let i = 0; i < pairs; i++) w[i] = w[2 * i] + w[2 * i + 1];
    if (this.n % 2) w[pairs] = w[this.n - 1];
    this.n = pairs + (this.n % 2);
  }

  /**
   * Chart rows for `keys`, downsampled with LTTB to about `threshold` points per series (the union
   * of each series' picks), x = step. New objects each call: call it only when `version` moved.
   */
  rows(keys: readonly MetricKey[], threshold = 500): ChartRow[] {
    const xs = this.column('step');
    const series = keys.map((k) => this.column(k));
    const idx = lttbUnionIndices(xs, series, threshold, this.n);
    return idx.map((i) => {
      const row: ChartRow = { step: xs[i] };
      keys.forEach((k, j) => {
        const v = series[j][i];
        if (Number.isFinite(v)) row[k] = v;
      });
      return row;
    });
  }
}
