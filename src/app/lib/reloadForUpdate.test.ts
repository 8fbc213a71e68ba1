import { describe, expect, it } from 'vitest';
import { reloadForUpdate, type ReloadDeps } from './reloadForUpdate';

function fakeRun(running: boolean) {
  const log: string[] = [];
  const listeners = new Set<() => void>();
  const deps: ReloadDeps = {
    isRunning: () => running,
    pause: () => {
      log.push('pause');
      // The worker answers a moment later.
      setTimeout(() => {
        running = false;
        listeners.forEach((l) => l());
      }, 5);
    },
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    savedAfterPause: async () => void log.push('saved'),
    reload: async () => void log.push('reload'),
    timeoutMs: 1000,
  };
  return { deps, log };
}

describe('reloadForUpdate', () => {
  it('reloads at once when nothing trains', async () => {
    const { deps, log } = fakeRun(false);
    await reloadForUpdate(deps);
    expect(log).toEqual(['reload']);
  });

  it('pauses a running run and waits for its autosave before reloading', async () => {
    const { deps, log } = fakeRun(true);
    await reloadForUpdate(deps);
    expect(log).toEqual(['pause', 'saved', 'reload']);
  });

  it('still reloads when the worker never answers the pause', async () => {
    const { deps, log } = fakeRun(true);
    deps.pause = () => void log.push('pause');
    deps.timeoutMs = 20;
    await reloadForUpdate(deps);
    expect(log).toEqual(['pause', 'reload']);
  });
});
