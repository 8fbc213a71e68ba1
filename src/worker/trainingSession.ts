/**
 * Turns protocol commands into core calls and core results into protocol events. It knows nothing
 * of `self` or `postMessage`: the worker file wires it up, and tests drive it in Node.
 */
import type { BackendChoice, TrainConfig } from '../core/config';
import { formatErrors, validateLiveHyperparams } from '../core/config';
import type { Dataset, DatasetSource, LoadContext } from '../core/data/types';
import { METRIC_KEYS, packMetrics, type StepMetrics } from '../core/metrics/stepMetrics';
import { summarizeModel, modelsForShape } from '../core/models/specs';
import { resolveConfig } from '../core/runConfig';
import { imageGridRGBA } from '../core/sampleGrid';
import { SAMPLE_GRID_SIDE, Trainer } from '../core/trainer';
import type { BackendReport, Command, ErrorCode, ErrorSource, WorkerEvent } from './protocol';
import { parseCommand, transferablesOf } from './protocol';
import { buildUploadSource, type ImageDecoder } from './imageUploads';
import { makeDrawnPointsSource } from '../core/data/drawnPoints';
import { createQualityEvaluator, type QualityEvaluator } from '../core/metrics/qualityEvaluator';
import { weightStats } from '../core/metrics/weightStats';

export interface SessionDeps {
  post(event: WorkerEvent, transfer: Transferable[]): void;
  selectBackend(requested: BackendChoice): Promise<BackendReport>;
  datasets: DatasetSource[];
  readAsset: LoadContext['readAsset'];
  /** Decodes an uploaded image file's bytes to RGBA. */
  decodeImage: ImageDecoder;
  /** Lets queued messages (pause, slider moves) in between training slices. */
  yieldToEvents(): Promise<void>;
  now(): number;
}

/** How often metrics are posted while training, whatever the step rate. */
export const METRICS_INTERVAL_MS = 100;
/** How often 2-D points and D's heatmap are redrawn while training. */
export const POINTS_INTERVAL_MS = 250;
/** Shortest gap between two sample grids, for datasets so small that every step ends an epoch. */
export const MIN_PICTURE_INTERVAL_MS = 500;
/** Shortest gap between two quality evaluations (each generates and scores a full sample). */
export const QUALITY_INTERVAL_MS = { points: 1000, image: 3000 };
/** How often the weights view is refreshed while training (a read-back of every kernel). */
export const WEIGHTS_INTERVAL_MS = 1000;
/** Training time between checkpoints that a NaN rolls back to. */
export const CHECKPOINT_INTERVAL_MS = 5_000;
/** A training slice's length before queued messages get a turn. */
const SLICE_MS = 30;
/** Steps queued on a GPU before their metrics must be read back. */
const MAX_PENDING_STEPS = 64;
const POINTS_SHOWN = 1000;
/** Real examples in a dataset preview: a 4×4 grid, or this many points. */
const PREVIEW_SIDE = 4;
const PREVIEW_POINTS = 500;
const HEATMAP_SIZE = 48;

export interface TrainingSession {
  handle(message: unknown): Promise<void>;
  /** Resolves when the training loop (if any) has stopped. */
  idle(): Promise<void>;
}

