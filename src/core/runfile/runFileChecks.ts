/**
 * What a run file's header must hold, and which tensors (names, dtypes, shapes) this build's model
 * and dataset need: every field of a file is checked here before anything is built from it.
 */
import {
  LIVE_KEYS,
  LIVE_KEYS_ADDED_LATER,
  MODEL_IDS,
  formatErrors,
  trainingCount,
  validateConfig,
  validateLiveHyperparams,
  type LiveHyperparams,
  type TrainConfig,
} from '../config';
import { DRAWN_ID, DRAWN_MAX_POINTS, DRAWN_MIN_POINTS, drawnCopies } from '../data/drawnPoints';
import { getDatasetSource } from '../data/registry';
import { ARCHITECTURES, inferLayers } from '../models/specs';
import { runSpecs } from '../models/conditionalSpecs';
import { conditionalClasses } from '../runConfig';
import type { RandomState } from '../random';
import { DTYPE_BYTES, RUN_FILE_ALIGN, RUN_FILE_MAX_BYTES, type QualityHistory, type RunFileResult, type TensorDtype, type TensorEntry } from './runFileFormat';

/** The 8×8 sample grid's latent batch (trainer.ts's SAMPLE_GRID_SIDE², kept TF-free here). */
export const FIXED_NOISE_COUNT = 64;
const UPLOAD_ID = 'upload';
const MAX_TENSORS = 100_000;
const MAX_COUNTER = 1e12;

export interface RunCounters {
  step: number;
  epoch: number;
  cursor: number;
  dUpdates: number;
  noiseStartStep: number;
  lastR1: number | null;
  optGT: number;
  optDT: number;
}

export interface RunHeader {
  format: 'gan-playground-run';
  savedAt: string;
  config: TrainConfig;
  live: LiveHyperparams;
  counters: RunCounters;
  rng: RandomState;
  /** Bytes in the data section. */
  dataBytes: number;
  tensors: TensorEntry[];
  history?: {
    metrics?: { keys: string[] };
    quality?: QualityHistory;
    sampleFrames?: { step: number; epoch: number; width: number; height: number }[];
    pointsFrames?: { step: number; epoch: number; gridSize: number; extent: [number, number, number, number] }[];
  };
  /** Run B of a twin (version 2): its own live values, counters, stream and history; tensors `B/…`. */
  twin?: TwinHeader;
}

export interface TwinHeader {
  forkStep: number;
  live: LiveHyperparams;
  counters: RunCounters;
  rng: RandomState;
  history?: RunHeader['history'];
}

type Fail = { ok: false; message: string };
const damaged = (why: string): Fail => ({ ok: false, message: `The run file is damaged: ${why}.` });
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown, max = MAX_COUNTER): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** [2] for point sets (a drawing included), the registry's shape otherwise; null when unknown. */
function datasetShape(id: string): number[] | null {
  if (id === DRAWN_ID) return [2];
  return getDatasetSource(id)?.info.shape ?? null;
}

/** A conditional run's class count on this dataset (0: none; a drawing has none). */
function datasetClasses(id: string): number {
  const info = id === DRAWN_ID ? undefined : getDatasetSource(id)?.info;
  return info ? conditionalClasses(info) : 0;
}

function configProblem(raw: unknown): RunFileResult<TrainConfig> {
  if (!isRecord(raw)) return damaged('it holds no config');
  if (typeof raw.model === 'string' && !(MODEL_IDS as readonly string[]).includes(raw.model)) {
    return { ok: false, message: `This run uses the model "${raw.model}", which this build of GAN Playground does not have.` };
  }
  if (raw.dataset === UPLOAD_ID) return { ok: false, message: 'This run trained on uploaded images, which run files do not hold; it cannot be opened.' };
  if (typeof raw.dataset === 'string' && datasetShape(raw.dataset) === null) {
    return { ok: false, message: `This run trained on the dataset "${raw.dataset}", which this build of GAN Playground does not have.` };
  }
  const v = validateConfig(raw);
  if (!v.ok) return { ok: false, message: `The run file's settings are invalid: ${formatErrors(v.errors)}.` };
  const shape = datasetShape(v.value.dataset)!;
  const arch = ARCHITECTURES[v.value.model];
  if (arch.dataShape.join('x') !== shape.join('x'))
    return damaged(`its model ${v.value.model} makes [${arch.dataShape.join(', ')}] but its dataset ${v.value.dataset} is [${shape.join(', ')}]`);
  if (v.value.conditional && datasetClasses(v.value.dataset) === 0) return damaged(`it is conditional but its dataset ${v.value.dataset} has no labels`);
  return v;
}

