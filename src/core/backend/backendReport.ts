/**
 * What the backend selection reports, TF-free so the protocol (and through it the UI) can name it
 * without pulling TF.js into the UI bundle.
 */
import type { BackendChoice } from '../config';
import type { CalibrationFacts } from './backendCalibration';

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
  /** `auto` only: what the per-model calibration chose and why, in English (the CLI's, the logs'). */
  calibration?: string;
  /** The same as data, for the page to word in its language (absent from an older worker or cache entry). */
  calibrationFacts?: CalibrationFacts;
  /** Set when this backend took over from one whose GPU device was lost (worker/deviceLoss.ts). */
  deviceLost?: { backend: BackendName; reason: string; step: number };
}

/** The order backends are tried in: the fastest kind first. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * After `lost`'s device went away, the backends not to try and why: the lost one, and those
 * before it in BACKEND_ORDER (the next one that works takes over, never a "better" one the first
 * selection had already passed over). Those after it are tried as `auto` tries them: a GPU one
 * only on real hardware.
 */
export function fallbackSkips(lost: BackendName, reason: string): Partial<Record<BackendName, string>> {
  const skip: Partial<Record<BackendName, string>> = {};
  for (const name of BACKEND_ORDER) {
    if (name === lost) {
      skip[name] = `its GPU device was lost (${reason})`;
      break;
    }
    skip[name] = `comes before the lost ${lost} (only later backends take over)`;
  }
  return skip;
}

export type BackendName = Exclude<BackendChoice, 'auto'>;
