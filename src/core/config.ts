/**
 * The one config schema. The UI, the URL, saved runs, the worker and the CLI all speak it, and
 * `validateConfig` is the only gate: nothing unvalidated reaches TF.js.
 */

export const LOSS_IDS = ['nonsaturating', 'minimax', 'wasserstein', 'hinge', 'least-squares'] as const;
export type LossId = (typeof LOSS_IDS)[number];

export const MODEL_IDS = [
  'dcgan32',
  'dcgan32-small',
  'dcgan28',
  'dcgan28-small',
  'resize32',
  'resize32-small',
  'resize28',
  'resize28-small',
  'resize28-small-mbstd',
  'mlp2d',
  'dirac',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface TrainConfig {
  dataset: string;
  model: ModelId;
  loss: LossId;
  batchSize: number;
  latentDim: number;
  /**
   * σ of G's input noise, z ~ N(0, σ²). Larger σ multiplies what G's first layer sees: its
   * outputs start steeper and move faster per step, so G can cut sharper boundaries between
   * separated modes (fewer points stranded between them).
   */
  latentStd: number;
  lrG: number;
  lrD: number;
  beta1: number;
  beta2: number;
  l1G: number;
  l2G: number;
  l1D: number;
  l2D: number;
  dSteps: number;
  seed: number;
  /** R1 gradient penalty γ: γ/2·E‖∇ₓD(x)‖² on real data (0 = off). */
  r1Gamma: number;
  /**
   * Lazy R1 (Karras et al. 2020): the penalty is computed on every k-th D update only, at k·γ, so
   * its average pull is the same at a k-th of its cost (1 = every update).
   */
  r1Every: number;
  /** WGAN-GP λ: λ·E(‖∇D(x̂)‖ − 1)² on points between real and fake (0 = off). */
  gpLambda: number;
  /**
   * Spectral normalization of D's kernels, one power iteration per step: 1 = on, 0 = off (a
   * number, so every live value travels and validates the same way).
   */
  spectralNorm: number;
  /** One-sided label smoothing: D's target for real data is 1 − labelSmoothing. */
  labelSmoothing: number;
  /** Instance noise σ added to D's inputs, annealed linearly to 0 (0 = off). */
  instanceNoise: number;
  /** Steps over which instance noise anneals to 0, counted from when it was last set. */
  instanceNoiseSteps: number;
  /** The step at which the learning rates start to decay (see lrSchedule.ts). */
  lrDecayStart: number;
  /** Steps over which both learning rates fall linearly to 5% of their set values (0 = off). */
  lrDecaySteps: number;
  /**
   * Half-life of the averaged generator G_ema in thousands of images (StyleGAN2-ADA's ema_kimg;
   * ramped up over the first images, see train/generatorEma.ts). 0 = off: samples come from G.
   */
  emaKimg: number;
  /** 1 = the sample grid and quality measures show raw G even when G_ema is kept. */
  sampleRawG: number;
  /** DiffAugment's probability per image and transform (0 = off); see train/augment.ts. */
  augmentP: number;
  /** Which DiffAugment transforms are on (1/0): brightness, saturation and contrast; translation; cutout. */
  augmentColor: number;
  augmentTranslation: number;
  augmentCutout: number;
  /**
   * Real examples held out of D's training (the dataset's last ones, at most half of it): D's
   * output on them against the training reals shows D memorising (0 = none).
   */
  holdout: number;
  /**
   * Train on only the dataset's first `trainLimit` examples (0 = all): a small training set, so a
   * lesson can show D memorising it. The held-out slice stays the dataset's last `holdout` examples.
   */
  trainLimit: number;
  /**
   * Class-conditional training (issue 23): G gets a learned class embedding beside z, D a
   * projection head (docs/conditional.md). Only for labelled datasets (runConfig.ts checks).
   */
  conditional: boolean;
}

/** How many of `count` examples are held out of training: the last `holdout`, at most half. */
export function heldOutCount(count: number, holdout: number): number {
  return Math.min(holdout, Math.floor(count / 2));
}

/**
 * How many examples D trains on (the first ones): those not held out, at most `trainLimit` of them
 * when it is set (0 = all).
 */
export function trainingCount(count: number, holdout: number, trainLimit: number): number {
  const available = count - heldOutCount(count, holdout);
  return trainLimit > 0 ? Math.min(trainLimit, available) : available;
}

/** Fields the trainer re-reads every step: changing them never rebuilds models or optimizers. */
export const LIVE_KEYS = [
  'lrG',
  'lrD',
  'l1G',
  'l2G',
  'l1D',
  'l2D',
  'r1Gamma',
  'r1Every',
  'gpLambda',
  'spectralNorm',
  'labelSmoothing',
  'instanceNoise',
  'instanceNoiseSteps',
  'lrDecayStart',
  'lrDecaySteps',
  'emaKimg',
  'sampleRawG',
  'augmentP',
  'augmentColor',
  'augmentTranslation',
  'augmentCutout',
] as const;
/** Live fields newer than the first run files: a file without them takes them from its config (defaults). */
export const LIVE_KEYS_ADDED_LATER: readonly LiveKey[] = ['emaKimg', 'sampleRawG', 'augmentP', 'augmentColor', 'augmentTranslation', 'augmentCutout'];
export type LiveKey = (typeof LIVE_KEYS)[number];
export type LiveHyperparams = Pick<TrainConfig, LiveKey>;

interface NumberField {
  kind: 'number';
  min: number;
  max: number;
  integer?: boolean;
  /** Spans decades: sliders use a log scale; 0 is allowed below `min` when `allowZero`. */
  log?: boolean;
  allowZero?: boolean;
}
interface EnumField<T extends string> {
  kind: 'enum';
  options: readonly T[];
}
interface StringField {
  kind: 'string';
  pattern: RegExp;
}
interface BooleanField {
  kind: 'boolean';
}
export type FieldSpec = NumberField | EnumField<string> | StringField | BooleanField;

export const CONFIG_FIELDS: { [K in keyof TrainConfig]: FieldSpec } = {
  dataset: { kind: 'string', pattern: /^[a-z0-9][a-z0-9-]{0,39}$/ },
  model: { kind: 'enum', options: MODEL_IDS },
  loss: { kind: 'enum', options: LOSS_IDS },
  batchSize: { kind: 'number', min: 2, max: 512, integer: true },
  latentDim: { kind: 'number', min: 1, max: 256, integer: true },
  latentStd: { kind: 'number', min: 0.1, max: 100, log: true },
  lrG: { kind: 'number', min: 1e-6, max: 1, log: true },
  lrD: { kind: 'number', min: 1e-6, max: 1, log: true },
  beta1: { kind: 'number', min: 0, max: 0.999 },
  beta2: { kind: 'number', min: 0, max: 0.9999 },
  l1G: { kind: 'number', min: 1e-7, max: 1, log: true, allowZero: true },
  l2G: { kind: 'number', min: 1e-7, max: 1, log: true, allowZero: true },
  l1D: { kind: 'number', min: 1e-7, max: 1, log: true, allowZero: true },
  l2D: { kind: 'number', min: 1e-7, max: 1, log: true, allowZero: true },
  dSteps: { kind: 'number', min: 1, max: 10, integer: true },
  seed: { kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true },
  r1Gamma: { kind: 'number', min: 1e-3, max: 1000, log: true, allowZero: true },
  r1Every: { kind: 'number', min: 1, max: 64, integer: true },
  gpLambda: { kind: 'number', min: 1e-3, max: 100, log: true, allowZero: true },
  spectralNorm: { kind: 'number', min: 0, max: 1, integer: true },
  labelSmoothing: { kind: 'number', min: 0, max: 0.5 },
  instanceNoise: { kind: 'number', min: 1e-3, max: 2, log: true, allowZero: true },
  instanceNoiseSteps: { kind: 'number', min: 1, max: 1_000_000, integer: true },
  lrDecayStart: { kind: 'number', min: 0, max: 1_000_000, integer: true },
  lrDecaySteps: { kind: 'number', min: 1, max: 1_000_000, integer: true, log: true, allowZero: true },
  emaKimg: { kind: 'number', min: 0.01, max: 1000, log: true, allowZero: true },
  sampleRawG: { kind: 'number', min: 0, max: 1, integer: true },
  augmentP: { kind: 'number', min: 0, max: 1 },
  augmentColor: { kind: 'number', min: 0, max: 1, integer: true },
  augmentTranslation: { kind: 'number', min: 0, max: 1, integer: true },
  augmentCutout: { kind: 'number', min: 0, max: 1, integer: true },
  holdout: { kind: 'number', min: 0, max: 100_000, integer: true },
  trainLimit: { kind: 'number', min: 1, max: 100_000, integer: true, allowZero: true },
  conditional: { kind: 'boolean' },
};

export const DEFAULT_CONFIG: TrainConfig = {
  dataset: 'ring8',
  model: 'mlp2d',
  loss: 'nonsaturating',
  batchSize: 128,
  latentDim: 8,
  latentStd: 1,
  lrG: 1e-3,
  lrD: 1e-3,
  beta1: 0.5,
  beta2: 0.999,
  l1G: 0,
  l2G: 0,
  l1D: 0,
  l2D: 0,
  dSteps: 1,
  seed: 1,
  r1Gamma: 0,
  r1Every: 1,
  gpLambda: 0,
  spectralNorm: 0,
  labelSmoothing: 0,
  instanceNoise: 0,
  instanceNoiseSteps: 2000,
  lrDecayStart: 0,
  lrDecaySteps: 0,
  emaKimg: 0,
  sampleRawG: 0,
  augmentP: 0,
  augmentColor: 1,
  augmentTranslation: 1,
  augmentCutout: 1,
  holdout: 0,
  trainLimit: 0,
  conditional: false,
};

/**
 * Every penalty and regularizer off: the bench's configs (its plain TF.js loop has none, so both
 * sides do the same work) and the step probe's bench case.
 */
export const PENALTIES_OFF = {
  l1G: 0,
  l2G: 0,
  l1D: 0,
  l2D: 0,
  r1Gamma: 0,
  gpLambda: 0,
  spectralNorm: 0,
  labelSmoothing: 0,
  instanceNoise: 0,
} as const satisfies Partial<TrainConfig>;

export interface FieldError {
  field: string;
  /** The English (the CLI's, the logs'). */
  message: string;
  /** What was wrong, as data, for a page that words it in its own language (docs/i18n.md). */
  problem?: FieldProblem;
}

export type FieldProblem =
  /** The field's own check (`describeRange` of its spec) failed; `got` is the value as JSON. */
  | { kind: 'range'; got: string }
  | { kind: 'unknown' }
  /** Only the live fields may change while training. */
  | { kind: 'notLive'; live: string }
  /** The whole input (`(config)`, `(hyperparams)`) was not an object. */
  | { kind: 'notObject' }
  /** runConfig.ts: no dataset has this id (`got` as JSON). */
  | { kind: 'unknownDataset'; got: string }
  /** runConfig.ts: the model's output shape is not the dataset's; `fitting` lists the models that fit. */
  | { kind: 'modelMismatch'; model: string; makes: string; dataset: string; shape: string; fitting: string }
  /** runConfig.ts: a conditional run on a dataset without labels; `labelled` lists those with them. */
  | { kind: 'noLabels'; dataset: string; labelled: string }
  /** runConfig.ts: a conditional run on uploaded images that came without class folders. */
  | { kind: 'noUploadLabels' };

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function formatNumber(x: number): string {
  return Math.abs(x) !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6) ? x.toExponential(0) : String(x);
}

