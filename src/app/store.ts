/**
 * The UI's state (zustand v5). The worker's events are folded in here; components read small
 * slices with selectors that return stable references (primitives, or arrays/objects that are
 * only replaced when their content changes) and call the actions, which turn into `Command`s.
 *
 * The store is a vanilla store made by `createAppStore(send)`, so it runs in Node unit tests with a
 * fake `send` and no worker.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { BackendChoice, FieldError, LiveHyperparams, LiveKey, TrainConfig } from '../core/config';
import { LIVE_KEYS } from '../core/config';
import type { DatasetInfo } from '../core/data/types';
import type { MetricKey } from '../core/metrics/stepMetrics';
import type { ModelSummary } from '../core/models/specs';
import type { BackendReport, Command, ErrorCode, TimelapseFrame, UploadTarget, WorkerEvent } from '../worker/protocol';
import { exportFileName, historyCsv, type ExportStatus, type ExportedFile } from './lib/exports';
import { MetricHistory } from './lib/metricHistory';
import type { ChartRow } from './lib/metricHistory';
import { withoutFields } from './lib/urlParams';
import { addQuality, EMPTY_QUALITY } from './lib/labState';
import type { QualityState, WeightsFrame } from './lib/labState';

export type Send = (cmd: Command) => void;

export interface AppError {
  id: number;
  code: ErrorCode | 'worker-crashed';
  message: string;
  fieldErrors?: FieldError[];
}

export interface SampleFrame {
  step: number;
  epoch: number;
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

export type PointsFrame = Extract<WorkerEvent, { type: 'points' }>;
/** Real examples of a dataset, for the dataset panel. */
export type DatasetPreview = Extract<WorkerEvent, { type: 'datasetPreview' }>;
/** The image upload's progress and outcome (decoding happens in the worker). */
export interface UploadStatus {
  busy: boolean;
  fraction: number;
  message: string;
  result: Omit<Extract<WorkerEvent, { type: 'uploadResult' }>, 'type'> | null;
}
const UPLOAD_IDLE: UploadStatus = { busy: false, fraction: 0, message: '', result: null };

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

/** Points per series after downsampling, and how often charts may recompute. */
export const CHART_POINTS = 200;
export const CHART_INTERVAL_MS = 400;
/** Grids kept for the epoch scrubber; older ones are thinned out evenly past this. */
export const MAX_SAMPLE_FRAMES = 120;

export interface AppState {
  phase: 'loading' | 'ready' | 'failed';
  backendRequested: BackendChoice;
  backend: BackendReport | null;
  config: TrainConfig | null;
  model: ModelSummary | null;
  dataset: DatasetInfo | null;
  datasets: DatasetInfo[];
  models: ModelSummary[];
  progress: { stage: string; message: string; fraction?: number } | null;

  running: boolean;
  step: number;
  epoch: number;
  imagesPerSec: number;
  stepsPerSec: number;
  elapsedMs: number;

  /** What the worker says is in force, and from which step. */
  applied: LiveHyperparams | null;
  appliedStep: number | null;
  /** For each value changed during this run: the step its new value took effect. */
  appliedSince: Partial<Record<LiveKey, number>>;
  /** Values sent but not yet confirmed by a `hyperparams` event. */
  pending: Partial<LiveHyperparams>;

  /** Downsampled chart rows; each array is replaced only when recomputed. */
  charts: Record<ChartId, ChartRow[]>;
  /** Newest raw value per metric, for the legends. */
  latest: Partial<Record<MetricKey, number>>;
  /** Rows of history behind the charts. */
  historyLength: number;

  samples: SampleFrame[];
  points: PointsFrame | null;
  /** One 2-D picture per epoch (like `samples`), for the points timelapse. */
  pointFrames: PointsFrame[];
  /** The worker-built export in progress (timelapse, model), or its failure. */
  exportStatus: ExportStatus | null;
  /** Quality measures over the run (regularization lab). */
  quality: QualityState;
  /** The newest weight histograms and per-layer norms. */
  weights: WeightsFrame | null;

  errors: AppError[];
  notices: string[];

  /** Dataset previews by id (the object is replaced when one arrives). */
  previews: Record<string, DatasetPreview>;
  upload: UploadStatus;

