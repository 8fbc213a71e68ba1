/**
 * What the worker remembers of the current run beyond its tensors, so a run file or an autosave
 * can bring back the charts and the scrubber: every metric row (old ones thinned past a cap), the
 * quality measurements and the sample grids, one per epoch. It watches the events the session
 * posts, copying their arrays before they are transferred away.
 */
import type { MetricKey } from '../core/metrics/stepMetrics';
import type { WorkerEvent } from './protocol';

/** Metric rows kept; past this the older half is thinned to every other row (all recent steps stay). */
export const MAX_HISTORY_ROWS = 40_000;
/** Quality measurements kept (the app's chart keeps as many). */
export const MAX_HISTORY_QUALITY = 400;
/** Sample grids kept, one per epoch; ~200–260 KB each, so at most ~16 MB. */
export const MAX_HISTORY_FRAMES = 60;

export interface QualityEntry {
  step: number;
  epoch: number;
  values: Record<string, number>;
  labels: Record<string, string>;
}

export interface SampleFrameEntry {
  step: number;
  epoch: number;
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

/** A run's history as it travels in a run file (TF-free, plain data). */
export interface RunHistoryData {
  /** Row-major, `keys.length` values per row, oldest first. */
  metrics: { keys: MetricKey[]; data: Float64Array };
  quality: QualityEntry[];
  samples: SampleFrameEntry[];
  /** Training time so far, paused time excluded. */
  elapsedMs: number;
}

/** Keeps every other item of the older half: the list still spans the whole run. */
function thin<T>(items: T[]): T[] {
  const half = Math.floor(items.length / 2);
  return [...items.slice(0, half).filter((_, i) => i % 2 === 0), ...items.slice(half)];
}

export class RunHistory {
  private keys: MetricKey[] = [];
  private rows: Float64Array[] = [];
  private quality: QualityEntry[] = [];
  private samples: SampleFrameEntry[] = [];
  private elapsedMs = 0;

  constructor(
    private readonly maxRows = MAX_HISTORY_ROWS,
    private readonly maxQuality = MAX_HISTORY_QUALITY,
    private readonly maxFrames = MAX_HISTORY_FRAMES,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  clear(): void {
    this.keys = [];
    this.rows = [];
    this.quality = [];
    this.samples = [];
    this.elapsedMs = 0;
  }

  /** Call with every event before it is posted (its buffers may be transferred afterwards). */
  observe(ev: WorkerEvent): void {
    switch (ev.type) {
      case 'ready':
        this.clear();
        return;
      case 'metrics': {
        this.elapsedMs = ev.elapsedMs;
        const width = ev.keys.length;
        if (!width) return;
        if (this.keys.join() !== ev.keys.join()) {
          this.keys = [...ev.keys];
          this.rows = [];
        }
        const stepCol = ev.keys.indexOf('step');
        for (let r = 0; r + width <= ev.data.length; r += width) {
          const row = ev.data.slice(r, r + width);
          // A rolled-back run (NaN) repeats steps: the newer rows replace the ones they redo.
          while (stepCol >= 0 && this.rows.length && this.rows[this.rows.length - 1][stepCol] >= row[stepCol]) this.rows.pop();
          this.rows.push(row);
        }
        if (this.rows.length > this.maxRows) this.rows = thin(this.rows);
        return;
      }
      case 'quality': {
        while (this.quality.length && this.quality[this.quality.length - 1].step >= ev.step) this.quality.pop();
        this.quality.push({ step: ev.step, epoch: ev.epoch, values: { ...ev.values }, labels: { ...ev.labels } });
        if (this.quality.length > this.maxQuality) this.quality = thin(this.quality);
        return;
      }
      case 'samples': {
        if (ev.classIndex !== undefined) return; // a "Generate class" grid: the history keeps the mixed grids
        const last = this.samples[this.samples.length - 1];
        if (last && ev.step < last.step) this.samples = [];
        else if (last && last.epoch === ev.epoch) this.samples.pop();
        this.samples.push({ step: ev.step, epoch: ev.epoch, width: ev.width, height: ev.height, pixels: ev.pixels.slice() });
        if (this.samples.length > this.maxFrames) this.samples = thin(this.samples);
        return;
      }
      default:
        return;
    }
  }

  /** A copy of everything kept, for a run file. */
  data(): RunHistoryData {
    const width = this.keys.length;
    const data = new Float64Array(this.rows.length * width);
    this.rows.forEach((row, i) => data.set(row, i * width));
    return {
      metrics: { keys: [...this.keys], data },
      quality: this.quality.map((q) => ({ ...q, values: { ...q.values }, labels: { ...q.labels } })),
      samples: this.samples.map((s) => ({ ...s, pixels: s.pixels.slice() })),
      elapsedMs: this.elapsedMs,
    };
  }

  /** Takes over a loaded run's history. */
  load(history: RunHistoryData): void {
    this.clear();
    const width = history.metrics.keys.length;
    this.keys = [...history.metrics.keys];
    for (let r = 0; width && r + width <= history.metrics.data.length; r += width) this.rows.push(history.metrics.data.slice(r, r + width));
    this.quality = history.quality.map((q) => ({ ...q }));
    this.samples = history.samples.map((s) => ({ ...s, pixels: s.pixels.slice() }));
    this.elapsedMs = history.elapsedMs;
  }

  /**
   * The events that rebuild the app's charts, quality chart and scrubber as they were: one
   * metrics batch, then each measurement and grid in order.
   */
  replay(rates: { imagesPerSec: number; stepsPerSec: number } = { imagesPerSec: 0, stepsPerSec: 0 }): WorkerEvent[] {
    const { metrics, quality, samples, elapsedMs } = this.data();
    const out: WorkerEvent[] = [];
    if (metrics.data.length) out.push({ type: 'metrics', keys: metrics.keys, data: metrics.data, ...rates, elapsedMs });
    for (const q of quality) out.push({ type: 'quality', ...q });
    for (const s of samples) out.push({ type: 'samples', ...s });
    return out;
  }

  /** The newest sample grid, for a thumbnail. */
  latestFrame(): SampleFrameEntry | undefined {
    return this.samples[this.samples.length - 1];
  }
}