export function describeRange(spec: FieldSpec): string {
  if (spec.kind === 'number') {
    const range = `[${formatNumber(spec.min)}, ${formatNumber(spec.max)}]`;
    return (spec.allowZero ? `0 or in ${range}` : `in ${range}`) + (spec.integer ? ' (an integer)' : '');
  }
  if (spec.kind === 'enum') return `one of ${spec.options.join(', ')}`;
  if (spec.kind === 'boolean') return 'true or false';
  return `matching ${spec.pattern}`;
}

export function checkField(field: keyof TrainConfig, value: unknown): FieldError | null {
  const spec = CONFIG_FIELDS[field];
  const got = `${JSON.stringify(value)}`;
  const fail = (): FieldError => ({ field, message: `${field} must be ${describeRange(spec)}; got ${got}`, problem: { kind: 'range', got } });
  if (spec.kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail();
    if (spec.integer && !Number.isInteger(value)) return fail();
    if (spec.allowZero && value === 0) return null;
    if (value < spec.min || value > spec.max) return fail();
    return null;
  }
  if (spec.kind === 'enum') return typeof value === 'string' && spec.options.includes(value) ? null : fail();
  if (spec.kind === 'boolean') return typeof value === 'boolean' ? null : fail();
  return typeof value === 'string' && spec.pattern.test(value) ? null : fail();
}

