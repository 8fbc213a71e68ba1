/**
 * The charts: every metric row of the run in a `MetricHistory`, downsampled into the rows each
 * chart draws at most every CHART_INTERVAL_MS, and the newest raw values for the legends.
 */
import { METRIC_KEYS, type MetricKey } from '../../core/metrics/stepMetrics';
import { MetricHistory } from '../lib/metricHistory';
import type { ChartRow } from '../lib/metricHistory';
import { historyCsv } from '../lib/exports';
import type { Slice, SliceContext } from './slice';
import { now } from './slice';
import { isTwinEvent } from './twin';

/** The series each chart draws (also the order of their legends). */
export const CHART_SERIES = {
  losses: ['dLoss', 'gLoss'],
  penalties: ['gL1', 'gL2', 'dL1', 'dL2'],
  outputs: ['dReal', 'dFake'],
  regularizers: ['r1', 'gp', 'noiseSigma'],
  /** The Dirac-GAN's two parameters, drawn as a path in the (θ, ψ) plane (only for that model). */
  dirac: ['theta', 'psi'],
} as const satisfies Record<string, readonly MetricKey[]>;
export type ChartId = keyof typeof CHART_SERIES;

/**
 * Points per series after downsampling, and how often charts may recompute. 800 ms (it was 400):
 * each chart redraw is ~15-30 ms of recharts work on a 2-core machine, and at 400 ms the four
 * charts took a fifth of the main thread (the worker shares those cores); the curves still move
 * more than once a second and the legends' read-outs with them.
 */
export const CHART_POINTS = 200;
export const CHART_INTERVAL_MS = 800;
/**
 * The order in which staggered charts take new rows, one group per turn, and the gap between turns:
 * long enough for a chart's render (a deferred React render, recharts' effects and its frame) to
 * finish before the next starts; four turns fit within CHART_INTERVAL_MS.
 */
const STAGES: ChartId[][] = [['losses'], ['penalties'], ['outputs'], ['regularizers', 'dirac']];
export const STAGGER_MS = 90;
/** Points kept of the Dirac-GAN's (θ, ψ) path. */
export const DIRAC_PATH_POINTS = 1000;

const EMPTY_CHARTS: Record<ChartId, ChartRow[]> = { losses: [], penalties: [], outputs: [], regularizers: [], dirac: [] };

export interface ChartsSlice {
  /** Downsampled chart rows; each array is replaced only when recomputed. */
  charts: Record<ChartId, ChartRow[]>;
  /** Newest raw value per metric, for the legends. */
  latest: Partial<Record<MetricKey, number>>;
  /** Rows of history behind the charts. */
  historyLength: number;
  /** Rows of twin run B's history (0 outside a twin). */
  historyLengthB: number;
  /** Twin run B's chart rows (empty outside a twin), drawn dashed over A's. */
  chartsB: Record<ChartId, ChartRow[]>;
  /** Ends a twin's charts: Keep B makes B's history the run's, Keep A drops it. */
  endTwinCharts(keep: 'A' | 'B'): void;
  /** Recomputes the charts now (normally throttled to CHART_INTERVAL_MS). */
  flushCharts(): void;
  /** The metric and quality history as CSV (the CLI's metrics.csv columns). */
  metricsCsv(): string;
}

