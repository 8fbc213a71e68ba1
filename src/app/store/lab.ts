/**
 * The regularization lab's measures (quality over the run, newest weight statistics) and the
 * lesson whose panel is showing.
 */
import { addQuality, EMPTY_QUALITY } from '../lib/labState';
import type { QualityState, WeightsFrame } from '../lib/labState';
import type { Slice, SliceContext } from './slice';

export interface LabSlice {
  /** Quality measures over the run. */
  quality: QualityState;
  /** The newest weight histograms and per-layer norms. */
  weights: WeightsFrame | null;
  /** The lesson whose explanation is showing (UI only: the worker never hears of it). */
  activeLesson: string | null;
  showLesson(id: string | null): void;
}

export function createLabSlice({ set }: SliceContext): Slice<LabSlice> {
  return {
    state: {
      quality: EMPTY_QUALITY,
      weights: null,
      activeLesson: null,
      showLesson(id) {
        set({ activeLesson: id });
      },
    },
    onNewRun() {
      set({ quality: EMPTY_QUALITY, weights: null });
    },
    onEvent(ev) {
      if (ev.type === 'quality') set((s) => ({ quality: addQuality(s.quality, ev) }));
      else if (ev.type === 'weights') set({ weights: ev });
    },
  };
}
