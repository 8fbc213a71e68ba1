/**
 * Save run, Open run and autosave, in the worker. The session hands over a few hooks (the current
 * trainer, its command queue, a way to install a run) and every event it posts; this module
 * keeps the run's history, snapshots at safe points (between training slices or while paused,
 * never during a step), encodes run files and keeps the newest few in IndexedDB. About 400
 * lines, and one thing: Save, Open and autosave share the history, the safe-point snapshot and
 * the file codec, and each is a short handler over them.
 */
import { errorEvent, worded, type Worded } from './wording';
import type { TrainConfig } from '../core/config';
import type { Dataset } from '../core/data/types';
import { EMA_FROM_G_NOTICE, type Trainer } from '../core/train/trainer';
import type { Command, ErrorCode, ErrorSource, RunTarget, WorkerEvent } from './protocol';
import { openRecentRuns, RecentRunsError, type RecentRunInfo, type RecentRuns } from './recentRuns';
import { RunHistory, type RunHistoryData } from './runHistory';
import { gridThumbnail, pointsThumbnail } from './thumbnail';

/** Training time between two autosaves. */
export const AUTOSAVE_INTERVAL_MS = 30_000;

/** A twin's run B in a run file: its snapshot, its history (A's before the fork included), the fork step. */
export interface TwinPart<S, H = RunHistoryData> {
  snapshot: S;
  history: H;
  forkStep: number;
}

/** What run files need of the core: a snapshot, its codec and a restore. */
export interface RunCodec<S> {
  snapshot(t: Trainer): Promise<S>;
  /** The file's bytes, or why this run cannot be saved (e.g. uploaded images); `twin`: B beside A. */
  encode(snapshot: S, history: RunHistoryData, twin?: TwinPart<S>): { ok: true; value: Uint8Array } | { ok: false; message: string };
  decode(
    bytes: Uint8Array,
  ): { ok: true; snapshot: S; history: RunHistoryData | null; twin?: TwinPart<S, RunHistoryData | null> } | { ok: false; message: string };
  /** The config (live values included) the snapshot was trained with. */
  configOf(snapshot: S): TrainConfig;
  restore(snapshot: S, dataset: Dataset): Promise<Trainer>;
  /** Readies what the snapshot's run needs beyond this build (a drawing stored in the file). */
  prepare?(snapshot: S): { ok: true } | { ok: false; message: string };
}

export interface KeepingHost {
  /** Run A (the only run outside a twin). */
  trainer(): Trainer | null;
  /** Run B while a twin is on. */
  twin(): Trainer | null;
  running(): boolean;
  post(ev: WorkerEvent): void;
  fail(source: ErrorSource, code: ErrorCode, text: string | Worded): void;
  /** Runs `fn` on the session's command queue (after the commands before it). */
  enqueue(fn: () => Promise<void>): Promise<void>;
  stopLoop(): Promise<void>;
  /** Reads the steps still on the device back and posts them, so the history holds every step saved. */
  flush(): Promise<void>;
  /**
   * Builds a run from `config` with `make` and replaces the current one only if that succeeds;
   * `afterReady` runs right after the new run's ready/state events. Resolves true when installed.
   */
  install(
    config: TrainConfig,
    make: (dataset: Dataset) => Promise<Trainer>,
    afterReady: (t: Trainer) => void,
    makeTwin?: (dataset: Dataset) => Promise<Trainer>,
  ): Promise<boolean>;
  /** The dataset's display name, if this worker has it. */
  datasetName(id: string): string | undefined;
  /** Wall-clock time (Date.now), for "saved 2 minutes ago". */
  clock(): number;
}

export interface RunKeeping {
  /** Every event the session posts, before it is posted. */
  observe(ev: WorkerEvent): void;
  /** Called between training slices: runs a due autosave or a Save run. */
  atSafePoint(): Promise<void>;
  handle(cmd: Extract<Command, { type: 'saveRun' | 'openRun' | 'listRecent' | 'openRecent' | 'deleteRecent' | 'pageHidden' }>): Promise<void>;
  /** The twin ended (Keep A / Keep B): the kept run's history becomes the run's. */
  twinEnded(kept: 'A' | 'B'): void;
  /**
   * Before the run is rebuilt in place from its checkpoint at `step` (a lost GPU device): what,
   * run right after the new run's ready/state events, brings back its history up to that step and
   * keeps its autosave slot.
   */
  continueAt(step: number): (t: Trainer) => void;
}