export function createChartsSlice({ set, get, options, newRun }: SliceContext): Slice<ChartsSlice> {
  let history = new MetricHistory();
  let historyB = new MetricHistory();
  let chartedVersionB = -1;
  const interval = options.chartIntervalMs ?? CHART_INTERVAL_MS;
  const stagger = options.staggerCharts ?? false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastChartAt = -Infinity;
  let chartedVersion = -1;
  // Bumped by each staggered computation, so the stages of an older one stop.
  let computeVersion = 0;
  // The rows of a staggered computation whose stages are not all applied yet.
  let inFlight: { rowsA: Record<ChartId, ChartRow[]> | null; rowsB: Record<ChartId, ChartRow[]> | null } | null = null;
  const stageTimer = (fn: () => void, ms: number) => setTimeout(fn, ms);

  /** `staggered`: the throttled redraw; a flush (pinning a baseline) applies every chart at once. */
  const compute = (staggered = stagger) => {
    if (timer) clearTimeout(timer);
    timer = null;
    lastChartAt = now();
    const dirac = get().config?.model === 'dirac';
    const changedB = chartedVersionB !== historyB.version;
    const changedA = chartedVersion !== history.version;
    if (!changedA && !changedB) {
      // A flush while stages are still to come: apply them now.
      if (!staggered && inFlight) {
        const { rowsA, rowsB } = inFlight;
        inFlight = null;
        computeVersion++;
        set({ ...(rowsA ? { charts: rowsA } : {}), ...(rowsB ? { chartsB: rowsB } : {}) });
      }
      return;
    }
    chartedVersionB = historyB.version;
    chartedVersion = history.version;
    const rowsB = changedB ? chartRowsOf(historyB, dirac) : null;
    const rowsA = changedA ? chartRowsOf(history, dirac) : null;
    const legends: Partial<ChartsSlice> = {};
    if (changedA) {
      const latest: Partial<Record<MetricKey, number>> = {};
      for (const keys of Object.values(CHART_SERIES)) for (const k of keys) latest[k] = history.last(k);
      latest.lrScale = history.last('lrScale');
      Object.assign(legends, { latest, historyLength: history.length });
    }
    if (changedB) legends.historyLengthB = historyB.length;
    if (!staggered) {
      computeVersion++;
      inFlight = null;
      set({ ...legends, ...(rowsA ? { charts: rowsA } : {}), ...(rowsB ? { chartsB: rowsB } : {}) });
      return;
    }
    // Each chart (A's and B's rows together) re-renders in its own turn, STAGGER_MS apart: recharts
    // batches its store's notifications per animation frame, so charts handed new rows in one
    // frame would all redraw in one main-thread task (docs/performance.md).
    const version = computeVersion + 1;
    computeVersion = version;
    inFlight = { rowsA, rowsB };
    const stage = (i: number) => {
      if (computeVersion !== version) return; // a newer computation (or a flush) took over
      const ids = STAGES[i];
      set((s) => ({
        ...(i === 0 ? legends : {}),
        ...(rowsA ? { charts: pick(s.charts, rowsA, ids) } : {}),
        ...(rowsB ? { chartsB: pick(s.chartsB, rowsB, ids) } : {}),
      }));
      if (i + 1 < STAGES.length) stageTimer(() => stage(i + 1), STAGGER_MS);
      else inFlight = null;
    };
    stage(0);
  };

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => compute(), Math.max(0, lastChartAt + interval - now()));
  };

  return {
    state: {
      charts: EMPTY_CHARTS,
      latest: {},
      historyLength: 0,
      historyLengthB: 0,
      chartsB: EMPTY_CHARTS,
      flushCharts: () => compute(false),
      metricsCsv: () => historyCsv(history, get().quality.rows),
      endTwinCharts(keep) {
        // B's line starts at the fork: the kept B's history is A's up to the fork, then B's.
        if (keep === 'B') history = joinAt(history, historyB, get().forkStep);
        historyB = new MetricHistory();
        chartedVersion = chartedVersionB = -1;
        set({ chartsB: EMPTY_CHARTS, historyLengthB: 0 });
        compute();
      },
    },
    onNewRun() {
      history.clear();
      historyB.clear();
      chartedVersionB = -1;
      chartedVersion = -1;
      if (timer) clearTimeout(timer);
      timer = null;
      computeVersion++;
      inFlight = null;
      set({ charts: EMPTY_CHARTS, latest: {}, historyLength: 0, chartsB: EMPTY_CHARTS, historyLengthB: 0 });
    },
    onEvent(ev) {
      if (ev.type === 'forked') {
        // B (re)starts from A at this step: its line starts afresh there.
        historyB.clear();
        schedule();
        return;
      }
      if (ev.type !== 'metrics') return;
      const width = ev.keys.length;
      const stepCol = ev.keys.indexOf('step');
      if (!width || stepCol < 0 || ev.data.length < width) return;
      if (isTwinEvent(ev)) {
        const lastB = historyB.last('step');
        if (lastB !== undefined && ev.data[stepCol] <= lastB) historyB.clear();
        historyB.append(ev.keys, ev.data);
        schedule();
        return;
      }
      const last = history.last('step');
      // Steps going backwards means a new run began (reset): start the history afresh.
      if (last !== undefined && ev.data[stepCol] <= last) newRun();
      history.append(ev.keys, ev.data);
      schedule();
    },
  };
}

/** A's rows up to `step`, then B's: the history of a run forked from A at `step`. */
function joinAt(a: MetricHistory, b: MetricHistory, step: number): MetricHistory {
  const out = new MetricHistory();
  const steps = a.column('step');
  let n = 0;
  while (n < steps.length && steps[n] <= step) n++;
  for (const [h, rows] of [
    [a, n],
    [b, b.length],
  ] as const) {
    const cols = METRIC_KEYS.map((k) => h.column(k));
    const data = new Float64Array(rows * cols.length);
    for (let r = 0; r < rows; r++) cols.forEach((c, j) => (data[r * cols.length + j] = c[r]));
    out.append(METRIC_KEYS, data);
  }
  return out;
}

/** `ids` replaced in `current` by their rows in `next` (a new object; the others kept). */
function pick(current: Record<ChartId, ChartRow[]>, next: Record<ChartId, ChartRow[]>, ids: ChartId[]): Record<ChartId, ChartRow[]> {
  const out = { ...current };
  for (const id of ids) out[id] = next[id];
  return out;
}

/** Every chart's rows of one history (B's, a run file's: no legends, no staggering). */
export function chartRowsOf(h: MetricHistory, dirac: boolean): Record<ChartId, ChartRow[]> {
  if (h.length === 0) return EMPTY_CHARTS;
  return {
    losses: h.rows(CHART_SERIES.losses, CHART_POINTS),
    penalties: h.rows(CHART_SERIES.penalties, CHART_POINTS),
    outputs: h.rows(CHART_SERIES.outputs, CHART_POINTS),
    regularizers: h.rows(CHART_SERIES.regularizers, CHART_POINTS),
    dirac: dirac ? h.rows(CHART_SERIES.dirac, DIRAC_PATH_POINTS) : EMPTY_CHARTS.dirac,
  };
}
