/**
 * The user's own preferences for this browser (not part of a run or its link): kept in
 * localStorage, read once at start-up. Where storage is missing or refuses (private mode, a full
 * quota), the choice still holds for this page; it is just not remembered.
 */
import { create } from 'zustand';
import { isLanguage, type Language } from './i18n/languages';

export interface Prefs {
  /** Pause training while the tab is hidden, and resume it when shown if it had been training. */
  pauseWhenHidden: boolean;
  setPauseWhenHidden(on: boolean): void;
  /** The language picked in the header; null = follow the browser's languages. */
  language: Language | null;
  setLanguage(lang: Language): void;
  /** The first-visit welcome was dismissed (or a lesson chosen from it): it does not open again. */
  welcomeDismissed: boolean;
  dismissWelcome(): void;
}

export const PREFS_KEY = 'gan-playground:prefs';

/** What is stored (JSON); unknown or malformed values fall back to the defaults. */
type StoredPrefs = Pick<Prefs, 'pauseWhenHidden' | 'welcomeDismissed' | 'language'>;
const DEFAULTS: StoredPrefs = { pauseWhenHidden: false, welcomeDismissed: false, language: null };

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a sandboxed frame throws on the property itself
  }
}

export function readPrefs(store: Storage | null = storage()): StoredPrefs {
  try {
    const raw = JSON.parse(store?.getItem(PREFS_KEY) ?? 'null') as Partial<StoredPrefs> | null;
    const flag = (k: 'pauseWhenHidden' | 'welcomeDismissed') => (typeof raw?.[k] === 'boolean' ? raw[k] : DEFAULTS[k]);
    return {
      pauseWhenHidden: flag('pauseWhenHidden'),
      welcomeDismissed: flag('welcomeDismissed'),
      language: isLanguage(raw?.language) ? raw.language : DEFAULTS.language,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function writePrefs(prefs: StoredPrefs, store: Storage | null = storage()): void {
  try {
    store?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Not remembered, still in force for this page.
  }
}

export const usePrefs = create<Prefs>()((set, get) => {
  const save = (change: Partial<StoredPrefs>) => {
    set(change);
    const { pauseWhenHidden, welcomeDismissed, language } = get();
    writePrefs({ pauseWhenHidden, welcomeDismissed, language });
  };
  return {
    ...readPrefs(),
    setPauseWhenHidden: (on) => save({ pauseWhenHidden: on }),
    dismissWelcome: () => save({ welcomeDismissed: true }),
    setLanguage: (language) => save({ language }),
  };
});
