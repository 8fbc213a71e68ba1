/**
 * The one contract between the UI and the training worker. Nothing else crosses. Pixels, points
 * and metric batches travel as transferable typed arrays. This file imports no TF.js, so the UI
 * may import it. About 380 lines, and one thing: every message type and its validation side by
 * side, so a new message is added in one place.
 */
import type { BackendChoice, FieldError, LiveHyperparams, TrainConfig } from '../core/config';
import { BACKEND_CHOICES, LIVE_KEYS } from '../core/config';
import type { DatasetInfo } from '../core/data/types';
import type { MetricKey } from '../core/metrics/stepMetrics';
import type { NetworkWeightStats } from '../core/metrics/weightStats';
import type { ModelSummary } from '../core/models/specs';
import type { PointsFrameRecord, SampleFrameRecord } from '../core/runfile/runFileFormat';
import type { LatentCommand, LatentEvent } from './latentProtocol';
import { latentTransferables, parseLatentCommand } from './latentProtocol';

// ── UI → worker ────────────────────────────────────────────────────────────────────────────────

export type Command =
  /** Picks the backend and builds a run. Sent once; later structural changes use `reset`. */
  | { type: 'init'; config: Partial<TrainConfig>; backend: BackendChoice }
  /**
   * `run` (a twin's A or B alone; docs/twin-runs.md): absent or 'both' starts / pauses both.
   * `untilStep`: the run pauses on its own at that step (a lesson's cap); without it, no cap.
   */
  | { type: 'start'; run?: RunTarget; untilStep?: number }
  | { type: 'pause'; run?: RunTarget }
  /** Runs exactly `count` training steps (while paused), then reports metrics and samples. */
  | { type: 'step'; count: number }
  /** New weights and optimizer state; `config` (validated) replaces the structural choices. */
  | { type: 'reset'; config?: Partial<TrainConfig>; run?: RunTarget }
  /** Live values, applied at the next step; answered by `hyperparams` with what was applied. */
  | { type: 'setHyperparams'; values: Partial<LiveHyperparams>; run?: RunTarget }
  /**
   * Twin runs (docs/twin-runs.md): 'start' forks B from A's snapshot at A's step (A trains on
   * untouched); 'keepA' / 'keepB' end the twin, keeping that run.
   */
  | { type: 'twin'; action: TwinAction }
  /** Draws the sample grid / points now (e.g. while paused). */
  | { type: 'requestSamples' }
  /** A conditional run's grid as one class (null: all classes again), also for the live refreshes (docs/conditional.md). */
  | { type: 'classGrid'; classIndex: number | null }
  /** Asks for a few real examples of a dataset, for the picker; answered by `datasetPreview`. */
  | { type: 'previewDataset'; id: string }
  /** Makes the user's drawing the dataset 'drawn' and resets the run onto it. */
  | { type: 'useDrawnPoints'; points: Float32Array }
  /**
   * Decodes the user's images in the worker into the dataset 'upload' (answered by
   * `uploadResult`); the current run keeps training. `target` is the model size to fit.
   */
  | {
      type: 'uploadImages';
      files: UploadFile[];
      target: UploadTarget;
      invert?: boolean;
      /** Each file's path relative to what was chosen or dropped ("animals/cats/a.png"): class folders label the set (core/data/uploadClasses.ts). */
      paths?: string[];
    }
  /** The generator as a TF.js Layers model, zipped; answered by `exportProgress` and `exportFile`. */
  | { type: 'exportModel' }
  /** Encodes RGBA pictures (same size) into an animated GIF; answered like `exportModel`. */
  | { type: 'encodeTimelapse'; frames: TimelapseFrame[]; scale: number }

  /**
   * Snapshots the run with its history; answered by `runFile` (the bytes to download). In a twin,
   * absent or 'both' saves both runs in one file; 'A' or 'B' saves that run alone.
   */
  | { type: 'saveRun'; run?: RunTarget }
  /**
   * Replaces the current run with a run file's (answered by the usual ready/state/metrics… events
   * and `runOpened`); a bad file gets an error `bad-run-file` and the current run is untouched.
   */
  | { type: 'openRun'; bytes: ArrayBuffer; name: string }
  /** Lists the autosaved runs, newest first; answered by `recentRuns`. */
  | { type: 'listRecent' }
  | { type: 'openRecent'; id: string }
  | { type: 'deleteRecent'; id: string }
  /** The page went out of sight (`visibilitychange`): autosave now, it may be closed. */
  | { type: 'pageHidden' }
  /** The main thread's heartbeat: answered at once by `pong`, even while a command runs. */
  | { type: 'ping' }
  /** The latent explorer's commands (latentProtocol.ts). */
  | LatentCommand;