  // actions
  start(): void;
  pause(): void;
  stepOnce(): void;
  reset(config?: Partial<TrainConfig>): void;
  setLive(key: LiveKey, value: number): void;
  requestSamples(): void;
  dismissError(id: number): void;
  dismissNotice(index: number): void;
  /** Asks the worker for real examples of a dataset (once per id, unless `force`). */
  previewDataset(id: string, force?: boolean): void;
  /** Posts the File objects to the worker (never read here), which decodes them into 'upload'. */
  uploadImages(files: File[], target: UploadTarget, invert: boolean): void;
  /** Makes the drawing (x, y pairs) the dataset 'drawn' and resets the run onto it. */
  useDrawnPoints(points: Float32Array): void;
  /** Folds one worker event into the state. */
  handleEvent(ev: WorkerEvent): void;
  /** The worker script itself failed (load error, crash). */
  workerFailed(message: string): void;
  /** Sends `init` (once, at start-up). */
  init(config: Partial<TrainConfig>, backend: BackendChoice, notices?: string[]): void;
  /** Recomputes the charts now (normally throttled to CHART_INTERVAL_MS). */
  flushCharts(): void;
  /** The metric and quality history as CSV (the CLI's metrics.csv columns). */
  metricsCsv(): string;
  exportModel(): void;
  exportTimelapse(frames: TimelapseFrame[], scale: number): void;
}

export type AppStore = StoreApi<AppState>;

const EMPTY_CHARTS: Record<ChartId, ChartRow[]> = { losses: [], penalties: [], outputs: [], regularizers: [], dirac: [] };
/** Points kept of the Dirac-GAN's (θ, ψ) path. */
export const DIRAC_PATH_POINTS = 1000;

