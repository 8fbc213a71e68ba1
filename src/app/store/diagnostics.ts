/**
 * What the page knows of the worker's health beyond the run: the TF.js tensors it holds, from the
 * heartbeat's `pong` (about once a second). Shown in the status bar's backend details and read by
 * the soak (`npm run bench -- --soak`), whose target is a flat count over a whole lesson.
 */
import type { Slice, SliceContext } from './slice';

export interface DiagnosticsSlice {
  /** Tensors the worker held at its last heartbeat answer; null before the first. */
  workerTensors: number | null;
}

export function createDiagnosticsSlice({ set, get }: SliceContext): Slice<DiagnosticsSlice> {
  return {
    state: { workerTensors: null },
    onEvent(ev) {
      if (ev.type === 'pong' && typeof ev.tensors === 'number' && ev.tensors !== get().workerTensors) set({ workerTensors: ev.tensors });
    },
  };
}
