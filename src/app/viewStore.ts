/**
 * What the page shows, apart from the run: projector mode, the quality measure charted, a
 * classroom link's hidden controls, the shortcut help, the stage view, the language a link fixed. UI-only state in its own small store (the
 * run's state lives in store.ts); the run link (lib/runLink.ts) reads and writes it.
 */
import { create } from 'zustand';
import type { Language } from './i18n/languages';

export interface ViewState {
  projector: boolean;
  /** Embed mode (`embed=1`): the compact layout for an iframe; fixed at start-up. */
  embed: boolean;
  quality: string | null;
  hidden: string[];
  helpOpen: boolean;
  /** The language the link fixed (it stays in the link, following the picker); null = none fixed. */
  lang: Language | null;
  /** The stage view: the samples (or points) alone, full-window. Not part of a link. */
  stage: boolean;
  setProjector(on: boolean): void;
  setQuality(key: string | null): void;
  setHidden(ids: string[]): void;
  setHelpOpen(open: boolean): void;
  setLang(lang: Language | null): void;
  setStage(on: boolean): void;
}

export const useView = create<ViewState>()((set) => ({
  projector: false,
  embed: false,
  quality: null,
  hidden: [],
  helpOpen: false,
  lang: null,
  stage: false,
  setProjector: (projector) => set({ projector }),
  setQuality: (quality) => set({ quality }),
  setHidden: (hidden) => set({ hidden }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setLang: (lang) => set({ lang }),
  setStage: (stage) => set({ stage }),
}));

/** True when a classroom link hides this control group. */
export function useHidden(id: string): boolean {
  return useView((s) => s.hidden.includes(id));
}
