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
}