export function createAppStore(
  send: Send,
  options: { chartIntervalMs?: number; staggerCharts?: boolean; onExportFile?: (file: ExportedFile) => void } = {},
): AppStore {
  const history = new MetricHistory();
  const chartInterval = options.chartIntervalMs ?? CHART_INTERVAL_MS;
  const stagger = options.staggerCharts ?? false;
  let chartTimer: ReturnType<typeof setTimeout> | null = null;
  let lastChartAt = -Infinity;
  let chartedVersion = -1;
  let errorId = 0;
  // Start-up bookkeeping: what `init` asked for, so a rejected URL field can be dropped and retried.
  let initConfig: Partial<TrainConfig> = {};
  let initBackend: BackendChoice = 'auto';
  let initRetries = 0;
  let everReady = false;
  // setHyperparams messages sent and not yet answered.
  let liveInFlight = 0;
  let liveOutbox: Partial<LiveHyperparams> = {};
  let liveTimer: ReturnType<typeof setTimeout> | null = null;
  // Dataset previews asked for and not yet answered (so a hover does not ask twice).
  const previewsAsked = new Set<string>();

  return createStore<AppState>()((set, get) => {
    const pushError = (code: AppError['code'], message: string, fieldErrors?: FieldError[]) =>
      set((s) => ({ errors: [...s.errors.slice(-4), { id: ++errorId, code, message, fieldErrors }] }));

    const computeCharts = () => {
      if (chartTimer) clearTimeout(chartTimer);
      chartTimer = null;
      lastChartAt = now();
      if (chartedVersion === history.version) return;
      chartedVersion = history.version;
      const latest: Partial<Record<MetricKey, number>> = {};
      for (const keys of Object.values(CHART_SERIES)) for (const k of keys) latest[k] = history.last(k);
      latest.lrScale = history.last('lrScale');
      const rows = {
        losses: history.rows(CHART_SERIES.losses, CHART_POINTS),
        penalties: history.rows(CHART_SERIES.penalties, CHART_POINTS),
        outputs: history.rows(CHART_SERIES.outputs, CHART_POINTS),
        regularizers: history.rows(CHART_SERIES.regularizers, CHART_POINTS),
        dirac: get().config?.model === 'dirac' ? history.rows(CHART_SERIES.dirac, DIRAC_PATH_POINTS) : EMPTY_CHARTS.dirac,
      };
      if (!stagger) {
        set({ charts: rows, latest, historyLength: history.length });
        return;
      }
      // Each chart re-renders in its own task, so no single main-thread task carries them all.
      set((s) => ({ charts: { ...s.charts, losses: rows.losses }, latest, historyLength: history.length }));
      const version = history.version;
      const stages: Partial<typeof rows>[] = [{ penalties: rows.penalties }, { outputs: rows.outputs }, { regularizers: rows.regularizers, dirac: rows.dirac }];
      const next = (i: number) => {
        if (i >= stages.length || chartedVersion !== version) return;
        set((s) => ({ charts: { ...s.charts, ...stages[i] } }));
        setTimeout(() => next(i + 1), 0);
      };
      setTimeout(() => next(0), 0);
    };

    const scheduleCharts = () => {
      if (chartTimer) return;
      const wait = Math.max(0, lastChartAt + chartInterval - now());
      chartTimer = setTimeout(computeCharts, wait);
    };

    /** Forgets everything about the previous run (new weights). */
    const clearRun = () => {
      history.clear();
      chartedVersion = -1;
      if (chartTimer) clearTimeout(chartTimer);
      chartTimer = null;
      set({ charts: EMPTY_CHARTS, latest: {}, historyLength: 0, samples: [], points: null, pointFrames: [], imagesPerSec: 0, stepsPerSec: 0, elapsedMs: 0, quality: EMPTY_QUALITY, weights: null });
    };

    const flushLive = () => {
      liveTimer = null;
      if (!Object.keys(liveOutbox).length) return;
      liveInFlight++;
      send({ type: 'setHyperparams', values: liveOutbox });
      liveOutbox = {};
    };

    return {
      phase: 'loading',
      backendRequested: 'auto',
      backend: null,
      config: null,
      model: null,
      dataset: null,
      datasets: [],
      models: [],
      progress: null,
      running: false,
      step: 0,
      epoch: 0,
      imagesPerSec: 0,
      stepsPerSec: 0,
      elapsedMs: 0,
      applied: null,
      appliedStep: null,
      appliedSince: {},
      pending: {},
      charts: EMPTY_CHARTS,
      latest: {},
      historyLength: 0,
      samples: [],
      points: null,
      pointFrames: [],
      exportStatus: null,
      quality: EMPTY_QUALITY,
      weights: null,
      errors: [],
      notices: [],
      previews: {},
      upload: UPLOAD_IDLE,

      previewDataset(id, force = false) {
        if (!force && (get().previews[id] || previewsAsked.has(id))) return;
        previewsAsked.add(id);
        send({ type: 'previewDataset', id });
      },
      uploadImages(files, target, invert) {
        set({ upload: { busy: true, fraction: 0, message: `Sending ${files.length} files to the worker…`, result: null } });
        send({ type: 'uploadImages', files, target, invert });
      },
      useDrawnPoints(points) {
        set({ progress: null });
        send({ type: 'useDrawnPoints', points });
      },

      init(config, backend, notices = []) {
        initConfig = config;
        initBackend = backend;
        set({ backendRequested: backend, notices, phase: 'loading' });
        send({ type: 'init', config, backend });
      },
      start() {
        send({ type: 'start' });
      },
      pause() {
        send({ type: 'pause' });
      },
      stepOnce() {
        send({ type: 'step', count: 1 });
      },
      reset(config) {
        set({ progress: null });
        send(config ? { type: 'reset', config } : { type: 'reset' });
      },
      setLive(key, value) {
        set((s) => ({ pending: { ...s.pending, [key]: value } }));
        liveOutbox = { ...liveOutbox, [key]: value };
        // Coalesce a drag's many input events: at most one message per 50 ms.
        if (!liveTimer) liveTimer = setTimeout(flushLive, 50);
      },
      requestSamples() {
        send({ type: 'requestSamples' });
      },
      dismissError(id) {
        set((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
      },
      dismissNotice(index) {
        set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
      },
      workerFailed(message) {
        set({ phase: 'failed', running: false });
        pushError('worker-crashed', message);
      },
      flushCharts: computeCharts,
      metricsCsv: () => historyCsv(history, get().quality.rows),
      exportModel() {
        set({ exportStatus: { kind: 'model', fraction: 0, message: 'Starting…' } });
        send({ type: 'exportModel' });
      },
      exportTimelapse(frames, scale) {
        set({ exportStatus: { kind: 'timelapse', fraction: 0, message: 'Sending the pictures…' } });
        send({ type: 'encodeTimelapse', frames, scale });
      },

      handleEvent(ev) {
        switch (ev.type) {
          case 'ready': {
            everReady = true;
            clearRun();
            // A new drawing replaces the old one: forget its preview.
            if (ev.dataset.id === 'drawn' && get().previews.drawn) {
              set((s) => {
                const { drawn: _old, ...previews } = s.previews;
                void _old;
                return { previews };
              });
            }
            const applied = pick(ev.config);
            set({
              phase: 'ready',
              backend: ev.backend,
              config: ev.config,
              model: ev.model,
              dataset: ev.dataset,
              datasets: ev.datasets,
              models: ev.models,
              progress: null,
              applied,
              appliedStep: 0,
              appliedSince: {},
              pending: {},
            });
            liveInFlight = 0;
            return;
          }
          case 'progress':
            if (ev.stage === 'upload') {
              set((s) => ({ upload: { ...s.upload, busy: true, fraction: ev.fraction ?? s.upload.fraction, message: ev.message } }));
              return;
            }
            set({ progress: { stage: ev.stage, message: ev.message, fraction: ev.fraction } });
            return;
          case 'datasetPreview':
            previewsAsked.delete(ev.id);
            set((s) => ({ previews: { ...s.previews, [ev.id]: ev } }));
            return;
          case 'uploadResult': {
            const { type: _type, ...result } = ev;
            void _type;
            // A new upload replaces the old set: its preview must be asked for again.
            set((s) => {
              const { upload: _old, ...previews } = s.previews;
              void _old;
              return { upload: { busy: false, fraction: 1, message: '', result }, previews };
            });
            return;
          }
          case 'state': {
            const s = get();
            if (ev.step < s.step) clearRun();
            set({ running: ev.running, step: ev.step, epoch: ev.epoch, progress: ev.running ? null : s.progress });
            return;
          }
          case 'metrics': {
            const width = ev.keys.length;
            const stepCol = ev.keys.indexOf('step');
            if (width && stepCol >= 0 && ev.data.length >= width) {
              const first = ev.data[stepCol];
              const last = history.last('step');
              // Steps going backwards means a new run began (reset): start the history afresh.
              if (last !== undefined && first <= last) clearRun();
              const lastRow = Math.floor(ev.data.length / width) - 1;
              const newest = ev.data[lastRow * width + stepCol];
              const epochCol = ev.keys.indexOf('epoch');
              const newestEpoch = epochCol >= 0 ? ev.data[lastRow * width + epochCol] : undefined;
              history.append(ev.keys, ev.data);
              set((s) => ({
                imagesPerSec: ev.imagesPerSec,
                stepsPerSec: ev.stepsPerSec,
                elapsedMs: ev.elapsedMs,
                // The status counter never lags behind the charts.
                step: Math.max(s.step, newest),
                epoch: newestEpoch !== undefined && Number.isFinite(newestEpoch) ? Math.max(s.epoch, newestEpoch) : s.epoch,
              }));
              scheduleCharts();
            } else {
              set({ imagesPerSec: ev.imagesPerSec, stepsPerSec: ev.stepsPerSec, elapsedMs: ev.elapsedMs });
            }
            return;
          }
          case 'samples': {
            const frame: SampleFrame = { step: ev.step, epoch: ev.epoch, width: ev.width, height: ev.height, pixels: ev.pixels };
            set((s) => ({ samples: addFrame(s.samples, frame) }));
            return;
          }
          case 'quality':
            set((s) => ({ quality: addQuality(s.quality, ev) }));
            return;
          case 'weights':
            set({ weights: ev });
            return;
          case 'points':
            set((s) => ({ points: ev, pointFrames: addFrame(s.pointFrames, ev) }));
            return;
          case 'exportProgress':
            set({ exportStatus: { kind: ev.kind, fraction: ev.fraction, message: ev.message } });
            return;
          case 'exportFile': {
            const s = get();
            set({ exportStatus: null });
            options.onExportFile?.({ name: exportFileName(ev.kind, s.config, ev.step), mime: ev.mime, bytes: ev.bytes });
            return;
          }
          case 'hyperparams': {
            liveInFlight = Math.max(0, liveInFlight - 1);
            set((s) => {
              const pending: Partial<LiveHyperparams> = {};
              if (liveInFlight > 0 || liveTimer) {
                for (const k of Object.keys(s.pending) as LiveKey[]) if (s.pending[k] !== ev.applied[k]) pending[k] = s.pending[k];
              }
              const since = { ...s.appliedSince };
              let changed = false;
              for (const k of LIVE_KEYS) {
                if (s.applied && s.applied[k] !== ev.applied[k]) {
                  since[k] = ev.step;
                  changed = true;
                }
              }
              return {
                applied: ev.applied,
                appliedStep: ev.step,
                appliedSince: changed ? since : s.appliedSince,
                pending,
                config: s.config ? { ...s.config, ...ev.applied } : s.config,
              };
            });
            return;
          }
          case 'error': {
            pushError(ev.code, ev.message, ev.fieldErrors);
            if (ev.source === 'exportModel' || ev.source === 'encodeTimelapse') {
              set({ exportStatus: { kind: ev.source === 'exportModel' ? 'model' : 'timelapse', fraction: 0, message: '', error: ev.message } });
              return;
            }
            if (ev.code === 'bad-upload' && get().upload.busy) set((s) => ({ upload: { ...s.upload, busy: false } }));
            if (ev.message.startsWith('previewDataset') || ev.code === 'dataset-failed') previewsAsked.clear();
            if (Object.keys(get().pending).length && !liveTimer) {
              // A rejected setHyperparams: show the applied values again.
              liveInFlight = 0;
              set({ pending: {} });
            }
            if (!everReady) retryInit(ev.code, ev.fieldErrors);
            return;
          }
        }
      },
    };

    /**
     * Before the first `ready`, a rejected config (e.g. a URL naming a dataset that does not exist)
     * or a forced backend that cannot start must not leave a blank app: drop what was rejected and
     * try again, at most twice. The error stays on screen. A config error comes after the backend
     * started, so the retry is a `reset` (the worker refuses a second `init`); a backend failure
     * leaves the worker uninitialised, so that retry is an `init` with `auto`.
     */
    function retryInit(code: ErrorCode, fieldErrors?: FieldError[]) {
      if (initRetries >= 2) {
        set({ phase: 'failed' });
        return;
      }
      if (code === 'backend-failed' && initBackend !== 'auto') {
        initRetries++;
        initBackend = 'auto';
        set({ backendRequested: 'auto' });
        send({ type: 'init', config: initConfig, backend: 'auto' });
        return;
      }
      if (code === 'bad-config' || code === 'dataset-failed') {
        const fields = (fieldErrors ?? []).map((e) => e.field).filter((f) => f in initConfig);
        let config = fields.length ? withoutFields(initConfig, fields) : code === 'dataset-failed' ? withoutFields(initConfig, ['dataset', 'model']) : {};
        if (Object.keys(config).length === Object.keys(initConfig).length) config = {};
        if (Object.keys(initConfig).length === 0) {
          set({ phase: 'failed' });
          return;
        }
        initRetries++;
        initConfig = config;
        send({ type: 'reset', config });
        return;
      }
      set({ phase: 'failed' });
    }
  });
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function pick(config: TrainConfig): LiveHyperparams {
  return Object.fromEntries(LIVE_KEYS.map((k) => [k, config[k]])) as LiveHyperparams;
}

/**
 * Adds a grid to the scrubber's history: one frame per epoch (a newer grid of the same epoch,
 * e.g. drawn on demand while paused, replaces it); past MAX_SAMPLE_FRAMES, every other old frame
 * goes, so the scrubber still spans the whole run.
 */
export function addFrame<F extends { step: number; epoch: number }>(frames: F[], frame: F, max = MAX_SAMPLE_FRAMES): F[] {
  const last = frames[frames.length - 1];
  if (last && frame.step < last.step) frames = []; // a new run
  else if (last && last.epoch === frame.epoch) frames = frames.slice(0, -1);
  let out = [...frames, frame];
  if (out.length > max) {
    const half = Math.floor(out.length / 2);
    out = [...out.slice(0, half).filter((_, i) => i % 2 === 0), ...out.slice(half)];
  }
  return out;
}

/** The value a slider shows: what is being sent, else what the worker applied. */
export function shownValue(s: Pick<AppState, 'pending' | 'applied' | 'config'>, key: LiveKey): number | undefined {
  return s.pending[key] ?? s.applied?.[key] ?? s.config?.[key];
}
