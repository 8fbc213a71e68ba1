/**
 * Turns protocol commands into calls on the run and the dataset catalogue. It knows nothing of
 * `self` or `postMessage`: the worker file wires it up, and tests drive it in Node. The cadence of
 * training lives in core/trainingLoop.ts, the run and its views in liveRun.ts, the pictures in
 * pictures.ts, the datasets in datasetCatalogue.ts and the commands that bring data in in
 * datasetCommands.ts, drawings in run files in drawingRuns.ts. About 300 lines: it is the one dispatch
 * for every command (the queue, pause, twins, run keeping, exports), each case a line or two.
 */
import type { BackendChoice, FieldError, LiveHyperparams, TrainConfig } from '../core/config';
import { formatErrors, validateLiveHyperparams } from '../core/config';
import type { Dataset, DatasetSource, LoadContext } from '../core/data/types';
import { createQualityEvaluator } from '../core/metrics/qualityEvaluator';
import { modelsForShape, summarizeModel } from '../core/models/specs';
import { resolveConfig } from '../core/runConfig';
import { Trainer } from '../core/trainer';
import { createDatasetCatalogue } from './datasetCatalogue';
import type { ImageDecoder } from './imageUploads';
import { createDatasetCommands } from './datasetCommands';
import type { BackendChooser } from './backendChoice';
import { LiveRun } from './liveRun';
import { createExportCommands } from './exportCommands';
import type { BackendReport, Command, ErrorCode, ErrorSource, TwinAction, WorkerEvent } from './protocol';
import { parseCommand, transferablesOf } from './protocol';
import { createRunKeeping, KEEPING_COMMANDS, type KeepingCommand } from './runKeeping';
import { createDrawingRuns } from './drawingRuns';

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
  /** Where autosaved runs go (`self.indexedDB` in the worker; fake-indexeddb in tests). */
  indexedDB?: IDBFactory;
  /** Wall-clock time for saved runs' dates (Date.now by default). */
  clock?(): number;
  autosaveMs?: number;
  /** For `auto`: measures the candidate backends on the run's model and switches to the fastest. */
  chooseBackend?: BackendChooser;
  /** TF.js tensors held now, sent with each `pong` (the worker passes `tf.memory().numTensors`). */
  numTensors?(): number;
}

export interface TrainingSession {
  handle(message: unknown): Promise<void>;
  /** Resolves when training (if any) has stopped. */
  idle(): Promise<void>;
}

type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;