export type KeepingCommand = Parameters<RunKeeping['handle']>[0];
export const KEEPING_COMMANDS: readonly KeepingCommand['type'][] = ['saveRun', 'openRun', 'listRecent', 'openRecent', 'deleteRecent', 'pageHidden'];

/** `suffix`: '-twin' for a twin's file, '-B' for run B saved alone. */
export function runFileName(config: Pick<TrainConfig, 'dataset' | 'model'>, step: number, suffix = ''): string {
  return `${config.dataset}-${config.model}-step${step}${suffix}.ganrun`;
}

export function createRunKeeping<S>(host: KeepingHost, codec: RunCodec<S>, idb: IDBFactory | undefined, options: { autosaveMs?: number } = {}): RunKeeping {
  const history = new RunHistory();
  // A twin's run B: A's history up to the fork (copied at the fork), then B's own events.
  const historyB = new RunHistory();
  let forkStep = 0;
  const autosaveMs = options.autosaveMs ?? AUTOSAVE_INTERVAL_MS;
  let runId = newId();
  let lastSavedStep = -1;
  let lastAutosaveElapsed = 0;
  let autosaveDue = false;
  let wasRunning = false;
  let points: { real: Float32Array; fake: Float32Array; extent: [number, number, number, number] } | null = null;
  // Tasks waiting for the training loop's next safe point.
  let atSafe: { run: () => Promise<void>; resolve: () => void }[] = [];
  let store: Promise<RecentRuns | null> | null = null;
  let noted = false;

  const note = (e: unknown) => {
    if (noted) return;
    noted = true;
    const detail = (e as Error).message;
    if (e instanceof RecentRunsError) host.post({ type: 'storageNote', message: e.message, ...(e.key ? { key: e.key } : {}) });
    else host.post({ type: 'storageNote', ...worded('notAutosaved', { detail }, `Runs are not autosaved: ${detail}`) });
  };
  const openStore = (): Promise<RecentRuns | null> =>
    (store ??= openRecentRuns(idb).catch((e: unknown) => {
      note(e);
      return null;
    }));

  /** Runs `fn` where no training step is in flight: at once when paused, else at the next safe point. */
  function whenSafe(fn: () => Promise<void>): Promise<void> {
    if (!host.running()) return fn();
    return new Promise((resolve) => atSafe.push({ run: fn, resolve }));
  }
  async function drain(): Promise<void> {
    const tasks = atSafe;
    atSafe = [];
    for (const t of tasks) {
      await t.run().catch((e: unknown) => {
        const detail = (e as Error).message;
        host.fail('saveRun', 'internal', worded('saveFailed', { detail }, `Saving the run failed: ${detail}`));
      });
      t.resolve();
    }
  }

  /** `which`: both runs of a twin in one file (the default), or one run alone as an ordinary file. */
  async function encodeCurrent(t: Trainer, which: RunTarget = 'both'): Promise<{ ok: true; value: Uint8Array } | { ok: false; message: string }> {
    await host.flush();
    const b = host.twin();
    if (which === 'B') {
      if (!b) return { ok: false, message: 'saveRun: there is no run B (start a twin first)' };
      return codec.encode(await codec.snapshot(b), historyB.data());
    }
    const snapshot = await codec.snapshot(t);
    if (!b || which === 'A') return codec.encode(snapshot, history.data());
    return codec.encode(snapshot, history.data(), { snapshot: await codec.snapshot(b), history: historyB.data(), forkStep });
  }

  function thumbnailOf(t: Trainer) {
    if (t.dataset.dim === 2 && points) return pointsThumbnail(points);
    const frame = history.latestFrame();
    return frame ? gridThumbnail(frame) : null;
  }

  async function postRecent(recent: RecentRuns): Promise<void> {
    host.post({ type: 'recentRuns', runs: await recent.list() });
  }

  async function autosave(): Promise<void> {
    autosaveDue = false;
    const t = host.trainer();
    if (!t || t.step === 0 || t.step === lastSavedStep) return;
    const encoded = await encodeCurrent(t);
    // A run that cannot be saved (uploaded images) is simply not autosaved.
    if (host.trainer() !== t || !encoded.ok) return;
    const bytes = encoded.value;
    // The main thread keeps a copy, so a crashed worker is restored even where IndexedDB is not.
    host.post({ type: 'checkpoint', step: t.step, bytes: bytes.slice().buffer as ArrayBuffer });
    const recent = await openStore();
    if (!recent) {
      lastSavedStep = t.step;
      return;
    }
    const info: RecentRunInfo = {
      id: runId,
      savedAt: host.clock(),
      dataset: t.config.dataset,
      datasetName: host.datasetName(t.config.dataset) ?? t.config.dataset,
      model: t.config.model,
      step: t.step,
      epoch: t.epoch,
      size: bytes.byteLength,
      thumbnail: thumbnailOf(t),
    };
    try {
      await recent.save(info, bytes);
      lastSavedStep = info.step;
      await postRecent(recent);
    } catch (e) {
      note(e);
    }
  }

  async function openBytes(bytes: Uint8Array, from: 'file' | 'recent', name: string, id?: string): Promise<void> {
    const source = from === 'file' ? 'openRun' : 'openRecent';
    const decoded = codec.decode(bytes);
    if (!decoded.ok) {
      host.post(
        errorEvent(
          source,
          'bad-run-file',
          worded('cannotOpen', { name, detail: decoded.message }, `${name} cannot be opened: ${decoded.message} The current run is unchanged.`),
        ),
      );
      return;
    }
    const prepared = codec.prepare?.(decoded.snapshot);
    if (prepared && !prepared.ok) {
      host.post(
        errorEvent(
          source,
          'bad-run-file',
          worded('cannotOpen', { name, detail: `${prepared.message}.` }, `${name} cannot be opened: ${prepared.message}. The current run is unchanged.`),
        ),
      );
      return;
    }
    const config = codec.configOf(decoded.snapshot);
    if (!host.datasetName(config.dataset)) {
      const english = `${name} trained on the dataset "${config.dataset}", which this page does not have (your own drawings and images stay in the tab that made them). The current run is unchanged.`;
      host.post(errorEvent(source, 'bad-run-file', worded('unknownDataset', { name, dataset: config.dataset }, english)));
      return;
    }
    // Save what is being replaced, so opening a file never loses the current run.
    await whenSafe(autosave);
    await host.stopLoop();
    const loaded = decoded.history;
    const twin = decoded.twin;
    const installed = await host.install(
      config,
      (dataset) => codec.restore(decoded.snapshot, dataset),
      (t) => {
        if (loaded) history.load(loaded);
        // The session measures quality afresh at this step; an older entry at it would look like a new run.
        for (const ev of history.replay()) if (!(ev.type === 'quality' && ev.step >= t.step)) host.post(ev);
        const b = host.twin();
        if (twin && b) {
          forkStep = twin.forkStep;
          if (twin.history) historyB.load(twin.history);
          // B's charts start at the fork (A's line is the part before it), as when the twin was made.
          host.post({ type: 'forked', run: 'B', step: forkStep });
          for (const ev of replayAfter(historyB, forkStep)) if (!(ev.type === 'quality' && ev.step >= b.step)) host.post({ ...ev, run: 'B' } as WorkerEvent);
        }
        runId = id ?? newId();
        lastSavedStep = from === 'recent' ? t.step : -1;
        lastAutosaveElapsed = loaded?.elapsedMs ?? 0;
      },
      twin ? (dataset) => codec.restore(twin.snapshot, dataset) : undefined,
    );
    const t = host.trainer();
    if (installed && t) host.post({ type: 'runOpened', from, name, dataset: t.config.dataset, step: t.step });
    // e.g. a file saved before the averaged generator existed: it starts from G's weights.
    if (installed && t?.restoreNotice) {
      const english = `${name}: ${t.restoreNotice}`;
      host.post({ type: 'notice', ...(t.restoreNotice === EMA_FROM_G_NOTICE ? worded('emaFromG', { name }, english) : { message: english }) });
    }
  }

  return {
    continueAt(step) {
      const kept = historyUpTo(history.data(), step);
      const id = runId;
      return (t) => {
        history.load(kept);
        // As for a run file: the session measures quality afresh at the restored step.
        for (const ev of history.replay()) if (!(ev.type === 'quality' && ev.step >= t.step)) host.post(ev);
        runId = id;
        lastSavedStep = -1;
        lastAutosaveElapsed = kept.elapsedMs;
      };
    },
    observe(ev) {
      if ('run' in ev && ev.run === 'B') {
        if (ev.type === 'forked') {
          historyB.load(history.data());
          forkStep = ev.step;
        } else historyB.observe(ev);
        // B's states and rates are not the run's: autosaves follow A.
        return;
      }
      history.observe(ev);
      switch (ev.type) {
        case 'ready':
          historyB.clear();
          runId = newId();
          lastSavedStep = -1;
          lastAutosaveElapsed = 0;
          points = null;
          return;
        case 'points':
          points = { real: ev.real.slice(), fake: ev.fake.slice(), extent: ev.extent };
          return;
        case 'metrics':
          if (ev.elapsedMs - lastAutosaveElapsed >= autosaveMs) {
            lastAutosaveElapsed = ev.elapsedMs;
            autosaveDue = true;
          }
          return;
        case 'state':
          // Paused (by the user or a NaN): save where it stopped, before a Start can move on.
          // (At the next safe point if the other run of a twin trains on: Pause A alone.)
          if (wasRunning && !ev.running) void host.enqueue(() => whenSafe(autosave));
          wasRunning = ev.running;
          if (!ev.running && atSafe.length) void drain();
          return;
        default:
          return;
      }
    },
    async atSafePoint() {
      if (autosaveDue) atSafe.push({ run: autosave, resolve: () => {} });
      if (atSafe.length) await drain();
    },
    async handle(cmd) {
      switch (cmd.type) {
        case 'saveRun': {
          const t = host.trainer();
          if (!t) return host.fail('saveRun', 'not-ready', 'saveRun: no run is loaded');
          const which = cmd.run ?? 'both';
          if (which === 'B' && !host.twin()) return host.fail('saveRun', 'bad-message', 'saveRun: there is no run B (start a twin first)');
          await whenSafe(async () => {
            const b = host.twin();
            const saved = which === 'B' && b ? b : t;
            const encoded = await encodeCurrent(t, which);
            if (!encoded.ok) return host.fail('saveRun', 'internal', encoded.message);
            const bytes = encoded.value;
            const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
            const suffix = which === 'B' ? '-B' : b && which === 'both' ? '-twin' : '';
            host.post({ type: 'runFile', name: runFileName(saved.config, saved.step, suffix), step: saved.step, bytes: buffer as ArrayBuffer });
          });
          return;
        }
        case 'openRun':
          return openBytes(new Uint8Array(cmd.bytes), 'file', cmd.name);
        case 'openRecent': {
          const recent = await openStore();
          if (!recent) return;
          let bytes: Uint8Array;
          try {
            bytes = await recent.read(cmd.id);
          } catch (e) {
            const err = e as Error;
            host.fail('openRecent', 'bad-run-file', e instanceof RecentRunsError && e.key ? { message: err.message, key: e.key, values: {} } : err.message);
            return;
          }
          const info = (await recent.list()).find((r) => r.id === cmd.id);
          return openBytes(bytes, 'recent', info ? `The saved ${info.dataset} run` : 'The saved run', cmd.id);
        }
        case 'listRecent': {
          const recent = await openStore();
          host.post({ type: 'recentRuns', runs: recent ? await recent.list().catch(() => []) : [] });
          return;
        }
        case 'deleteRecent': {
          const recent = await openStore();
          if (!recent) return;
          try {
            await recent.delete(cmd.id);
          } catch (e) {
            host.fail('deleteRecent', 'internal', (e as Error).message);
          }
          if (cmd.id === runId) lastSavedStep = -1;
          await postRecent(recent);
          return;
        }
        case 'pageHidden':
          return whenSafe(autosave);
      }
    },
    twinEnded(kept) {
      if (kept === 'B') history.load(historyB.data());
      historyB.clear();
    },
  };
}

