/**
 * Brings a run back after the training worker died. The worker posts the run file of every
 * autosave (`checkpoint`); the newest is kept here, on the main thread, because a dead worker's
 * memory is gone and IndexedDB may be missing or full. When the supervisor has started a new
 * worker, `restarted` re-initialises it and opens that file; the run continues (training again
 * if it was training) and the user reads "The training worker stopped; restored from step N".
 */
import type { BackendChoice, TrainConfig } from '../core/config';
import type { Command, WorkerEvent } from '../worker/protocol';
import { t } from './i18n/i18n';
import { stopReasonText } from './lib/stopReasons';
import type { StopReason } from './lib/workerSupervisor';

export interface RecoveryHost {
  send(cmd: Command, transfer?: Transferable[]): void;
  /** The store's view of the run when the worker died. */
  running(): boolean;
  config(): Partial<TrainConfig>;
  backend(): BackendChoice;
  notice(message: string): void;
}

export interface Recovery {
  /** Every event from the worker; true when it was for recovery only (the stores need not see it). */
  observe(ev: WorkerEvent): boolean;
  /** A new worker runs in place of the dead one. */
  restarted(why: StopReason): void;
  /** The step of the checkpoint held, or null. */
  heldStep(): number | null;
}

/** The run-file name shown while the checkpoint opens ("Opened the last checkpoint at step N"). */
export const CHECKPOINT_NAME = 'the last checkpoint';

export function createRecovery(host: RecoveryHost): Recovery {
  let latest: { step: number; bytes: ArrayBuffer } | null = null;
  let restoring: { why: StopReason; resume: boolean; fromFile: boolean } | null = null;

  function finish(step: number) {
    if (!restoring) return;
    const { why, resume } = restoring;
    restoring = null;
    host.notice(t('notices.workerRestored', { why: stopReasonText(why), step }));
    if (resume) host.send({ type: 'start' });
  }

  return {
    observe(ev) {
      switch (ev.type) {
        case 'checkpoint':
          latest = { step: ev.step, bytes: ev.bytes };
          return true;
        case 'pong':
          return true;
        case 'ready':
          // Nothing was saved yet: the fresh run of the same config is all there is.
          if (restoring && !restoring.fromFile) finish(0);
          return false;
        case 'runOpened':
          if (restoring?.fromFile) finish(ev.step);
          return false;
        default:
          return false;
      }
    },
    restarted(why) {
      restoring = { why, resume: host.running(), fromFile: latest !== null };
      host.send({ type: 'init', config: host.config(), backend: host.backend() });
      if (latest) {
        // A copy: the held bytes must outlive this transfer in case the new worker dies too.
        const bytes = latest.bytes.slice(0);
        host.send({ type: 'openRun', bytes, name: CHECKPOINT_NAME }, [bytes]);
      }
    },
    heldStep: () => latest?.step ?? null,
  };
}
