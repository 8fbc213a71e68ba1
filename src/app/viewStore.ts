/**
 * What the page shows, apart from the run: projector mode, the quality measure charted, a
 * classroom link's hidden controls, the shortcut help. UI-only state in its own small store (the
 * run's state lives in store.ts); the run link (lib/runLink.ts) reads and writes it.
 */
import { create } from 'zustand';

export interface ViewState {
  projector: boolean;
  /** Embed mode (`embed=1`): the compact layout for an iframe; fixed at start-up. */
  embed: boolean;
  quality: string | null;
  hidden: string[];
  helpOpen: boolean;
  setProjector(on: boolean): void;
  setQuality(key: string | null): void;
  setHidden(ids: string[]): void;
  setHelpOpen(open: boolean): void;
}

export const useView = create<ViewState>()((set) => ({
  projector: false,
  embed: false,
  quality: null,
  hidden: [],
  helpOpen: false,
  setProjector: (projector) => set({ projector }),
  setQuality: (quality) => set({ quality }),
  setHidden: (hidden) => set({ hidden }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));

/** True when a classroom link hides this control group. */
export function useHidden(id: string): boolean {
  return useView((s) => s.hidden.includes(id));
}
