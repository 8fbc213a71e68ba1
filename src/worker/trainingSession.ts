/**
 * Turns protocol commands into calls on the run and the dataset catalogue. It knows nothing of
 * `self` or `postMessage`: the worker file wires it up, and tests drive it in Node. The cadence of
 * training lives in core/train/trainingLoop.ts, the run and its views in liveRun.ts, the pictures in
 * pictures.ts, the datasets in datasetCatalogue.ts and the commands that bring data in in
 * datasetCommands.ts, drawings in run files in drawingRuns.ts, the commands that name run A or B
 * in twinCommands.ts, the order commands run in in commandOrder.ts, backend switches in
 * backendGate.ts, the latent explorer in latentCommands.ts. About 410 lines, and one thing: it
 * owns the session's one run and one backend (mutable state every module above reads through it)
 * and builds a run, which they all share.
 */
import type { BackendChoice, FieldError, TrainConfig } from '../core/config';
import { formatErrors } from '../core/config';
import { describeFacts, type CalibrationFacts } from '../core/backend/backendCalibration';
import type { Dataset, DatasetSource, LoadContext } from '../core/data/types';
import { createQualityEvaluator } from '../core/metrics/qualityEvaluator';
import { modelsForShape } from '../core/models/specs';
import { summarizeRun } from '../core/models/conditionalSpecs';
import { resolveConfig } from '../core/runConfig';
import { Trainer } from '../core/train/trainer';
import { createDatasetCatalogue } from './datasetCatalogue';
import type { ImageDecoder } from './imageUploads';
import { createDatasetCommands } from './datasetCommands';
import type { BackendChooser } from './backendChoice';
import { LiveRun } from './liveRun';
import { createExportCommands } from './exportCommands';
import type { BackendReport, Command, ErrorCode, ErrorSource, RunKey, WorkerEvent } from './protocol';
import { parseCommand, transferablesOf } from './protocol';
import { createRunKeeping, KEEPING_COMMANDS, type KeepingCommand } from './runKeeping';
import { createDrawingRuns } from './drawingRuns';
import type { BackendName } from '../core/backend/backendReport';
import { ABANDON_AFTER_MS, createDeviceLoss, type WatchDevice } from './deviceLoss';
import { watchDevice } from './deviceWatch';
import { asWorded, worded, type Worded } from './wording';
import { createTwinCommands } from './twinCommands';
import { createBackendGate } from './backendGate';
import { createCommandOrder } from './commandOrder';
import { classOutOfRange, createLatentCommands } from './latentCommands';
import { LATENT_COMMANDS, type LatentCommand } from './latentProtocol';
import type { VideoEncodingFactory } from './webmExport';