export function createTrainingSession(deps: SessionDeps): TrainingSession {
  const catalogue = createDatasetCatalogue(deps.datasets, deps.readAsset);
  // Between two training slices no step is in flight: autosaves and Save run snapshot there.
  const clock = {
    now: deps.now,
    yieldToEvents: async () => {
      await keeping.atSafePoint();
      await deps.yieldToEvents();
    },
  };
  let backend: BackendReport | null = null;
  let run: LiveRun | null = null;
  let training: Promise<void> = Promise.resolve();
  // Commands run one at a time, in order: a reset never interleaves with a step.
  let queue: Promise<void> = Promise.resolve();
  // Bumped by every pause, so step commands queued before it are dropped, not run.
  let pauses = 0;

  const postRaw = (ev: WorkerEvent) => deps.post(ev, transferablesOf(ev));
  // The run's history for run files is recorded from what is posted, before buffers are transferred.
  const post = (ev: WorkerEvent) => {
    keeping.observe(ev);
    postRaw(ev);
  };
  const fail = (source: ErrorSource, code: ErrorCode, message: string, fieldErrors?: FieldError[]) =>
    post({ type: 'error', code, source, message, ...(fieldErrors ? { fieldErrors } : {}) });
  const output = { post, fail };
  const exports = createExportCommands(post);
  const currentConfig = (): TrainConfig | undefined => (run ? { ...run.trainer.config, ...run.trainer.hyperparams } : undefined);

  async function stopTraining(): Promise<void> {
    await run?.stop();
    await training;
  }

  /**
   * `restore` builds the trainer from a run file instead of fresh weights; `asTwin`: B's live
   * values, and A and B start from step 0 together. Resolves true once installed.
   */
  async function buildRun(source: ErrorSource, input: Partial<TrainConfig>, restore?: Restore, asTwin: LiveHyperparams | null = null): Promise<boolean> {
    const resolved = resolveConfig(input, catalogue.infoOf, currentConfig(), backend?.hardwareGpu ?? false);
    if (!resolved.ok) {
      fail(source, 'bad-config', formatErrors(resolved.errors), resolved.errors);
      return false;
    }
    let dataset: Dataset;
    try {
      dataset = await catalogue.loadForRun(resolved.value, (info) => post({ type: 'progress', stage: 'dataset', message: `Loading ${info.name}…` }));
    } catch (e) {
      fail(source, 'dataset-failed', `Could not load dataset ${resolved.value.dataset}: ${(e as Error).message}`);
      return false;
    }
    if (deps.chooseBackend && backend) {
      try {
        backend = await deps.chooseBackend(backend, resolved.value, dataset, (message) => post({ type: 'progress', stage: 'backend', message }));
      } catch (e) {
        // The backend that started first still runs: measuring is an improvement, not a need.
        backend = { ...backend, calibration: `not measured: ${(e as Error).message}` };
      }
    }
    // Build the new run before dropping the old one, so a failure keeps what was trained.
    let trainer: Trainer;
    try {
      trainer = restore ? await restore.make(dataset) : new Trainer(resolved.value, dataset);
    } catch (e) {
      fail(source, restore ? 'bad-run-file' : 'internal', `Could not build the models: ${(e as Error).message}`);
      return false;
    }
    let twin: Trainer | null = null;
    if (asTwin) {
      try {
        // Same config, same seed: the same weights, data order and noise as A (docs/twin-runs.md).
        twin = new Trainer(resolved.value, dataset);
        twin.setHyperparams(asTwin);
      } catch (e) {
        trainer.dispose();
        fail(source, 'internal', `Could not build run B: ${(e as Error).message}`);
        return false;
      }
    }
    run?.dispose();
    const next = (run = new LiveRun(trainer, clock, output, twin));
    post({
      type: 'ready',
      backend: backend as BackendReport,
      config: { ...trainer.config, ...trainer.hyperparams },
      model: trainer.summary,
      dataset: dataset.info,
      datasets: catalogue.sources().map((d) => d.info),
      models: modelsForShape(dataset.info.shape).map((id) => summarizeModel(id, trainer.config.latentDim, trainer.config.dSteps)),
    });
    for (const m of next.members) m.postHyperparams();
    await showRun(next, () => restore?.afterReady(trainer));
    return true;
  }

  /** The state, pictures and weights of a new LiveRun, then its quality evaluators. */
  async function showRun(next: LiveRun, afterState?: () => void): Promise<void> {
    next.postState();
    afterState?.();
    await next.postPictures();
    await next.postWeights();
    for (const m of next.members) {
      try {
        const evaluator = await createQualityEvaluator(m.trainer.dataset, { seed: m.trainer.config.seed, readAsset: deps.readAsset });
        if (!next.attachQuality(evaluator, m.key)) evaluator?.dispose();
      } catch (e) {
        post({ type: 'progress', stage: 'quality', message: `Quality measures are off for this run: ${(e as Error).message}` });
      }
    }
    await next.postQuality();
  }

  async function twin(r: LiveRun, action: TwinAction): Promise<void> {
    await stopTraining();
    if (action === 'start') {
      const b = r.member('B')?.trainer ?? r.trainer;
      await buildRun('twin', {}, undefined, b.hyperparams);
      return;
    }
    if (!r.isTwin) return fail('twin', 'bad-message', `twin: ${action} needs a twin run`);
    const kept = r.member(action === 'keepA' ? 'A' : 'B')!.trainer;
    r.dispose(kept);
    const next = (run = new LiveRun(kept, clock, output));
    next.members[0].postHyperparams();
    await showRun(next);
  }

  function setHyperparams(r: LiveRun, cmd: CommandOf<'setHyperparams'>): void {
    const targets = r.members.filter((m) => cmd.run === 'both' || m.key === (cmd.run ?? 'A'));
    const checked = validateLiveHyperparams(cmd.values);
    if (!checked.ok) fail('setHyperparams', 'bad-config', formatErrors(checked.errors), checked.errors);
    else if (targets.length === 0) fail('setHyperparams', 'bad-message', `setHyperparams: there is no run ${cmd.run} (start a twin first)`);
    else for (const m of targets) m.trainer.setHyperparams(checked.value);
    // Always answered, so the UI's pending values settle (with what is in force after a refusal).
    for (const m of targets.length ? targets : r.members.slice(0, 1)) m.postHyperparams();
  }

  async function init(cmd: CommandOf<'init'>): Promise<void> {
    if (backend) return fail('init', 'bad-message', 'init: already initialised; use reset to change the run');
    post({ type: 'progress', stage: 'backend', message: `Starting the ${cmd.backend} backend…` });
    try {
      backend = await deps.selectBackend(cmd.backend);
    } catch (e) {
      return fail('init', 'backend-failed', `No TensorFlow.js backend could start: ${(e as Error).message}`);
    }
    await buildRun('init', cmd.config);
  }

  const drawings = createDrawingRuns(catalogue);
  const keeping = createRunKeeping(
    {
      trainer: () => run?.trainer ?? null,
      running: () => run?.running ?? false,
      post: postRaw,
      fail,
      enqueue: (fn) => (queue = queue.then(fn).catch((e) => fail('training', 'internal', (e as Error).message))),
      stopLoop: stopTraining,
      // Paused, every step is read back; between slices up to 64 steps may still be on the device,
      // so an autosave while training may lack their metric rows (a gap too small to see).
      flush: async () => {},
      install: async (config, make, afterReady) => {
        await stopTraining();
        return buildRun('openRun', config, { make, afterReady });
      },
      datasetName: (id) => catalogue.infoOf(id)?.name,
      clock: deps.clock ?? Date.now,
    },
    drawings.codec,
    deps.indexedDB,
    { autosaveMs: deps.autosaveMs },
  );

  const data = createDatasetCommands({
    catalogue,
    post,
    fail,
    decodeImage: deps.decodeImage,
    trainOnDrawing: async (datasetId, points) => {
      drawings.remember(points);
      await stopTraining();
      await buildRun('useDrawnPoints', { dataset: datasetId });
    },
  });

  /** Commands that act on the loaded run. */
  async function onRun(r: LiveRun, cmd: Exclude<Command, CommandOf<'init' | 'reset' | 'previewDataset' | 'uploadImages' | 'useDrawnPoints' | 'encodeTimelapse'>>): Promise<void> {
    switch (cmd.type) {
      case 'start':
        if (!r.running) training = r.start();
        return;
      case 'pause':
        return stopTraining();
      case 'step':
        await stopTraining();
        return r.steps(cmd.count);
      case 'setHyperparams':
        return setHyperparams(r, cmd);
      case 'twin':
        return twin(r, cmd.action);
      case 'exportModel':
        return exports.exportModel(r.trainer);
      case 'requestSamples':
        await r.postPictures();
        await r.postQuality();
        return;
    }
  }

  async function execute(cmd: Command): Promise<void> {
    if (cmd.type === 'init') return init(cmd);
    if (!backend) return fail(cmd.type, 'not-ready', `${cmd.type}: send init first`);
    if (isKeeping(cmd)) return keeping.handle(cmd);
    switch (cmd.type) {
      case 'previewDataset':
        return data.previewDataset(cmd.id);
      case 'uploadImages':
        return data.uploadImages(cmd);
      case 'useDrawnPoints':
        return data.useDrawnPoints(cmd.points);
      case 'encodeTimelapse':
        return exports.timelapse(cmd, run?.trainer.step ?? 0);
      case 'reset':
        await stopTraining();
        await buildRun('reset', cmd.config ?? {});
        return;
    }
    if (!run) return fail(cmd.type, 'not-ready', `${cmd.type}: no run is loaded (fix the config and reset)`);
    return onRun(run, cmd);
  }

  async function handle(message: unknown): Promise<void> {
    const parsed = parseCommand(message);
    if (!parsed.ok) return fail(parsed.type ?? 'message', 'bad-message', parsed.message);
    const cmd = parsed.value;
    // Not behind the queue: a long load or `step N` must not look like a dead worker.
    if (cmd.type === 'ping') return post(deps.numTensors ? { type: 'pong', tensors: deps.numTensors() } : { type: 'pong' });
    const guarded = () => execute(cmd).catch((e) => fail(cmd.type, 'internal', (e as Error).message));
    // Previews and uploads run beside training and other commands, which keep going.
    if (cmd.type === 'previewDataset' || cmd.type === 'uploadImages' || cmd.type === 'exportModel' || cmd.type === 'encodeTimelapse') return guarded();
    if (cmd.type === 'pause') {
      // At once, not behind the queue: a long `step N` in progress stops at its next slice.
      pauses++;
      run?.loop.stop();
    }
    // Live changes, pause and start wait for what is queued but do not join the queue themselves.
    if (cmd.type === 'setHyperparams' || cmd.type === 'pause' || cmd.type === 'start') {
      await queue;
      return guarded();
    }
    const pausesAtArrival = pauses;
    const next = queue.then(() => (cmd.type === 'step' && pauses !== pausesAtArrival ? undefined : guarded()));
    queue = next;
    return next;
  }

  return { handle, idle: () => training };
}

interface Restore {
  make(dataset: Dataset): Promise<Trainer>;
  afterReady(t: Trainer): void;
}

function isKeeping(cmd: Command): cmd is KeepingCommand {
  return (KEEPING_COMMANDS as readonly string[]).includes(cmd.type);
}