/**
 * A field's value from text (a CLI flag, a link parameter): numbers and booleans parsed, anything
 * that does not parse left as the text, so validation names the field and the value.
 */
export function fieldFromText(field: keyof TrainConfig, text: string): unknown {
  const spec = CONFIG_FIELDS[field];
  const t = text.trim();
  if (spec.kind === 'number') return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
  if (spec.kind === 'boolean') return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : text;
  return text;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Validates a partial config laid over `base` (defaults). Unknown fields are errors, so a typo in
 * a CLI flag or config file is reported rather than silently ignored.
 */
export function validateConfig(input: unknown, base: TrainConfig = DEFAULT_CONFIG): Validation<TrainConfig> {
  if (!isRecord(input)) return { ok: false, errors: [{ field: '(config)', message: 'config must be an object', problem: { kind: 'notObject' } }] };
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!(key in CONFIG_FIELDS)) errors.push({ field: key, message: `unknown config field "${key}"`, problem: { kind: 'unknown' } });
  }
  const merged = { ...base } as Record<string, unknown>;
  for (const key of Object.keys(CONFIG_FIELDS) as (keyof TrainConfig)[]) {
    if (key in input) merged[key] = input[key];
    const err = checkField(key, merged[key]);
    if (err) errors.push(err);
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: merged as unknown as TrainConfig };
}

/** Validates only the live hyperparameters (what `setHyperparams` may change mid-run). */
export function validateLiveHyperparams(input: unknown): Validation<Partial<LiveHyperparams>> {
  if (!isRecord(input)) return { ok: false, errors: [{ field: '(hyperparams)', message: 'hyperparams must be an object', problem: { kind: 'notObject' } }] };
  const errors: FieldError[] = [];
  const out: Partial<LiveHyperparams> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(LIVE_KEYS as readonly string[]).includes(key)) {
      const live = LIVE_KEYS.join(', ');
      errors.push({ field: key, message: `${key} cannot change while training (live fields: ${live})`, problem: { kind: 'notLive', live } });
      continue;
    }
    const err = checkField(key as LiveKey, value);
    if (err) errors.push(err);
    else out[key as LiveKey] = value as number;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

export function formatErrors(errors: FieldError[]): string {
  return errors.map((e) => e.message).join('; ');
}
