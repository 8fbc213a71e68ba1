/**
 * What the worker does when the GPU device under its backend is lost (a driver reset, a GPU
 * process crash, `device.destroy()`): the tensors on it are gone, but the loop's newest checkpoint
 * (Trainer.checkpointSnapshot) is plain typed arrays in CPU memory. So: stop the old loop (or
 * abandon it if it hangs on the dead device), start the next backend that works
 * (core/backend/backendReport.ts `fallbackSkips`), rebuild the run from that checkpoint with its history
 * up to there, train on if it was training, and say so: "The GPU device was lost (reason);
 * continuing on wasm from step N."
 *
 * Which checkpoint: the newest one the loop held at a moment the device was seen healthy
 * (`check()`, between slices). A checkpoint read after the loss, before anyone noticed, may hold
 * zeros (a lost WebGL context reads back nothing), so it is not trusted.
 *
 * Everything outside is injected (the session's hooks, the watcher), so Node tests drive it with a
 * fake lost backend.
 */
import type { BackendChoice, LiveHyperparams, TrainConfig } from '../core/config';
import { fallbackSkips, type BackendName, type BackendReport } from '../core/backend/backendReport';
import type { RunSnapshot } from '../core/runfile/runSnapshot';
import type { DeviceWatch } from './deviceWatch';
import { worded, type Worded } from './wording';

/** What recovery needs of the run's (A's) trainer. */
export interface LossTrainer {
  readonly config: TrainConfig;
  readonly hyperparams: LiveHyperparams;
  readonly checkpointSnapshot: RunSnapshot | null;
}

export interface DeviceLossHost {
  backend(): BackendReport | null;
  /** The loaded run, or null. */
  run(): { trainer: LossTrainer; running: boolean; isTwin: boolean } | null;
  /** Ends the old run's loop; one stuck on the dead device is given up on after a while. */
  abandon(): Promise<void>;
  selectBackend(requested: BackendChoice, skip: Partial<Record<BackendName, string>>): Promise<BackendReport>;
  /**
   * Installs `backend` and rebuilds the run on it from `snapshot` (or fresh from `config` when no
   * checkpoint exists yet: the same seed gives the same step-0 weights) with `live` in force.
   */
  reinstall(backend: BackendReport, snapshot: RunSnapshot | null, config: TrainConfig, live: LiveHyperparams): Promise<boolean>;
  start(): void;
  /** Worded messages (wording.ts): the page shows them in its language. */
  notice(text: Worded): void;
  fail(text: Worded): void;
}

export type WatchDevice = (name: string, onLost: (reason: string) => void) => DeviceWatch;

export interface DeviceLoss {
  /** The backend now running: watch its device (again, if it changed). */
  watch(name: string): void;
  /** Between training slices: true when the device is lost (recovery has begun; stop training). */
  check(): boolean;
  /**
   * An internal error to show with `show`. On a GPU backend it waits GRACE_MS first: destroying a
   * device fails the read-backs in flight ("Buffer was unmapped…") a moment before `lost`
   * resolves, and an error the loss explains is not shown (the recovery's notice is). One that
   * names a lost device, with no loss event by then, starts the recovery itself.
   */
  report(message: string, show: () => void): void;
  /** Resolves once a recovery under way has finished. */
  settled(): Promise<void>;
}

/** How long an error on a GPU backend waits for a device loss to explain it. */
export const GRACE_MS = 1000;

/** How long a loop stuck on the dead device (a read-back that never resolves) is waited for. */
export const ABANDON_AFTER_MS = 3000;

/** TF.js's wording when the device went away under an op or a read-back. */
const LOST_ERROR = /device (is |was )?lost|lost device|destroyed device|device.*destroyed|context.?lost|CONTEXT_LOST/i;

export function isDeviceLostError(message: string): boolean {
  return LOST_ERROR.test(message);
}

