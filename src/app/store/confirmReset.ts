/**
 * "Ask before reset": a change that builds new networks (a setup picker, a dataset, a lesson)
 * goes through `askReset`, which applies it at once when there is no run to lose and otherwise
 * waits for the one confirm dialog (ConfirmResetDialog) to call `confirmReset` or `cancelReset`.
 */
import type { Slice, SliceContext } from './slice';

export interface ConfirmResetSlice {
  /** What the waiting change changes, e.g. "dataset to MNIST digits"; null when none waits. */
  resetAsk: string | null;
  /** Runs `apply` now if the run has no steps, else asks first (a newer ask replaces an older one). */
  askReset(what: string, apply: () => void): void;
  confirmReset(): void;
  cancelReset(): void;
}

export function createConfirmResetSlice({ set, get }: SliceContext): Slice<ConfirmResetSlice> {
  // The waiting change, kept out of the state (a function is not state to render).
  let waiting: (() => void) | null = null;
  return {
    state: {
      resetAsk: null,
      askReset(what, apply) {
        if (get().step > 0) {
          waiting = apply;
          set({ resetAsk: what });
        } else apply();
      },
      confirmReset() {
        const apply = waiting;
        waiting = null;
        set({ resetAsk: null });
        apply?.();
      },
      cancelReset() {
        waiting = null;
        set({ resetAsk: null });
      },
    },
  };
}
