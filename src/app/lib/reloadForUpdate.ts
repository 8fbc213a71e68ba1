/**
 * Reloading into a new version must not drop a running run: pause first, and give the worker's
 * autosave (taken when it pauses, docs/run-keeping.md) a moment to land, so the resume offer
 * brings the run back after the reload.
 */
export interface ReloadDeps {
  isRunning(): boolean;
  pause(): void;
  /** Calls back on every change of the run's state; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Resolves once the autosave after the pause is written (or it gives up). */
  savedAfterPause(): Promise<void>;
  reload(): Promise<void>;
  timeoutMs?: number;
}

export async function reloadForUpdate(deps: ReloadDeps): Promise<void> {
  if (deps.isRunning()) {
    const timeout = deps.timeoutMs ?? 5000;
    const paused = new Promise<void>((resolve) => {
      const off = deps.subscribe(() => {
        if (!deps.isRunning()) {
          off();
          resolve();
        }
      });
    });
    deps.pause();
    await Promise.race([paused.then(() => deps.savedAfterPause()), new Promise<void>((r) => setTimeout(r, timeout))]);
  }
  await deps.reload();
}
