import { describe, expect, it } from 'vitest';
import { PREFS_KEY, readPrefs, writePrefs } from './prefs';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('prefs', () => {
  it('remembers a dismissed welcome next to the other preferences', () => {
    const store = memoryStorage();
    expect(readPrefs(store)).toEqual({ pauseWhenHidden: false, welcomeDismissed: false, language: null });
    writePrefs({ pauseWhenHidden: true, welcomeDismissed: true, language: null }, store);
    expect(readPrefs(store)).toEqual({ pauseWhenHidden: true, welcomeDismissed: true, language: null });
  });

  it('reads older or malformed entries with the defaults', () => {
    const store = memoryStorage();
    store.setItem(PREFS_KEY, JSON.stringify({ pauseWhenHidden: true }));
    expect(readPrefs(store)).toEqual({ pauseWhenHidden: true, welcomeDismissed: false, language: null });
    store.setItem(PREFS_KEY, '{not json');
    expect(readPrefs(store)).toEqual({ pauseWhenHidden: false, welcomeDismissed: false, language: null });
    store.setItem(PREFS_KEY, JSON.stringify({ welcomeDismissed: 'yes' }));
    expect(readPrefs(store).welcomeDismissed).toBe(false);
  });
});
