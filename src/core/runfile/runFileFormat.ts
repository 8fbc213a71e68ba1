/**
 * The `.ganrun` file's constants and types (TF-free: the UI imports them). The byte layout and the
 * version policy are in docs/run-file-format.md; runFile.ts encodes and decodes.
 */
import type { RunSnapshot } from './runSnapshot';

export const RUN_FILE_EXTENSION = '.ganrun';
/** "GANRUN", LF, SUB: a text-mode transfer that rewrites line ends breaks the magic, not the data. */
export const RUN_FILE_MAGIC = Uint8Array.from([0x47, 0x41, 0x4e, 0x52, 0x55, 0x4e, 0x0a, 0x1a]);
/** The newest format this build reads; it writes 1 for a single run, 2 for a twin, 3 for a conditional run. */
export const RUN_FILE_VERSION = 3;
/**
 * The version of a conditional run's file (its config says `conditional: true`; G and D hold class
 * embeddings). Older builds refuse it as "newer" rather than as holding an unknown config field.
 */
export const RUN_FILE_CONDITIONAL_VERSION = 3;
/** The version of a file with a twin's run B (older builds refuse it as "newer", not as damaged). */
export const RUN_FILE_TWIN_VERSION = 2;
/** Run B's tensors carry this prefix in a twin file's directory (`B/g/dense0/kernel`, …). */
export const TWIN_TENSOR_PREFIX = 'B/';
/** magic (8) + version (u32) + header length (u32). */
export const RUN_FILE_PREAMBLE_BYTES = 16;
/** Tensor offsets (from the data section's start) are multiples of this; the data section starts on one. */
export const RUN_FILE_ALIGN = 8;
/** Larger files are refused before they are read. */
export const RUN_FILE_MAX_BYTES = 1024 ** 3;
/** A header is small JSON; more than this is no run file. */
export const RUN_FILE_MAX_HEADER_BYTES = 64 * 1024 * 1024;

export type TensorDtype = 'float32' | 'int32' | 'float64' | 'uint8';

export const DTYPE_BYTES: Record<TensorDtype, number> = { float32: 4, int32: 4, float64: 8, uint8: 1 };

/** One entry of the header's tensor directory. */
export interface TensorEntry {
  name: string;
  dtype: TensorDtype;
  shape: number[];
  /** Bytes from the start of the data section; a multiple of RUN_FILE_ALIGN. */
  offset: number;
}

/** The metric history as the charts hold it: one row per step, `keys.length` numbers each. */
export interface MetricHistory {
  keys: string[];
  /** Row-major, rows × keys.length. */
  rows: Float64Array;
}

export interface QualityPoint {
  step: number;
  epoch: number;
  values: Record<string, number>;
}

export interface QualityHistory {
  /** Display label per quality key. */
  labels: Record<string, string>;
  points: QualityPoint[];
}

/** One sample-grid picture behind the scrubber (RGBA, width × height × 4 bytes). */
/**
 * One sample grid as RGBA bytes. The worker's `samples` event is this shape too, with the clamped
 * array canvases take (`Pixels`); a file holds plain bytes.
 */
export interface SampleFrameRecord<Pixels extends Uint8Array | Uint8ClampedArray = Uint8Array> {
  step: number;
  epoch: number;
  width: number;
  height: number;
  pixels: Pixels;
}

/** One points-view picture (the scrubber's, and the worker's `points` event): x, y pairs and D's heatmap over `extent`. */
export interface PointsFrameRecord {
  step: number;
  epoch: number;
  real: Float32Array;
  fake: Float32Array;
  /** gridSize² values in [0, 1], row 0 at extent's ymin. */
  heatmap: Float32Array;
  gridSize: number;
  extent: [number, number, number, number];
}

/** What the app needs to show a restored run as it was; every part is optional. */
export interface RunHistory {
  metrics?: MetricHistory;
  quality?: QualityHistory;
  sampleFrames?: SampleFrameRecord[];
  pointsFrames?: PointsFrameRecord[];
}

/** A twin's run B in a run file: forked from A at `forkStep`, same structural config as A. */
export interface TwinRunContents {
  snapshot: RunSnapshot;
  history?: RunHistory;
  forkStep: number;
}

export interface RunFileContents {
  snapshot: RunSnapshot;
  history?: RunHistory;
  /** Run B of a twin (format version 2); absent for a single run. */
  twin?: TwinRunContents;
  /** ISO 8601 time of saving (informative). */
  savedAt?: string;
}

export type RunFileResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The default file name: `ring8-mlp2d-step4200.ganrun`. */
export function runFileName(snapshot: Pick<RunSnapshot, 'config' | 'step'>): string {
  const safe = (s: string) => s.replace(/[^a-z0-9-]+/gi, '-');
  return `${safe(snapshot.config.dataset)}-${safe(snapshot.config.model)}-step${snapshot.step}${RUN_FILE_EXTENSION}`;
}

function megabytes(n: number): string {
  return `${(n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0)} MB`;
}

/** Checks a file's size before reading it: the message to show, or null when it may be read. */
export function runFileSizeProblem(size: number): string | null {
  if (!Number.isFinite(size) || size < 0) return 'The file size is unknown; it cannot be opened as a run file.';
  if (size === 0) return 'The file is empty (0 bytes): it is not a run file.';
  if (size > RUN_FILE_MAX_BYTES) return `The file is ${megabytes(size)}; run files over 1 GB are not opened.`;
  if (size < RUN_FILE_PREAMBLE_BYTES) return `The file is only ${size} bytes: it is not a GAN Playground run file (${RUN_FILE_EXTENSION}).`;
  return null;
}
