import { describe, expect, it } from 'vitest';
import { createHiddenPause } from './hiddenPause';
import { PREFS_KEY, readPrefs } from './prefs';

function harness(enabled: boolean, running: boolean) {
  const log: string[] = [];
  const state = { enabled, running };
  const onVisibility = createHiddenPause({
    enabled: () => state.enabled,
    running: () => state.running,
    pause: () => void (log.push('pause'), (state.running = false)),
    start: () => void (log.push('start'), (state.running = true)),
  });
  return { log, state, onVisibility };
}

describe('pause while hidden', () => {
  it('on: hiding pauses a training run, showing resumes it', () => {
    const h = harness(true, true);
    h.onVisibility(true);
    expect(h.log).toEqual(['pause']);
    h.onVisibility(false);
    expect(h.log).toEqual(['pause', 'start']);
  });

  it('on: a run the user had paused stays paused when the tab comes back', () => {
    const h = harness(true, false);
    h.onVisibility(true);
    h.onVisibility(false);
    expect(h.log).toEqual([]);
  });

  it('off: nothing is paused or started', () => {
    const h = harness(false, true);
    h.onVisibility(true);
    h.onVisibility(false);
    expect(h.log).toEqual([]);
  });

  it('a second show (or a show without a hide) starts nothing', () => {
    const h = harness(true, true);
    h.onVisibility(false);
    h.onVisibility(true);
    h.onVisibility(false);
    h.onVisibility(false);
    expect(h.log).toEqual(['pause', 'start']);
  });
});

describe('readPrefs', () => {
  const fake = (value: string | null) => ({ getItem: (k: string) => (k === PREFS_KEY ? value : null) }) as unknown as Storage;
  it('reads the stored setting; anything malformed or missing is the default (off)', () => {
    expect(readPrefs(fake('{"pauseWhenHidden":true}'))).toMatchObject({ pauseWhenHidden: true, language: null });
    expect(readPrefs(fake('{"pauseWhenHidden":"yes"}'))).toMatchObject({ pauseWhenHidden: false, language: null });
    expect(readPrefs(fake('not json'))).toMatchObject({ pauseWhenHidden: false, language: null });
    expect(readPrefs(fake(null))).toMatchObject({ pauseWhenHidden: false, language: null });
    expect(readPrefs(null)).toMatchObject({ pauseWhenHidden: false, language: null });
  });
});
