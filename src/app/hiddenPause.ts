/**
 * "Pause training while this tab is hidden" (a preference, prefs.ts): on hide it pauses a run
 * that is training, and on return it starts again only the run it paused itself (a run the user
 * had paused stays paused). Off, a hidden tab trains on as before (its charts hold, usePageVisible).
 */
export interface HiddenPauseHost {
  enabled(): boolean;
  running(): boolean;
  pause(): void;
  start(): void;
}

/** Call with each visibility change; it remembers whether it paused the run. */
export function createHiddenPause(host: HiddenPauseHost): (hidden: boolean) => void {
  let pausedByHide = false;
  return (hidden) => {
    if (hidden) {
      if (host.enabled() && host.running()) {
        pausedByHide = true;
        host.pause();
      }
      return;
    }
    if (!pausedByHide) return;
    pausedByHide = false;
    // Always sent (the worker ignores a start while training): the store may not yet know of the
    // pause if the tab came back at once. Turning the setting off while hidden strands nothing.
    host.start();
  };
}
