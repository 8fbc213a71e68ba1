/** Messages between the bench page and the bench worker (the page relays to the Node driver). */
import type { BenchTask, CellResult, MnistRun, ProfileResult, RingRun } from '../types';

export interface TaskStart {
  type: 'start';
  task: BenchTask;
}

export interface HeapReply {
  type: 'heap-result';
  mb: number | null;
}

export type ToWorker = TaskStart | HeapReply;

export interface BackendStarted {
  name: string;
  started: boolean;
  note: string;
  reasons: string[];
}

export interface TaskOutput {
  backend: BackendStarted;
  matmulGflops?: number | null;
  cells?: CellResult[];
  profile?: ProfileResult | null;
  ring?: RingRun;
  mnist?: MnistRun;
  /** RGBA pixels of the MNIST sample grid. */
  grid?: { width: number; height: number; rgba: Uint8ClampedArray | Uint8Array };
  gpuErrors?: string[];
}

export type FromWorker =
  | { type: 'log'; text: string }
  | { type: 'training'; active: boolean }
  | { type: 'heap'; label: string }
  | { type: 'cell'; cell: CellResult }
  | { type: 'done'; output: TaskOutput }
  | { type: 'error'; message: string };