function tensorProblem(t: unknown, dataBytes: number, seen: Set<string>): string | null {
  if (!isRecord(t) || typeof t.name !== 'string' || t.name.length === 0 || t.name.length > 200) return 'a tensor entry has no valid name';
  if (seen.has(t.name)) return `the tensor ${t.name} is listed twice`;
  seen.add(t.name);
  if (typeof t.dtype !== 'string' || !(t.dtype in DTYPE_BYTES)) return `${t.name} has an unknown type ${JSON.stringify(t.dtype)}`;
  if (!Array.isArray(t.shape) || t.shape.length > 8 || !t.shape.every((d) => isCount(d, RUN_FILE_MAX_BYTES))) return `${t.name} has an invalid shape`;
  const bytes = (t.shape as number[]).reduce((a, b) => a * b, 1) * DTYPE_BYTES[t.dtype as TensorDtype];
  if (!isCount(t.offset, RUN_FILE_MAX_BYTES) || t.offset % RUN_FILE_ALIGN !== 0 || t.offset + bytes > dataBytes)
    return `the tensor ${t.name} lies outside the file's data (offset ${JSON.stringify(t.offset)}, ${bytes} bytes)`;
  return null;
}

function historyProblem(h: unknown): string | null {
  if (h === undefined) return null;
  if (!isRecord(h)) return 'its history is not an object';
  if (
    h.metrics !== undefined &&
    !(
      isRecord(h.metrics) &&
      Array.isArray(h.metrics.keys) &&
      h.metrics.keys.length > 0 &&
      h.metrics.keys.length <= 256 &&
      h.metrics.keys.every((k) => typeof k === 'string')
    )
  )
    return 'its metric history has no valid keys';
  if (h.quality !== undefined) {
    const q = h.quality;
    if (!isRecord(q) || !isRecord(q.labels) || !Object.values(q.labels).every((l) => typeof l === 'string') || !Array.isArray(q.points))
      return 'its quality history is invalid';
    const good = q.points.every(
      (p) => isRecord(p) && isCount(p.step) && isCount(p.epoch) && isRecord(p.values) && Object.values(p.values).every((v) => typeof v === 'number'),
    );
    if (!good) return 'its quality history is invalid';
  }
  const frames = (x: unknown, ok: (f: Record<string, unknown>) => boolean) =>
    x === undefined || (Array.isArray(x) && x.every((f) => isRecord(f) && isCount(f.step) && isCount(f.epoch) && ok(f)));
  if (!frames(h.sampleFrames, (f) => isCount(f.width, 8192) && isCount(f.height, 8192))) return 'its sample frames are invalid';
  const pointsOk = (f: Record<string, unknown>) =>
    isCount(f.gridSize, 4096) && Array.isArray(f.extent) && f.extent.length === 4 && f.extent.every(isFiniteNumber);
  if (!frames(h.pointsFrames, pointsOk)) return 'its points frames are invalid';
  return null;
}