export interface TimelapseFrame {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}
/** What the worker builds for the Export menu (PNG and CSV are made in the UI). */
export type ExportKind = 'model' | 'timelapse';
export const MAX_TIMELAPSE_FRAMES = 500;
export const MAX_TIMELAPSE_SCALE = 8;

/** Which run of a twin an event or command concerns; absent means A (the only run outside a twin). */
export type RunKey = 'A' | 'B';
export type RunTarget = RunKey | 'both';
export type TwinAction = 'start' | 'keepA' | 'keepB';
export const TWIN_ACTIONS: readonly TwinAction[] = ['start', 'keepA', 'keepB'];

/** What the worker needs of a File (a File is one). */
export interface UploadFile {
  name: string;
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type UploadTarget = 'grey28' | 'rgb32';
export const UPLOAD_TARGETS: readonly UploadTarget[] = ['grey28', 'rgb32'];

/** The largest run file `openRun` accepts. */
export const MAX_RUN_FILE_BYTES = 1024 ** 3;

// ── worker → UI ────────────────────────────────────────────────────────────────────────────────

import type { BackendReport } from '../core/backend/backendReport';
export type { BackendReport } from '../core/backend/backendReport';
import type { RecentRunInfo } from './recentRuns';
export type { RecentRunInfo } from './recentRuns';

export type ErrorCode =
  'bad-message' | 'bad-upload' | 'bad-config' | 'backend-failed' | 'dataset-failed' | 'nan-loss' | 'bad-run-file' | 'not-ready' | 'export-failed' | 'internal';

/**
 * What an error is about: the command that failed, 'message' for a message that did not parse,
 * 'training' for a fault in the running loop (a NaN, a crash mid-run).
 */
export type ErrorSource = Command['type'] | 'message' | 'training';

/**
 * How a worker message reaches the user in their language (docs/i18n.md): `key` names a message
 * of the page's catalogues (under `worker.`), `values` fills its placeholders. `message` stays the
 * English sentence, for logs, the CLI and any key the page does not know; the page words `key`.
 */
export interface Wording {
  key?: string;
  values?: Record<string, string | number>;
}

/** The long steps before training can start, or beside it (an upload). */
export type ProgressStage = 'backend' | 'dataset' | 'quality' | 'upload';

type WorkerEventCore =
  | {
      type: 'ready';
      backend: BackendReport;
      config: TrainConfig;
      model: ModelSummary;
      dataset: DatasetInfo;
      /** Every dataset the worker can load, for the pickers. */
      datasets: DatasetInfo[];
      /** Every model that fits the current dataset. */
      models: ModelSummary[];
      /** A conditional run's grid classes, one per sample (Trainer.sampleClasses). */
      sampleClasses?: number[];
    }
  /** Long work before training can start (loading data, compiling shaders). */
  | ({ type: 'progress'; stage: ProgressStage; message: string; fraction?: number } & Wording)
  | { type: 'state'; run?: RunKey; running: boolean; step: number; epoch: number }
  /**
   * A batch of step records, about 10 per second whatever the step rate. `data` is row-major,
   * `keys.length` floats per row.
   */
  | {
      type: 'metrics';
      run?: RunKey;
      keys: MetricKey[];
      data: Float64Array;
      imagesPerSec: number;
      stepsPerSec: number;
      /** Milliseconds spent training since the run started (paused time excluded). */
      elapsedMs: number;
    }
  /**
   * An 8×8 grid from the fixed noise, as RGBA bytes, after each epoch or on request; `live`: a
   * refresh between epoch ends for the live grid only (the scrubber keeps one frame per epoch).
   * `classIndex`: every sample drawn as that class (`classGrid`; live only, never kept).
   */
  | ({ type: 'samples'; run?: RunKey; live?: boolean; classIndex?: number } & SampleFrameRecord<Uint8ClampedArray>)
  /**
   * For 2-D data: real and generated points (x, y interleaved) and D's output on a grid over
   * `extent` ([xmin, xmax, ymin, ymax]), `gridSize`² values in [0, 1], row 0 at ymin.
   */
  | ({ type: 'points'; run?: RunKey } & PointsFrameRecord)
  /** Twin run B was (re)built from A's snapshot at `step`: its chart history starts there. */
  | { type: 'forked'; run: 'B'; step: number }
  /** The live values in force from `step` on. */
  | { type: 'hyperparams'; run?: RunKey; applied: LiveHyperparams; step: number }
  | ({ type: 'error'; code: ErrorCode; source: ErrorSource; message: string; fieldErrors?: FieldError[] } & Wording)
  /**
   * Learning-quality measures of a fresh generated sample (modes covered, classifier FID, …), at
   * epoch ends; `labels` says what each value is.
   */
  | { type: 'quality'; run?: RunKey; step: number; epoch: number; values: Record<string, number>; labels: Record<string, string> }
  /** Weight histograms, near-zero shares and per-layer L2 norms of both networks' kernels. */
  | { type: 'weights'; run?: RunKey; step: number; generator: NetworkWeightStats; discriminator: NetworkWeightStats }
  /** Real examples of a dataset: an image grid, or points with their view box. */
  | {
      type: 'datasetPreview';
      id: string;
      info: DatasetInfo;
      image?: { width: number; height: number; pixels: Uint8ClampedArray };
      points?: Float32Array;
    }
  | {
      type: 'uploadResult';
      /** The new dataset's info, or null when no image was accepted. */
      dataset: DatasetInfo | null;
      accepted: number;
      /** Each skipped file and why: the English `reason`, with its key (`skip.…`) and values for the page. */
      skipped: ({ name: string; reason: string } & Wording)[];
      /** Images left out because the set reached its cap. */
      capped: number;
    }
  /** A run file to download: `name` e.g. ring8-mlp2d-step4200.ganrun. */
  | { type: 'runFile'; name: string; step: number; bytes: ArrayBuffer }
  /** A run file or a saved run replaced the current run; the events before it restored its history. */
  | { type: 'runOpened'; from: 'file' | 'recent'; name: string; dataset: string; step: number }
  /** The autosaved runs, newest first (after listRecent, deleteRecent and each autosave). */
  | { type: 'recentRuns'; runs: RecentRunInfo[] }
  /** Sent once when runs cannot be kept in this browser (no IndexedDB, full quota); training goes on. */
  | ({ type: 'storageNote'; message: string } & Wording)
  /** Something the user should know that is not an error (a lost GPU device the run survived). */
  | ({ type: 'notice'; message: string } & Wording)
  /**
   * The answer to `ping`: the worker is alive. `tensors`: TF.js tensors the worker holds now
   * (`tf.memory().numTensors`), for the status bar's diagnostics and the soak's leak check.
   */
  | { type: 'pong'; tensors?: number }
  /**
   * The run file of each autosave (every ~30 s, on pause, on page hidden), also where IndexedDB is
   * missing: the main thread keeps the newest to restore the run if the worker dies.
   */
  | { type: 'checkpoint'; step: number; bytes: ArrayBuffer };

export type WorkerEvent =
  | WorkerEventCore
  | LatentEvent
  | ({ type: 'exportProgress'; kind: ExportKind; fraction: number; message: string } & Wording)
  /** A finished export: the UI turns the bytes into a download. `step` is the run's step it shows. */
  | { type: 'exportFile'; kind: ExportKind; step: number; mime: string; bytes: Uint8Array };

export type WorkerEventType = WorkerEvent['type'];

// ── validation of incoming messages ──────────────────────────────────────────────────────────

/** A failure names the command type when the message had a known one, so its error can say so. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; type?: Command['type'] };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A command's optional `run`: the target, undefined when absent, false when malformed. */
function runField(x: unknown): RunTarget | undefined | false {
  if (x === undefined) return undefined;
  return x === 'A' || x === 'B' || x === 'both' ? x : false;
}

/** The most steps one `step` command may ask for, so a typo cannot lock the worker for hours. */
export const MAX_STEPS_PER_COMMAND = 10_000;

/**
 * Checks a message's shape (not config values: `validateConfig` does that). Anything unknown or
 * malformed is reported, never thrown.
 */
export function parseCommand(msg: unknown): Parsed<Command> {
  if (!isRecord(msg) || typeof msg.type !== 'string') return { ok: false, message: 'message must be an object with a string "type"' };
  const bad = (why: string): Parsed<Command> => ({ ok: false, message: `${msg.type}: ${why}`, type: msg.type as Command['type'] });
  switch (msg.type) {
    case 'init': {
      if (!isRecord(msg.config)) return bad('"config" must be an object');
      if (typeof msg.backend !== 'string' || !(BACKEND_CHOICES as readonly string[]).includes(msg.backend)) {
        return bad(`"backend" must be one of ${BACKEND_CHOICES.join(', ')}`);
      }
      return { ok: true, value: { type: 'init', config: msg.config as Partial<TrainConfig>, backend: msg.backend as BackendChoice } };
    }
    case 'start':
    case 'pause': {
      const run = runField(msg.run);
      if (run === false) return bad('"run" must be A, B or both when given');
      if (msg.type === 'pause' || msg.untilStep === undefined) return { ok: true, value: { type: msg.type, ...(run ? { run } : {}) } };
      if (typeof msg.untilStep !== 'number' || !Number.isInteger(msg.untilStep) || msg.untilStep < 0)
        return bad('"untilStep" must be a whole number of steps, 0 or more, when given');
      return { ok: true, value: { type: 'start', ...(run ? { run } : {}), untilStep: msg.untilStep } };
    }
    case 'requestSamples':
    case 'exportModel':
      return { ok: true, value: { type: msg.type } };
    case 'classGrid':
      if (msg.classIndex !== null && !(typeof msg.classIndex === 'number' && Number.isInteger(msg.classIndex) && msg.classIndex >= 0))
        return bad('"classIndex" must be a class number or null');
      return { ok: true, value: { type: 'classGrid', classIndex: msg.classIndex } };
    case 'previewDataset':
      if (typeof msg.id !== 'string' || msg.id.length > 64) return bad('"id" must be a dataset id');
      return { ok: true, value: { type: 'previewDataset', id: msg.id } };
    case 'useDrawnPoints':
      if (!(msg.points instanceof Float32Array)) return bad('"points" must be a Float32Array of x, y pairs');
      return { ok: true, value: { type: 'useDrawnPoints', points: msg.points } };
    case 'uploadImages': {
      if (!Array.isArray(msg.files)) return bad('"files" must be an array of files');
      const badFile = msg.files.findIndex(
        (f) => !isRecord(f) || typeof f.name !== 'string' || typeof f.size !== 'number' || typeof f.arrayBuffer !== 'function',
      );
      if (badFile >= 0) return bad(`files[${badFile}] is not a file`);
      if (!UPLOAD_TARGETS.includes(msg.target as UploadTarget)) return bad(`"target" must be one of ${UPLOAD_TARGETS.join(', ')}`);
      const { paths } = msg;
      if (paths !== undefined && !(Array.isArray(paths) && paths.length === msg.files.length && paths.every((p) => typeof p === 'string' && p.length <= 4096)))
        return bad('"paths" must be one path (a string) per file');
      const value = { type: 'uploadImages', files: msg.files as UploadFile[], target: msg.target as UploadTarget, invert: msg.invert === true } as const;
      return { ok: true, value: paths === undefined ? value : { ...value, paths: paths as string[] } };
    }
    case 'encodeTimelapse': {
      const { frames, scale } = msg;
      if (!Array.isArray(frames) || frames.length < 1 || frames.length > MAX_TIMELAPSE_FRAMES)
        return bad(`"frames" must be an array of 1 to ${MAX_TIMELAPSE_FRAMES} pictures`);
      const badFrame = frames.findIndex(
        (f) => !isRecord(f) || !Number.isInteger(f.width) || !Number.isInteger(f.height) || !(f.pixels instanceof Uint8ClampedArray),
      );
      if (badFrame >= 0) return bad(`frames[${badFrame}] must be { width, height, pixels: Uint8ClampedArray }`);
      if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 1 || scale > MAX_TIMELAPSE_SCALE)
        return bad(`"scale" must be an integer in [1, ${MAX_TIMELAPSE_SCALE}]`);
      return { ok: true, value: { type: 'encodeTimelapse', frames: frames as TimelapseFrame[], scale } };
    }
    case 'step': {
      const n = msg.count;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_STEPS_PER_COMMAND) {
        return bad(`"count" must be an integer in [1, ${MAX_STEPS_PER_COMMAND}]`);
      }
      return { ok: true, value: { type: 'step', count: n } };
    }
    case 'reset': {
      if (msg.config !== undefined && !isRecord(msg.config)) return bad('"config" must be an object when given');
      const run = runField(msg.run);
      if (run === false) return bad('"run" must be A, B or both when given');
      return { ok: true, value: { type: 'reset', config: msg.config as Partial<TrainConfig> | undefined, ...(run ? { run } : {}) } };
    }
    case 'setHyperparams': {
      if (!isRecord(msg.values)) return bad('"values" must be an object');
      const unknown = Object.keys(msg.values).filter((k) => !(LIVE_KEYS as readonly string[]).includes(k));
      if (unknown.length) return bad(`not live fields: ${unknown.join(', ')} (live: ${LIVE_KEYS.join(', ')})`);
      if (msg.run !== undefined && msg.run !== 'A' && msg.run !== 'B' && msg.run !== 'both') return bad('"run" must be A, B or both when given');
      const run = msg.run as RunTarget | undefined;
      return { ok: true, value: { type: 'setHyperparams', values: msg.values as Partial<LiveHyperparams>, ...(run ? { run } : {}) } };
    }
    case 'twin': {
      if (!TWIN_ACTIONS.includes(msg.action as TwinAction)) return bad(`"action" must be one of ${TWIN_ACTIONS.join(', ')}`);
      return { ok: true, value: { type: 'twin', action: msg.action as TwinAction } };
    }
    case 'saveRun': {
      const run = runField(msg.run);
      if (run === false) return bad('"run" must be A, B or both when given');
      return { ok: true, value: { type: 'saveRun', ...(run ? { run } : {}) } };
    }
    case 'listRecent':
    case 'pageHidden':
    case 'ping':
      return { ok: true, value: { type: msg.type } };
    case 'openRun':
      if (!(msg.bytes instanceof ArrayBuffer)) return bad('"bytes" must be an ArrayBuffer');
      if (msg.bytes.byteLength > MAX_RUN_FILE_BYTES) return bad(`the file is over ${MAX_RUN_FILE_BYTES / 1024 ** 3} GB`);
      if (typeof msg.name !== 'string' || msg.name.length > 512) return bad('"name" must be a file name');
      return { ok: true, value: { type: 'openRun', bytes: msg.bytes, name: msg.name } };
    case 'openRecent':
    case 'deleteRecent':
      if (typeof msg.id !== 'string' || msg.id.length === 0 || msg.id.length > 128) return bad('"id" must be a saved run\'s id');
      return { ok: true, value: { type: msg.type, id: msg.id } };
    default:
      return parseLatentCommand(msg as Record<string, unknown> & { type: string }) ?? { ok: false, message: `unknown message type "${msg.type}"` };
  }
}

/** The typed arrays in an event that can be transferred rather than copied. */
export function transferablesOf(ev: WorkerEvent): Transferable[] {
  switch (ev.type) {
    case 'metrics':
      return [ev.data.buffer];
    case 'samples':
      return [ev.pixels.buffer];
    case 'points':
      return [ev.real.buffer, ev.fake.buffer, ev.heatmap.buffer];
    case 'exportFile':
      return [ev.bytes.buffer as ArrayBuffer];
    case 'runFile':
    case 'checkpoint':
      return [ev.bytes];
    case 'datasetPreview':
      return [ev.image?.pixels.buffer, ev.points?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    default:
      return latentTransferables(ev);
  }
}