export interface SessionDeps {
  post(event: WorkerEvent, transfer: Transferable[]): void;
  /** `skip`: backends not to try, with why (after a lost GPU device: deviceLoss.ts). */
  selectBackend(requested: BackendChoice, options?: { skip?: Partial<Record<BackendName, string>> }): Promise<BackendReport>;
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
  /** Watches the GPU device under a backend (deviceWatch.ts by default; tests fake a lost one). */
  watchDevice?: WatchDevice;
  /** TF.js tensors held now, sent with each `pong` (the worker passes `tf.memory().numTensors`). */
  numTensors?(): number;
  /** The WebM export's video encoder (WebCodecs by default; Node tests give a stand-in). */
  videoEncoding?: VideoEncodingFactory;
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
      // A lost GPU device ends the slices here; deviceLoss.ts rebuilds the run on another backend.
      if (deviceLoss.check()) run?.loop.stop();
      await keeping.atSafePoint();
      await deps.yieldToEvents();
    },
  };
  // Backend switches one at a time; commands wait until none is in flight (backendGate.ts).
  const gate = createBackendGate();
  let backend: BackendReport | null = null;
  let run: LiveRun | null = null;
  let training: Promise<void> = Promise.resolve();

  const postRaw = (ev: WorkerEvent) => deps.post(ev, transferablesOf(ev));
  // The run's history for run files is recorded from what is posted, before buffers are transferred.
  const post = (ev: WorkerEvent) => {
    keeping.observe(ev);
    postRaw(ev);
  };
  /** `text`: the English sentence, or a worded message (wording.ts) the page shows in its language. */
  const fail = (source: ErrorSource, code: ErrorCode, text: string | Worded, fieldErrors?: FieldError[]) => {
    const wording = asWorded(text);
    const show = () => post({ type: 'error', code, source, ...wording, ...(fieldErrors ? { fieldErrors } : {}) });
    // An internal error may be a lost GPU device's doing: deviceLoss.ts then recovers instead.
    if (code === 'internal') deviceLoss.report(wording.message, show);
    else show();
  };
  const output = { post, fail };
  const exports = createExportCommands(post);
  const currentConfig = (): TrainConfig | undefined => (run ? { ...run.trainer.config, ...run.trainer.hyperparams } : undefined);

  async function stopTraining(): Promise<void> {
    await run?.stop();
    await training;
  }

  /**
   * `restore` builds the trainer from a run file instead of fresh weights (and a twin's B, when
   * the file holds one). Resolves true once installed.
   */
  async function buildRun(source: ErrorSource, input: Partial<TrainConfig>, restore?: Restore): Promise<boolean> {
    const resolved = resolveConfig(input, catalogue.infoOf, currentConfig(), backend?.hardwareGpu ?? false);
    if (!resolved.ok) {
      fail(source, 'bad-config', formatErrors(resolved.errors), resolved.errors);
      return false;
    }
    let dataset: Dataset;
    try {
      dataset = await catalogue.loadForRun(resolved.value, (info) =>
        post({ type: 'progress', stage: 'dataset', ...worded('loadingDataset', { datasetId: info.id, name: info.name }, `Loading ${info.name}…`) }),
      );
    } catch (e) {
      const detail = (e as Error).message;
      const id = resolved.value.dataset;
      fail(source, 'dataset-failed', worded('datasetFailed', { id, detail }, `Could not load dataset ${id}: ${detail}`));
      return false;
    }
    if (deps.chooseBackend && backend) {
      try {
        const current = backend;
        const choose = deps.chooseBackend;
        backend = await gate.hold(() => choose(current, resolved.value, dataset, (text) => post({ type: 'progress', stage: 'backend', ...text })));
      } catch (e) {
        // The backend that started first still runs: measuring is an improvement, not a need.
        const facts: CalibrationFacts = { kind: 'notMeasured', detail: (e as Error).message };
        backend = { ...backend, calibration: describeFacts(facts), calibrationFacts: facts };
      }
    }
    // Build the new run before dropping the old one, so a failure keeps what was trained.
    let trainer: Trainer;
    try {
      trainer = restore ? await restore.make(dataset) : new Trainer(resolved.value, dataset);
    } catch (e) {
      const detail = (e as Error).message;
      fail(source, restore ? 'bad-run-file' : 'internal', worded('buildFailed', { detail }, `Could not build the models: ${detail}`));
      return false;
    }
    let twin: Trainer | null = null;
    if (restore?.makeTwin) {
      try {
        twin = await restore.makeTwin(dataset);
      } catch (e) {
        trainer.dispose();
        const detail = (e as Error).message;
        fail(source, 'bad-run-file', worded('buildBFailed', { detail }, `Could not build run B: ${detail}`));
        return false;
      }
    }
    run?.dispose();
    const next = (run = new LiveRun(trainer, clock, output, twin));
    deviceLoss.watch(backend!.name);
    post({
      type: 'ready',
      backend: backend as BackendReport,
      config: { ...trainer.config, ...trainer.hyperparams },
      model: trainer.summary,
      dataset: dataset.info,
      datasets: catalogue.sources().map((d) => d.info),
      // A conditional run's picker counts each model with its class embeddings, as the run would build it.
      models: modelsForShape(dataset.info.shape).map((id) => summarizeRun({ ...trainer.config, model: id }, trainer.classes)),
      ...(trainer.sampleClasses ? { sampleClasses: trainer.sampleClasses } : {}),
    });
    for (const m of next.members) m.postHyperparams();
    await showRun(next, () => restore?.afterReady(trainer));
    return true;
  }

  /**
   * The state, pictures and weights of a new LiveRun, then its quality evaluators (for `fresh`
   * runs: a run handed over from the LiveRun before keeps its evaluator).
   */
  async function showRun(next: LiveRun, afterState?: () => void, fresh: readonly RunKey[] = ['A', 'B']): Promise<void> {
    next.postState();
    afterState?.();
    await next.postPictures();
    await next.postWeights();
    for (const m of next.members.filter((x) => fresh.includes(x.key))) {
      try {
        const evaluator = await createQualityEvaluator(m.trainer.dataset, { seed: m.trainer.config.seed, readAsset: deps.readAsset });
        if (!next.attachQuality(evaluator, m.key)) evaluator?.dispose();
      } catch (e) {
        const detail = (e as Error).message;
        post({ type: 'progress', stage: 'quality', ...worded('qualityOff', { detail }, `Quality measures are off for this run: ${detail}`) });
      }
    }
    await next.postQuality();
  }

  /**
   * A LiveRun of `a` (and `b`) in place of `r`: `keep`'s trainer and quality evaluator live on
   * (as A), so does the training-time clock; the rest of `r` is disposed.
   */
  function replaceRun(r: LiveRun, keep: RunKey, b: Trainer | null): LiveRun {
    const kept = r.member(keep)!.trainer;
    const quality = r.takeQuality(keep);
    r.dispose(kept);
    const next = (run = new LiveRun(kept, clock, output, b));
    next.loop.elapsedMs = r.loop.elapsedMs;
    for (const m of next.members) m.gridClass = r.member(keep)!.gridClass; // "Generate class" stays chosen
    if (!next.attachQuality(quality, 'A')) quality?.dispose();
    return next;
  }

  const twins = createTwinCommands({
    post,
    fail,
    stopTraining,
    replaceRun,
    showRun,
    startLoop: (r) => (training = r.start()),
    twinEnded: (kept) => keeping.twinEnded(kept),
  });
  const { hasRun, pausesAll } = twins;
  const order = createCommandOrder(
    (cmd) => cmd.type === 'pause' && pausesAll(cmd, run),
    () => run?.loop.stop(),
  );

  async function init(cmd: CommandOf<'init'>): Promise<void> {
    if (backend) return fail('init', 'bad-message', 'init: already initialised; use reset to change the run');
    post({ type: 'progress', stage: 'backend', ...worded('startingBackend', { backend: cmd.backend }, `Starting the ${cmd.backend} backend…`) });
    try {
      backend = await gate.hold(() => deps.selectBackend(cmd.backend));
    } catch (e) {
      const detail = (e as Error).message;
      return fail('init', 'backend-failed', worded('noBackend', { detail }, `No TensorFlow.js backend could start: ${detail}`));
    }
    await buildRun('init', cmd.config);
  }

  const drawings = createDrawingRuns(catalogue);
  const keeping = createRunKeeping(
    {
      trainer: () => run?.trainer ?? null,
      twin: () => run?.member('B')?.trainer ?? null,
      running: () => run?.running ?? false,
      post: postRaw,
      fail,
      enqueue: (fn) => order.enqueue(fn, (e) => fail('training', 'internal', (e as Error).message)),
      stopLoop: stopTraining,
      // Paused, every step is read back; between slices up to 64 steps may still be on the device,
      // so an autosave while training may lack their metric rows (a gap too small to see).
      flush: async () => {},
      install: async (config, make, afterReady, makeTwin) => {
        await stopTraining();
        return buildRun('openRun', config, { make, afterReady, makeTwin });
      },
      datasetName: (id) => catalogue.infoOf(id)?.name,
      clock: deps.clock ?? Date.now,
    },
    drawings.codec,
    deps.indexedDB,
    { autosaveMs: deps.autosaveMs },
  );

  const latent = createLatentCommands({
    post,
    fail,
    trainer: () => run?.trainer ?? null,
    yieldToEvents: deps.yieldToEvents,
    videoEncoding: deps.videoEncoding,
  });

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
  async function onRun(
    r: LiveRun,
    cmd: Exclude<Command, CommandOf<'init' | 'reset' | 'previewDataset' | 'uploadImages' | 'useDrawnPoints' | 'encodeTimelapse'>>,
  ): Promise<void> {
    switch (cmd.type) {
      case 'start':
        r.stopAt = cmd.untilStep ?? null; // a lesson's cap (liveRun.ts)
        if (hasRun(r, 'start', cmd.run)) twins.startRun(r, cmd.run === 'both' ? undefined : cmd.run);
        return;
      case 'pause':
        if (!hasRun(r, 'pause', cmd.run)) return;
        if (!pausesAll(cmd, r)) return r.hold(cmd.run as RunKey, true);
        return stopTraining();
      case 'step':
        await stopTraining();
        return r.steps(cmd.count);
      case 'setHyperparams':
        return twins.setHyperparams(r, cmd);
      case 'twin':
        return twins.twin(r, cmd.action);
      case 'exportModel':
        return exports.exportModel(r.trainer);
      case 'requestSamples':
        await r.postPictures();
        await r.postQuality();
        return;
      case 'classGrid': {
        const classes = r.trainer.classes;
        if (!classes) return fail('classGrid', 'bad-message', 'classGrid: this run is not conditional: it has no classes to draw');
        if (cmd.classIndex !== null && cmd.classIndex >= classes)
          return fail('classGrid', 'bad-message', classOutOfRange('classGrid', cmd.classIndex, classes));
        for (const m of r.members) m.gridClass = cmd.classIndex;
        return r.postPictures(false, true);
      }
    }
  }

  async function execute(cmd: Command): Promise<void> {
    if (cmd.type === 'init') return init(cmd);
    if (!backend) return fail(cmd.type, 'not-ready', `${cmd.type}: send init first`);
    if (isKeeping(cmd)) return keeping.handle(cmd);
    if (isLatent(cmd)) return latent.handle(cmd);
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
        // Reset B re-forks B from A now; a reset of A (or both) restarts the whole run, as before.
        if (cmd.run === 'B' && run && hasRun(run, 'reset', 'B')) return twins.fork(run, 'reset');
        if (cmd.run === 'B') return;
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
    const guarded = () =>
      deviceLoss
        .settled()
        .then(() => gate.settled())
        .then(() => execute(cmd))
        .catch((e) => fail(cmd.type, 'internal', (e as Error).message));
    return order.submit(cmd, guarded);
  }

  const deviceLoss = createDeviceLoss(
    {
      backend: () => backend,
      // A loop the lost device crashed was training all the same.
      run: () => run && { trainer: run.trainer, running: run.running || run.crashedTraining, isTwin: run.isTwin },
      abandon: async () => {
        const old = run;
        old?.loop.stop();
        // A read-back on the dead device may never resolve: give up on that loop after a while.
        await Promise.race([stopTraining(), new Promise((r) => setTimeout(r, ABANDON_AFTER_MS))]);
        training = Promise.resolve();
        try {
          old?.dispose();
        } catch {
          // Its tensors went with the device; the checkpoint is in CPU memory.
        }
      },
      selectBackend: (requested, skip) => gate.hold(() => deps.selectBackend(requested, { skip })),
      reinstall: (next, snapshot, config, live) => {
        backend = next;
        const afterReady = keeping.continueAt(snapshot?.step ?? 0);
        const make = async (dataset: Dataset) => {
          const t = snapshot ? Trainer.fromSnapshot(snapshot, dataset) : new Trainer(config, dataset);
          t.setHyperparams(live);
          return t;
        };
        return buildRun('training', { ...config, ...live }, { make, afterReady });
      },
      start: () => void (run && !run.running && (training = run.start())),
      notice: (text) => post({ type: 'notice', ...text }),
      fail: (text) => fail('training', 'backend-failed', text),
    },
    deps.watchDevice ?? watchDevice,
  );

  return { handle, idle: () => training };
}

interface Restore {
  make(dataset: Dataset): Promise<Trainer>;
  afterReady(t: Trainer): void;
  /** A twin file's run B. */
  makeTwin?(dataset: Dataset): Promise<Trainer>;
}

function isKeeping(cmd: Command): cmd is KeepingCommand {
  return (KEEPING_COMMANDS as readonly string[]).includes(cmd.type);
}

function isLatent(cmd: Command): cmd is LatentCommand {
  return (LATENT_COMMANDS as readonly string[]).includes(cmd.type);
}
