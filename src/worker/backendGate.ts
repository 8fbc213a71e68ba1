/**
 * One backend switch at a time in the worker, and a way for other work to wait until none is in
 * flight. A switch (starting the first backend, measuring candidates for `auto`, falling back
 * after a lost GPU device) leaves TF.js unusable until the new backend has started: an op run in
 * that window throws "Backend 'wasm' has not yet been initialized". The command queue already
 * keeps runs and steps apart from switches; previews, uploads and exports run beside the queue,
 * so they wait here first.
 */
export interface BackendGate {
  /** Runs a switch after any switch in flight; others wait until it has settled. */
  hold<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when no switch is in flight. */
  settled(): Promise<void>;
}

export function createBackendGate(): BackendGate {
  let last: Promise<unknown> = Promise.resolve();
  return {
    hold(work) {
      const run = last.then(work, work);
      last = run.catch(() => undefined);
      return run;
    },
    async settled() {
      // A switch may be queued behind the one awaited: wait until the chain stops growing.
      for (let seen = last; ; seen = last) {
        await seen;
        if (seen === last) return;
      }
    },
  };
}