/** A history's replay events from after `step` on (B's part of a twin's charts). */
function replayAfter(h: RunHistory, step: number): WorkerEvent[] {
  return h.replay().flatMap((ev): WorkerEvent[] => {
    if (ev.type !== 'metrics') return 'step' in ev && ev.step <= step ? [] : [ev];
    const width = ev.keys.length;
    const col = ev.keys.indexOf('step');
    let first = 0;
    while (col >= 0 && first + width <= ev.data.length && ev.data[first + col] <= step) first += width;
    return first < ev.data.length ? [{ ...ev, data: ev.data.slice(first) }] : [];
  });
}

/** `h` without what came after `step` (those steps are trained again). */
function historyUpTo(h: RunHistoryData, step: number): RunHistoryData {
  const width = h.metrics.keys.length;
  const stepCol = h.metrics.keys.indexOf('step');
  let rows = width ? h.metrics.data.length / width : 0;
  while (stepCol >= 0 && rows > 0 && h.metrics.data[(rows - 1) * width + stepCol] > step) rows--;
  return {
    metrics: { keys: h.metrics.keys, data: h.metrics.data.slice(0, rows * width) },
    quality: h.quality.filter((q) => q.step <= step),
    samples: h.samples.filter((f) => f.step <= step),
    elapsedMs: h.elapsedMs,
  };
}

function newId(): string {
  return `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}