/** Checks every header field; the typed header, or the message for the user. */
export function headerProblem(raw: unknown): RunFileResult<RunHeader> {
  if (!isRecord(raw) || raw.format !== 'gan-playground-run') return damaged('its header does not describe a run');
  const config = configProblem(raw.config);
  if (!config.ok) return config;
  const later = new Set<string>(LIVE_KEYS_ADDED_LATER);
  if (!isRecord(raw.live) || LIVE_KEYS.some((k) => !later.has(k) && !(k in (raw.live as object)))) return damaged('its live values are incomplete');
  const live = validateLiveHyperparams({ ...Object.fromEntries(LIVE_KEYS_ADDED_LATER.map((k) => [k, config.value[k]])), ...raw.live });
  if (!live.ok) return { ok: false, message: `The run file's live values are invalid: ${formatErrors(live.errors)}.` };
  const c = raw.counters;
  if (!isRecord(c)) return damaged('it holds no counters');
  for (const k of ['step', 'epoch', 'cursor', 'dUpdates', 'noiseStartStep', 'optGT', 'optDT'] as const) {
    if (!isCount(c[k])) return damaged(`its ${k} counter is ${JSON.stringify(c[k])}`);
  }
  if (c.lastR1 !== null && !isFiniteNumber(c.lastR1)) return damaged('its last R1 value is not a number');
  const rng = raw.rng;
  if (!isRecord(rng) || !isCount(rng.state, 2 ** 32 - 1) || !(rng.spareNormal === null || isFiniteNumber(rng.spareNormal)))
    return damaged('its random generator state is invalid');
  if (!isCount(raw.dataBytes, RUN_FILE_MAX_BYTES)) return damaged(`it declares ${JSON.stringify(raw.dataBytes)} bytes of tensors`);
  if (!Array.isArray(raw.tensors) || raw.tensors.length > MAX_TENSORS) return damaged('its tensor directory is invalid');
  const seen = new Set<string>();
  for (const t of raw.tensors) {
    const why = tensorProblem(t, raw.dataBytes, seen);
    if (why) return damaged(why);
  }
  const hp = historyProblem(raw.history);
  if (hp) return damaged(hp);
  if (typeof raw.savedAt !== 'string') return damaged('it has no saving time');
  return { ok: true, value: { ...(raw as unknown as RunHeader), config: config.value, live: live.value as LiveHyperparams } };
}

export interface ExpectedTensor {
  name: string;
  dtype: TensorDtype;
  /** Exact shape; when absent, `shapeProblem` judges it. */
  shape?: number[];
  shapeProblem?: (shape: number[]) => string | null;
  /** The start of the shape-mismatch message ("The saved G weights do not match mlp2d"). */
  what: string;
  /** NaN/Inf refused. */
  finite: boolean;
  check?: (data: ArrayLike<number>) => string | null;
  /** The message when the file lacks it. */
  missing?: string;
  /**
   * A tensor of a group newer files hold (e.g. `gEma/`): a file may lack the whole group; one that
   * holds part of it must hold all of it.
   */
  optional?: string;
}

