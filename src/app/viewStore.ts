/**
 * What the page shows, apart from the run: projector mode, the quality measure charted, a
 * classroom link's hidden controls, the shortcut help, the stage view. UI-only state in its own small store (the
 * run's state lives in store.ts); the run link (lib/runLink.ts) reads and writes it.
 */
import { create } from 'zustand';

export interface ViewState {
  projector: boolean;
  quality: string | null;
  hidden: string[];
  helpOpen: boolean;
  /** The stage view: the samples (or points) alone, full-window. Not part of a link. */
  stage: boolean;
  setProjector(on: boolean): void;
  setQuality(key: string | null): void;
  setHidden(ids: string[]): void;
  setHelpOpen(open: boolean): void;
  setStage(on: boolean): void;
}

export const useView = create<ViewState>()((set) => ({
  projector: false,
  quality: null,
  hidden: [],
  helpOpen: false,
  stage: false,
  setProjector: (projector) => set({ projector }),
  setQuality: (quality) => set({ quality }),
  setHidden: (hidden) => set({ hidden }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setStage: (stage) => set({ stage }),
}));

/** True when a classroom link hides this control group. */
export function useHidden(id: string): boolean {
  return useView((s) => s.hidden.includes(id));
}
