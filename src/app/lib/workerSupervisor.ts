/**
 * Keeps a training worker alive: a crashed worker reports an error event, but a closed or hung
 * one says nothing at all, so the supervisor pings it and expects any message back in time. On
 * either it terminates the worker, starts a new one and hands control to `onRestart`, which
 * re-initialises the run and restores it from the latest saved state.
 *
 * Timers and the worker are injected, so Node tests drive it with fakes and a fake clock.
 */

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null;
  onmessageerror: ((e: unknown) => void) | null;
}

/** What happened to the old worker, for the page to word in its language (lib/stopReasons.ts). */
export type StopReason =
  /** It reported an uncaught error (`detail`: the error's own text, empty when it gave none). */
  { kind: 'crashed'; detail: string } | { kind: 'unreadable' } | { kind: 'silent'; seconds: number };

export interface SupervisorOptions {
  create(): WorkerLike;
  /** Every message from the live worker. */
  onMessage(data: unknown): void;
  /** A new worker runs; `why` says what happened to the old one. Send init and restore here. */
  onRestart(why: StopReason, attempt: number): void;
  /** No new worker will be started (too many restarts in a row). */
  onGiveUp(why: StopReason): void;
  /** The ping message the worker answers (any message counts as an answer). */
  ping: unknown;
  /** How often to ping, and how long a silence counts as a hang. */
  pingEveryMs?: number;
  silenceMs?: number;
  /** Restarts allowed without a message from the new worker in between. */
  maxRestarts?: number;
  /** While false (e.g. while a long load or compile is known to run), silence is not a hang. */
  expectAnswers?(): boolean;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

export interface Supervisor {
  send(message: unknown, transfer?: Transferable[]): void;
  /** Restarts now (also used by tests and by a device-loss report). */
  restart(why: StopReason): void;
  dispose(): void;
}

export const PING_EVERY_MS = 1000;
/**
 * Longer than any stretch the worker runs without yielding, with room for a loaded machine: the
 * longest (the first step of a conditional MNIST run, ~0.4 s here when quiet) took several times
 * that with other CPU-bound programs running, and at 8 s a reset from the ring to an MNIST lesson
 * was taken for a hang and its run lost. A worker that really hangs is replaced 12 s later than
 * before; one wrongly replaced loses what it trained since its last checkpoint.
 */
export const SILENCE_MS = 20_000;

export function superviseWorker(opts: SupervisorOptions): Supervisor {
  const pingEvery = opts.pingEveryMs ?? PING_EVERY_MS;
  const silence = opts.silenceMs ?? SILENCE_MS;
  const maxRestarts = opts.maxRestarts ?? 3;
  let worker: WorkerLike;
  let lastHeard = opts.now();
  let restartsInARow = 0;
  let stopped = false;

  const attach = () => {
    worker = opts.create();
    lastHeard = opts.now();
    worker.onmessage = (e) => {
      lastHeard = opts.now();
      restartsInARow = 0;
      opts.onMessage(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      restart({ kind: 'crashed', detail: e.message ?? '' });
    };
    worker.onmessageerror = () => restart({ kind: 'unreadable' });
  };

  function restart(why: StopReason): void {
    if (stopped) return;
    worker.onmessage = worker.onerror = worker.onmessageerror = null;
    worker.terminate();
    if (restartsInARow >= maxRestarts) {
      stopped = true;
      opts.clearInterval(timer);
      opts.onGiveUp(why);
      return;
    }
    restartsInARow += 1;
    attach();
    opts.onRestart(why, restartsInARow);
  }

  attach();
  const timer = opts.setInterval(() => {
    if (stopped) return;
    const quiet = opts.now() - lastHeard;
    if (quiet >= silence && (opts.expectAnswers?.() ?? true)) {
      restart({ kind: 'silent', seconds: Math.round(quiet / 1000) });
      return;
    }
    worker.postMessage(opts.ping);
  }, pingEvery);

  return {
    send: (message, transfer) => worker.postMessage(message, transfer ?? []),
    restart,
    dispose() {
      stopped = true;
      opts.clearInterval(timer);
      worker.terminate();
    },
  };
}