/** Every tensor the header's model and dataset need, in the order to read them. */
export function expectedTensors(h: RunHeader): RunFileResult<ExpectedTensor[]> {
  const { config, counters } = h;
  const arch = ARCHITECTURES[config.model];
  const specs = runSpecs(config, config.conditional ? datasetClasses(config.dataset) : 0);
  const g = inferLayers(specs.generator, [config.latentDim]).flatMap((l) => l.params);
  const d = inferLayers(specs.discriminator, arch.dataShape).flatMap((l) => l.params);
  const out: ExpectedTensor[] = [];
  const weights = (prefix: string, who: string, params: typeof g) =>
    params.forEach((p) =>
      out.push({ name: `${prefix}/${p.name}`, dtype: 'float32', shape: p.shape, what: `The saved ${who} weights do not match ${config.model}`, finite: true }),
    );
  const moments = (prefix: string, who: string, params: typeof g) => {
    for (const key of ['m', 'v']) {
      const nonNegative = (data: ArrayLike<number>) =>
        key === 'v' && Array.prototype.some.call(data, (x: number) => x < 0)
          ? `The run file is damaged: ${who}'s optimizer holds a negative second moment.`
          : null;
      params.forEach((p) =>
        out.push({
          name: `${prefix}.${key}/${p.name}`,
          dtype: 'float32',
          shape: p.shape,
          what: `The saved ${who} optimizer state does not match ${config.model}`,
          finite: true,
          check: nonNegative,
        }),
      );
    }
  };
  weights('g', 'G', g);
  weights('d', 'D', d);
  // The averaged generator: absent from files saved before it existed (it then starts from G).
  g.forEach((p) =>
    out.push({
      name: `gEma/${p.name}`,
      dtype: 'float32',
      shape: p.shape,
      what: `The saved averaged G weights do not match ${config.model}`,
      finite: true,
      optional: 'gEma/',
    }),
  );
  moments('optG', 'G', g);
  moments('optD', 'D', d);
  for (const p of d.filter((p) => p.penalized)) {
    const outDim = p.shape[p.shape.length - 1];
    const inDim = p.shape.reduce((a, b) => a * b, 1) / outDim;
    out.push({ name: `sn/${p.name}/u`, dtype: 'float32', shape: [outDim], what: `The saved spectral-norm state does not match ${config.model}`, finite: true });
    out.push({ name: `sn/${p.name}/v`, dtype: 'float32', shape: [inDim], what: `The saved spectral-norm state does not match ${config.model}`, finite: true });
  }
  out.push({
    name: 'fixedNoise',
    dtype: 'float32',
    shape: [FIXED_NOISE_COUNT, config.latentDim],
    what: `The saved sample noise does not match latentDim ${config.latentDim}`,
    finite: true,
  });
  let count = getDatasetSource(config.dataset)?.info.count ?? 0;
  if (config.dataset === DRAWN_ID) {
    const entry = h.tensors.find((t) => t.name === 'drawnPoints');
    const n = entry?.shape[0] ?? 0;
    count = n * drawnCopies(Math.max(1, n));
    out.push({
      name: 'drawnPoints',
      dtype: 'float32',
      what: 'The saved drawing is damaged',
      finite: true,
      missing: 'This run is on a drawing, but the file does not hold the drawn points.',
      shapeProblem: (s) =>
        s.length === 2 && s[1] === 2 && s[0] >= DRAWN_MIN_POINTS && s[0] <= DRAWN_MAX_POINTS
          ? null
          : `The run file is damaged: its drawing holds [${s.join(', ')}] values.`,
    });
  }
  count = trainingCount(count, config.holdout, config.trainLimit);
  const permutation = (data: ArrayLike<number>) => {
    const seen = new Uint8Array(count);
    for (let i = 0; i < data.length; i++) {
      const k = data[i];
      if (!(k >= 0 && k < count) || seen[k]) return 'The run file is damaged: its data order is not a permutation of the dataset.';
      seen[k] = 1;
    }
    return counters.cursor <= count ? null : `The run file is damaged: its data cursor ${counters.cursor} is past the dataset's ${count} examples.`;
  };
  out.push({ name: 'order', dtype: 'int32', shape: [count], what: `The saved data order does not match ${config.dataset}`, finite: false, check: permutation });
  const hist = h.history;
  if (hist?.metrics) {
    const width = hist.metrics.keys.length;
    out.push({
      name: 'history/metrics',
      dtype: 'float64',
      what: 'The metric history is damaged',
      finite: false,
      shapeProblem: (s) => (s.length === 2 && s[1] === width ? null : 'The run file is damaged: its metric history has the wrong width.'),
    });
  }
  hist?.sampleFrames?.forEach((f, i) =>
    out.push({ name: `history/samples/${i}`, dtype: 'uint8', shape: [f.height, f.width, 4], what: 'A saved sample frame is damaged', finite: false }),
  );
  const pairs = (s: number[]) => (s.length === 2 && s[1] === 2 ? null : 'The run file is damaged: a points frame is not x, y pairs.');
  hist?.pointsFrames?.forEach((f, i) => {
    out.push({ name: `history/points/${i}/real`, dtype: 'float32', what: 'A saved points frame is damaged', finite: false, shapeProblem: pairs });
    out.push({ name: `history/points/${i}/fake`, dtype: 'float32', what: 'A saved points frame is damaged', finite: false, shapeProblem: pairs });
    out.push({
      name: `history/points/${i}/heatmap`,
      dtype: 'float32',
      shape: [f.gridSize, f.gridSize],
      what: 'A saved points frame is damaged',
      finite: false,
    });
  });
  return { ok: true, value: out };
}
