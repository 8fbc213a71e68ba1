/**
 * What every slice of the app store is made of. A slice owns a few fields and actions of
 * `AppState`; it may also fold worker events (`onEvent`) and forget the previous run (`onNewRun`).
 * Slices read and write the whole state through `set`/`get`, so one may react to another's
 * fields, but each field is written by the slice that declares it unless a comment says otherwise.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { FieldError } from '../../core/config';
import type { Command, WorkerEvent } from '../../worker/protocol';
import type { AppError, AppState } from './appStore';
import type { ExportedFile } from '../lib/exports';

export type Send = (cmd: Command) => void;

export interface StoreOptions {
  /** How often charts may recompute (ms); tests pass 0 or a small value. */
  chartIntervalMs?: number;
  /** Re-render each chart in its own task (the browser; tests leave it off). */
  staggerCharts?: boolean;
  /** Receives each finished worker-built export (the browser turns it into a download). */
  onExportFile?: (file: ExportedFile) => void;
}

export interface SliceContext {
  set: StoreApi<AppState>['setState'];
  get: StoreApi<AppState>['getState'];
  send: Send;
  options: StoreOptions;
  /** Every slice forgets the previous run (new weights): history, frames, speed, lab measures. */
  newRun(): void;
  /** Shows an error (kept to the newest five). */
  pushError(code: AppError['code'], message: string, fieldErrors?: FieldError[]): void;
}

export interface Slice<T> {
  /** The slice's initial fields and its actions. */
  state: T;
  /** Folds one worker event; called for every event, in the order the slices are composed. */
  onEvent?(ev: WorkerEvent): void;
  /** Called by `ctx.newRun()`. */
  onNewRun?(): void;
}

export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