export function createTrainingSession(deps: SessionDeps): TrainingSession {
  let backend: BackendReport | null = null;
  let trainer: Trainer | null = null;
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let elapsedMs = 0;
  let lastCheckpointMs = 0;
  let rate = { images: 0, steps: 0 };
  let pointsView: { real: Float32Array; extent: [number, number, number, number] } | null = null;
  const loaded = new Map<string, Dataset>();
  let quality: QualityEvaluator | null = null;
  // The user's drawing and uploaded images join the built-in datasets while the worker lives.
  const custom = new Map<string, DatasetSource>();
  const sources = () => [...deps.datasets, ...custom.values()];
  // Commands run one at a time, in order: a reset never interleaves with a step.
  let queue: Promise<void> = Promise.resolve();

  const post = (ev: WorkerEvent) => deps.post(ev, transferablesOf(ev));
  const fail = (source: ErrorSource, code: ErrorCode, message: string, fieldErrors?: { field: string; message: string }[]) =>
    post({ type: 'error', code, source, message, ...(fieldErrors ? { fieldErrors } : {}) });
  const infoOf = (id: string) => sources().find((d) => d.info.id === id)?.info;
  const postState = () => post({ type: 'state', running, step: trainer?.step ?? 0, epoch: trainer?.epoch ?? 0 });

  async function loadDataset(config: TrainConfig): Promise<Dataset> {
    const key = `${config.dataset}#${config.seed}`;
    const cached = loaded.get(key);
    if (cached) return cached;
    const source = sources().find((d) => d.info.id === config.dataset);
    if (!source) throw new Error(`unknown dataset ${config.dataset}`);
    post({ type: 'progress', stage: 'dataset', message: `Loading ${source.info.name}…` });
    const dataset = await source.load({ seed: config.seed, readAsset: deps.readAsset });
    loaded.clear();
    loaded.set(key, dataset);
    return dataset;
  }

  async function buildRun(source: ErrorSource, input: Partial<TrainConfig>, current?: TrainConfig): Promise<void> {
    const resolved = resolveConfig(input, infoOf, current, backend?.hardwareGpu ?? false);
    if (!resolved.ok) {
      fail(source, 'bad-config', formatErrors(resolved.errors), resolved.errors);
      return;
    }
    let dataset: Dataset;
    try {
      dataset = await loadDataset(resolved.value);
    } catch (e) {
      fail(source, 'dataset-failed', `Could not load dataset ${resolved.value.dataset}: ${(e as Error).message}`);
      return;
    }
    // Build the new run before dropping the old one, so a failure keeps what was trained.
    let next: Trainer;
    try {
      next = new Trainer(resolved.value, dataset);
    } catch (e) {
      fail(source, 'internal', `Could not build the models: ${(e as Error).message}`);
      return;
    }
    trainer?.dispose();
    trainer = next;
    quality?.dispose();
    quality = null;
    elapsedMs = 0;
    lastCheckpointMs = 0;
    rate = { images: 0, steps: 0 };
    pointsView = dataset.dim === 2 ? realPoints(dataset) : null;
    post({
      type: 'ready',
      backend: backend as BackendReport,
      config: { ...next.config, ...next.hyperparams },
      model: next.summary,
      dataset: dataset.info,
      datasets: sources().map((d) => d.info),
      models: modelsForShape(dataset.info.shape).map((id) => summarizeModel(id, next.config.latentDim, next.config.dSteps)),
    });
    post({ type: 'hyperparams', applied: next.hyperparams, step: next.step });
    postState();
    await postPictures(next);
    await postWeights(next);
    try {
      const evaluator = await createQualityEvaluator(dataset, { seed: next.config.seed, readAsset: deps.readAsset });
      if (trainer === next) quality = evaluator;
      else evaluator?.dispose();
    } catch (e) {
      post({ type: 'progress', stage: 'quality', message: `Quality measures are off for this run: ${(e as Error).message}` });
    }
    await postQuality(next);
  }

  async function postQuality(t: Trainer): Promise<void> {
    const evaluator = quality;
    if (!evaluator || t !== trainer) return;
    const values = await evaluator.evaluate(t);
    if (t === trainer) post({ type: 'quality', step: t.step, epoch: t.epoch, values, labels: evaluator.labels });
  }

  async function postWeights(t: Trainer): Promise<void> {
    const { generator, discriminator } = await t.kernels();
    if (t === trainer) post({ type: 'weights', step: t.step, generator: weightStats(generator), discriminator: weightStats(discriminator) });
  }

  async function postMetrics(t: Trainer, rows: StepMetrics[], windowMs: number): Promise<boolean> {
    if (rows.length === 0) return true;
    if (windowMs > 0) {
      // Smoothed so the number reads calmly at 10 updates per second.
      const steps = (rows.length * 1000) / windowMs;
      const a = rate.steps === 0 ? 1 : 0.3;
      rate = { steps: rate.steps + a * (steps - rate.steps), images: 0 };
      rate.images = rate.steps * t.config.batchSize;
    }
    post({ type: 'metrics', keys: [...METRIC_KEYS], data: packMetrics(rows), imagesPerSec: rate.images, stepsPerSec: rate.steps, elapsedMs });
    const bad = rows.find((r) => !Number.isFinite(r.dLoss) || !Number.isFinite(r.gLoss));
    if (!bad) return true;
    running = false;
    const restored = t.restoreCheckpoint();
    fail(
      'training',
      'nan-loss',
      `The losses became ${bad.dLoss} / ${bad.gLoss} at step ${bad.step}: training diverged and is paused. ` +
        (restored ? `Weights were rolled back to step ${t.step}. ` : 'Press Reset to start over. ') +
        'Lower the learning rates or the penalties, then press Start.',
    );
    postState();
    await postPictures(t);
    return false;
  }

  async function postPictures(t: Trainer): Promise<void> {
    // The Dirac-GAN's picture is its (θ, ψ) path, which the step metrics already carry.
    if (t.dataset.dim === 1) return;
    if (t.dataset.dim === 2) {
      if (!pointsView) return;
      const fake = await t.generate(POINTS_SHOWN, t.config.seed + 1);
      const heatmap = await t.discriminatorMap(pointsView.extent, HEATMAP_SIZE);
      if (t !== trainer) return;
      post({ type: 'points', step: t.step, epoch: t.epoch, real: pointsView.real.slice(), fake, heatmap, gridSize: HEATMAP_SIZE, extent: pointsView.extent });
      return;
    }
    const images = await t.fixedSamples();
    if (t !== trainer) return;
    const grid = imageGridRGBA(images, t.dataset.info.shape, SAMPLE_GRID_SIDE);
    post({ type: 'samples', step: t.step, epoch: t.epoch, ...grid });
  }

  async function runLoop(t: Trainer): Promise<void> {
    let windowStart = deps.now();
    let lastPictures = -Infinity;
    let missedEpochPicture = false;
    let lastQuality = deps.now();
    let missedEpochQuality = false;
    let lastWeights = deps.now();
    while (running && trainer === t) {
      const sliceStart = deps.now();
      let epochEnded = false;
      do {
        epochEnded = t.trainStep().epochEnded || epochEnded;
      } while (deps.now() - sliceStart < SLICE_MS && t.pendingCount < MAX_PENDING_STEPS && !epochEnded);
      const now = deps.now();
      if (now - windowStart >= METRICS_INTERVAL_MS || epochEnded || t.pendingCount >= MAX_PENDING_STEPS) {
        const rows = await t.flushMetrics();
        const end = deps.now();
        elapsedMs += end - windowStart;
        const finite = await postMetrics(t, rows, end - windowStart);
        windowStart = deps.now();
        if (!finite) break;
        if (elapsedMs - lastCheckpointMs >= CHECKPOINT_INTERVAL_MS || t.checkpointStep === null) {
          t.saveCheckpoint();
          lastCheckpointMs = elapsedMs;
        }
      }
      // Every epoch end gets a picture, but a tiny dataset (an epoch per step) not more than a few per second.
      missedEpochPicture ||= epochEnded;
      const interval = t.dataset.dim === 2 ? POINTS_INTERVAL_MS : MIN_PICTURE_INTERVAL_MS;
      if ((missedEpochPicture || t.dataset.dim === 2) && deps.now() - lastPictures >= interval) {
        await postPictures(t);
        lastPictures = deps.now();
        missedEpochPicture = false;
      }
      // Measuring is not training: its time is left out of the images/s window.
      const measureStart = deps.now();
      missedEpochQuality ||= epochEnded;
      if (missedEpochQuality && measureStart - lastQuality >= QUALITY_INTERVAL_MS[t.dataset.dim === 2 ? 'points' : 'image']) {
        await postQuality(t);
        lastQuality = deps.now();
        missedEpochQuality = false;
      }
      if (deps.now() - lastWeights >= WEIGHTS_INTERVAL_MS) {
        await postWeights(t);
        lastWeights = deps.now();
      }
      windowStart += deps.now() - measureStart;
      await deps.yieldToEvents();
    }
    if (trainer === t) {
      const start = deps.now();
      const rows = await t.flushMetrics();
      elapsedMs += deps.now() - start;
      await postMetrics(t, rows, 0);
    }
  }

  async function stopLoop(): Promise<void> {
    running = false;
    await loop;
  }

  async function runSteps(t: Trainer, count: number): Promise<void> {
    const start = deps.now();
    for (let i = 0; i < count && trainer === t; i++) {
      t.trainStep();
      if (t.pendingCount >= MAX_PENDING_STEPS) {
        const ok = await postMetrics(t, await t.flushMetrics(), 0);
        if (!ok) return;
      }
    }
    const rows = await t.flushMetrics();
    elapsedMs += deps.now() - start;
    if (!(await postMetrics(t, rows, 0))) return;
    t.saveCheckpoint();
    postState();
    await postPictures(t);
    await postWeights(t);
  }

  async function previewDataset(id: string): Promise<void> {
    const source = sources().find((d) => d.info.id === id);
    if (!source) {
      fail('previewDataset', 'bad-message', `previewDataset: unknown dataset "${id}"`);
      return;
    }
    let dataset: Dataset;
    try {
      dataset = await source.load({ seed: 1, readAsset: deps.readAsset });
    } catch (e) {
      fail('previewDataset', 'dataset-failed', `Could not load dataset ${id}: ${(e as Error).message}`);
      return;
    }
    // 1-D sets (the Dirac-GAN) have no picture of their own: the info says it all.
    if (dataset.info.kind === 'points' && dataset.dim !== 2) {
      post({ type: 'datasetPreview', id, info: dataset.info });
      return;
    }
    if (dataset.dim === 2) {
      const n = Math.min(PREVIEW_POINTS, dataset.count);
      const points = new Float32Array(n * 2);
      dataset.readBatch(spread(n, dataset.count), points);
      post({ type: 'datasetPreview', id, info: dataset.info, points });
      return;
    }
    const n = Math.min(PREVIEW_SIDE * PREVIEW_SIDE, dataset.count);
    const images = new Float32Array(n * dataset.dim);
    dataset.readBatch(spread(n, dataset.count), images);
    post({ type: 'datasetPreview', id, info: dataset.info, image: imageGridRGBA(images, dataset.info.shape, PREVIEW_SIDE) });
  }

  async function useDrawnPoints(points: Float32Array): Promise<void> {
    let source: DatasetSource;
    try {
      source = makeDrawnPointsSource(points);
    } catch (e) {
      fail('useDrawnPoints', 'bad-config', `Your drawing cannot be used: ${(e as Error).message}`);
      return;
    }
    custom.set(source.info.id, source);
    for (const key of [...loaded.keys()]) if (key.startsWith(`${source.info.id}#`)) loaded.delete(key);
    await stopLoop();
    await buildRun('useDrawnPoints', { dataset: source.info.id }, trainer ? { ...trainer.config, ...trainer.hyperparams } : undefined);
  }

  async function uploadImages(cmd: Extract<Command, { type: 'uploadImages' }>): Promise<void> {
    post({ type: 'progress', stage: 'upload', message: `Reading ${cmd.files.length} files…`, fraction: 0 });
    const outcome = await buildUploadSource(cmd.files, cmd.target, deps.decodeImage, {
      invert: cmd.invert,
      onProgress: (done, total) => {
        if (done % 25 === 0 || done === total) post({ type: 'progress', stage: 'upload', message: `Decoded ${done} of ${total} files…`, fraction: done / total });
      },
    });
    if (outcome.source) {
      custom.set(outcome.source.info.id, outcome.source);
      for (const key of [...loaded.keys()]) if (key.startsWith(`${outcome.source.info.id}#`)) loaded.delete(key);
    }
    post({ type: 'uploadResult', dataset: outcome.source?.info ?? null, accepted: outcome.accepted, skipped: outcome.skipped, capped: outcome.capped });
    if (!outcome.source) fail('uploadImages', 'bad-upload', cmd.files.length === 0 ? 'No files were given.' : `None of the ${cmd.files.length} files could be used as an image.`);
  }

  async function execute(cmd: Command): Promise<void> {
    if (cmd.type === 'init') {
      if (backend) {
        fail('init', 'bad-message', 'init: already initialised; use reset to change the run');
        return;
      }
      post({ type: 'progress', stage: 'backend', message: `Starting the ${cmd.backend} backend…` });
      try {
        backend = await deps.selectBackend(cmd.backend);
      } catch (e) {
        fail('init', 'backend-failed', `No TensorFlow.js backend could start: ${(e as Error).message}`);
        return;
      }
      await buildRun('init', cmd.config);
      return;
    }
    if (!backend) {
      fail(cmd.type, 'not-ready', `${cmd.type}: send init first`);
      return;
    }
    if (cmd.type === 'previewDataset') return previewDataset(cmd.id);
    if (cmd.type === 'uploadImages') return uploadImages(cmd);
    if (cmd.type === 'useDrawnPoints') return useDrawnPoints(cmd.points);
    if (cmd.type === 'reset') {
      await stopLoop();
      await buildRun('reset', cmd.config ?? {}, trainer ? { ...trainer.config, ...trainer.hyperparams } : undefined);
      return;
    }
    const t = trainer;
    if (!t) {
      fail(cmd.type, 'not-ready', `${cmd.type}: no run is loaded (fix the config and reset)`);
      return;
    }
    switch (cmd.type) {
      case 'start':
        if (running) return;
        running = true;
        postState();
        loop = runLoop(t).catch((e) => {
          running = false;
          fail('training', 'internal', `Training stopped: ${(e as Error).message}`);
        }).finally(postState);
        return;
      case 'pause':
        await stopLoop();
        return;
      case 'step':
        await stopLoop();
        await runSteps(t, cmd.count);
        return;
      case 'setHyperparams': {
        const checked = validateLiveHyperparams(cmd.values);
        if (!checked.ok) {
          fail('setHyperparams', 'bad-config', formatErrors(checked.errors), checked.errors);
          post({ type: 'hyperparams', applied: t.hyperparams, step: t.step });
          return;
        }
        post({ type: 'hyperparams', applied: t.setHyperparams(checked.value), step: t.step });
        return;
      }
      case 'requestSamples':
        await postPictures(t);
        await postQuality(t);
        return;
    }
  }

  async function handle(message: unknown): Promise<void> {
    const parsed = parseCommand(message);
    if (!parsed.ok) {
      fail(parsed.type ?? 'message', 'bad-message', parsed.message);
      return;
    }
    const cmd = parsed.value;
    // Live changes, pause, previews and uploads must not wait behind a long command; uploads run
    // beside training, which keeps going.
    if (cmd.type === 'previewDataset' || cmd.type === 'uploadImages') return execute(cmd).catch((e) => fail(cmd.type, 'internal', (e as Error).message));
    if (cmd.type === 'setHyperparams' || cmd.type === 'pause' || cmd.type === 'start') {
      await queue;
      return execute(cmd).catch((e) => fail(cmd.type, 'internal', (e as Error).message));
    }
    const run = queue.then(() => execute(cmd)).catch((e) => fail(cmd.type, 'internal', (e as Error).message));
    queue = run;
    return run;
  }

  return { handle, idle: () => loop };
}

/** n indices spread evenly over a dataset, so a preview shows its variety. */
function spread(n: number, count: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));
}

/** A fixed sample of real points and a view box around them with a margin. */
function realPoints(dataset: Dataset): { real: Float32Array; extent: [number, number, number, number] } {
  const n = Math.min(POINTS_SHOWN, dataset.count);
  const real = new Float32Array(n * 2);
  dataset.readBatch(spread(n, dataset.count), real);
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  const box = dataset.info.extent;
  if (box) [x0, x1, y0, y1] = [box.xMin, box.xMax, box.yMin, box.yMax];
  else for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, real[2 * i]);
    x1 = Math.max(x1, real[2 * i]);
    y0 = Math.min(y0, real[2 * i + 1]);
    y1 = Math.max(y1, real[2 * i + 1]);
  }
  // Square, so circles look round; the data's own box already has a margin.
  const half = Math.max(x1 - x0, y1 - y0, 1e-3) * (box ? 0.5 : 0.75);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { real, extent: [cx - half, cx + half, cy - half, cy + half] };
}