export function createDeviceLoss(host: DeviceLossHost, watchDevice: WatchDevice): DeviceLoss {
  let watched: { name: string; watch: DeviceWatch } | null = null;
  let trusted: { trainer: LossTrainer; snapshot: RunSnapshot | null } | null = null;
  let recovering: Promise<void> | null = null;
  let losses = 0;

  function lost(name: string, reason: string): void {
    if (recovering || host.backend()?.name !== name) return;
    losses++;
    recovering = recover(name as BackendName, reason).finally(() => void (recovering = null));
  }

  async function recover(name: BackendName, reason: string): Promise<void> {
    const r = host.run();
    const trainer = r?.trainer ?? null;
    // The newest checkpoint seen while the device was healthy; without a healthy look, the loop's own.
    const snapshot = trainer ? (trusted?.trainer === trainer ? trusted.snapshot : trainer.checkpointSnapshot) : null;
    const wasRunning = r?.running ?? false;
    const live = trainer?.hyperparams;
    const config = trainer?.config;
    watched?.watch.dispose();
    watched = null;
    await host.abandon();
    const previous = host.backend();
    let report: BackendReport;
    try {
      report = await host.selectBackend('auto', fallbackSkips(name, reason));
    } catch (e) {
      const detail = (e as Error).message;
      host.fail(
        worded(
          'deviceLostNoBackend',
          { reason, detail },
          `The GPU device was lost (${reason}) and no other backend could start: ${detail}. Reload the page to try again.`,
        ),
      );
      return;
    }
    const step = snapshot?.step ?? 0;
    // Keeps what the user asked for; no candidates, so no calibration second-guesses the fallback.
    const { candidates: _c, deviceId: _d, calibration: _k, calibrationFacts: _f, ...rest } = report;
    const next: BackendReport = { ...rest, requested: previous?.requested ?? 'auto', deviceLost: { backend: name, reason, step } };
    if (!config || !live) {
      host.notice(worded('deviceLostNowOn', { reason, backend: next.name }, `The GPU device was lost (${reason}); now on ${next.name}.`));
      return;
    }
    let installed: boolean;
    try {
      installed = await host.reinstall(next, snapshot, config, live);
    } catch (e) {
      const detail = (e as Error).message;
      host.fail(
        worded(
          'deviceLostNotRebuilt',
          { reason, backend: next.name, detail },
          `The GPU device was lost (${reason}) and the run could not be rebuilt on ${next.name}: ${detail}`,
        ),
      );
      return;
    }
    if (!installed) return; // reinstall reported why
    const twin = r?.isTwin ? ' Run B of the twin could not be kept (only A is checkpointed for this).' : '';
    const at = step.toLocaleString('en-US');
    const values = { reason, backend: next.name, step, twin: r?.isTwin ? 'lost' : 'none' };
    host.notice(
      wasRunning
        ? worded('deviceLostContinuing', values, `The GPU device was lost (${reason}); continuing on ${next.name} from step ${at}.${twin}`)
        : worded('deviceLostPaused', values, `The GPU device was lost (${reason}); the run is on ${next.name} at step ${at} (paused, as it was).${twin}`),
    );
    if (wasRunning) host.start();
  }

  return {
    watch(name) {
      if (watched?.name === name && !watched.watch.isLost()) return;
      watched?.watch.dispose();
      const watch = watchDevice(name, (reason) => lost(name, reason));
      watched = { name, watch };
    },
    check() {
      if (recovering) return true;
      if (watched?.watch.isLost()) return true;
      const trainer = host.run()?.trainer;
      if (trainer) trusted = { trainer, snapshot: trainer.checkpointSnapshot };
      return false;
    },
    report(message, show) {
      const explained = () => recovering !== null || watched?.watch.isLost() === true;
      if (explained()) return;
      const name = host.backend()?.name;
      if (name !== 'webgpu' && name !== 'webgl') return show();
      const seen = losses;
      setTimeout(() => {
        if (losses !== seen || explained()) return;
        // TF.js's own words for a lost device (no event came): that is the loss; else a plain error.
        if (isDeviceLostError(message)) lost(name, message);
        else show();
      }, GRACE_MS);
    },
    settled: () => recovering ?? Promise.resolve(),
  };
}
