/**
 * Start-up: the backend asked for and the one the worker started, the loading progress, and the
 * retries that keep a bad URL or a failed forced backend from leaving a blank app.
 */
import { workerText } from '../i18n/workerText';
import type { BackendChoice, FieldError, TrainConfig } from '../../core/config';
import type { BackendReport, ErrorCode, WorkerEvent } from '../../worker/protocol';
import { withoutFields } from '../lib/urlParams';
import type { Slice, SliceContext } from './slice';

export type Progress = Omit<Extract<WorkerEvent, { type: 'progress' }>, 'type'>;

export interface StartupSlice {
  phase: 'loading' | 'ready' | 'failed';
  backendRequested: BackendChoice;
  backend: BackendReport | null;
  /** Long work before training can start (not an upload's progress: that is `upload`). */
  progress: Progress | null;
  /** Sends `init` (once, at start-up); `notices` are the URL's ignored parameters. */
  init(config: Partial<TrainConfig>, backend: BackendChoice, notices?: string[]): void;
  /** The worker script itself failed (load error, crash). */
  workerFailed(message: string): void;
}

/** Retries of a rejected start-up before the app gives up. */
const MAX_INIT_RETRIES = 2;

export function createStartupSlice({ set, send, pushError }: SliceContext): Slice<StartupSlice> {
  // What `init` asked for, so a rejected URL field can be dropped and retried.
  let initConfig: Partial<TrainConfig> = {};
  let initBackend: BackendChoice = 'auto';
  let initRetries = 0;
  let everReady = false;

  /**
   * Before the first `ready`, a rejected config (e.g. a URL naming a dataset that does not exist)
   * or a forced backend that cannot start must not leave a blank app: drop what was rejected and
   * try again, at most twice. The error stays on screen. A config error comes after the backend
   * started, so the retry is a `reset` (the worker refuses a second `init`); a backend failure
   * leaves the worker uninitialised, so that retry is an `init` with `auto`.
   */
  function retryInit(code: ErrorCode, fieldErrors?: FieldError[]) {
    if (initRetries >= MAX_INIT_RETRIES) {
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

  return {
    state: {
      phase: 'loading',
      backendRequested: 'auto',
      backend: null,
      progress: null,
      init(config, backend, notices = []) {
        initConfig = config;
        initBackend = backend;
        // `notices` belongs to the errors slice; start-up is the one place that fills it.
        set({ backendRequested: backend, notices, phase: 'loading' });
        send({ type: 'init', config, backend });
      },
      workerFailed(message) {
        set({ phase: 'failed', running: false });
        pushError('worker-crashed', message);
      },
    },
    onEvent(ev) {
      switch (ev.type) {
        case 'ready':
          everReady = true;
          set({ phase: 'ready', backend: ev.backend, progress: null });
          return;
        case 'progress':
          if (ev.stage !== 'upload') set({ progress: { stage: ev.stage, message: workerText(ev), fraction: ev.fraction } });
          return;
        case 'error':
          // Only a failed start-up is retried (the retries are `init` and `reset` themselves).
          if (!everReady && (ev.source === 'init' || ev.source === 'reset')) retryInit(ev.code, ev.fieldErrors);
          return;
      }
    },
  };
}
