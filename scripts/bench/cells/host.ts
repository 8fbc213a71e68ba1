/**
 * What the benchmark measures is written once against TF.js and the core: it runs unchanged in the
 * bench Web Worker and in Node (`npm run bench -- --node`). No DOM, no worker globals: the host
 * passes in a clock, a logger, a heap probe and asset reading.
 */
import type { LoadContext } from '../../../src/core/data/types';
import type { BenchContext } from '../types';

export interface BenchHost {
  context: BenchContext;
  now(): number;
  log(text: string): void;
  /** Garbage-collects if it can and returns the JS heap in use (MB), or null. */
  heapMB(label: string): Promise<number | null>;
  /** Marks training intervals (for long tasks on the main thread). */
  training(active: boolean): void;
  readAsset: LoadContext['readAsset'];
}
