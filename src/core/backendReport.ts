/**
 * What the backend selection reports, TF-free so the protocol (and through it the UI) can name it
 * without pulling TF.js into the UI bundle.
 */
import type { BackendChoice } from './config';

export interface BackendReport {
  /** The backend that runs, e.g. 'wasm'. */
  name: string;
  /** Why each better backend was skipped or failed, in the order they were tried. */
  reasons: string[];
  /** What the user asked for. */
  requested: BackendChoice;
  /** True when the backend runs on a real GPU (not an emulator): bigger models are the default then. */
  hardwareGpu: boolean;
  /** wasm only: the threads XNNPACK runs on (1 when single-threaded), and why no more. */
  threads?: { count: number; note: string };
  /** `auto` only: backends that passed their probes, in the order tried (the first one runs). */
  candidates?: BackendName[];
  /** `auto` only: what identifies this device for cached calibrations (GPU names, core count). */
  deviceId?: string;
  /** `auto` only: what the per-model calibration chose and why. */
  calibration?: string;
}

export type BackendName = Exclude<BackendChoice, 'auto'>;
