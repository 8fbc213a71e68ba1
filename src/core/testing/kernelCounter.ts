/**
 * Counts the kernels the TF.js engine runs (by name), for the bench's kernels-per-step figure and
 * the tests that hold the step to its kernel budget. It wraps the engine's one entry point for
 * registered kernels, so it costs a counter increment per kernel and changes nothing else.
 */
import * as tf from '@tensorflow/tfjs';

interface EngineLike {
  runKernelFunc(params: { kernelName?: string }): unknown;
}

export interface KernelCounter {
  /** Kernels run since the counter was made (or last reset). */
  readonly total: number;
  /** The same, by kernel name. */
  byKind(): Map<string, number>;
  reset(): void;
  /** Unwraps the engine (counters stacked on one another must be disposed in reverse order). */
  dispose(): void;
}

export function countKernels(): KernelCounter {
  const engine = tf.engine() as unknown as EngineLike;
  const original = engine.runKernelFunc;
  let total = 0;
  let kinds = new Map<string, number>();
  engine.runKernelFunc = function (this: EngineLike, params) {
    // Custom-gradient wrappers pass no kernel name; the kernels they run inside are counted.
    if (params.kernelName != null) {
      total += 1;
      kinds.set(params.kernelName, (kinds.get(params.kernelName) ?? 0) + 1);
    }
    return original.call(this, params);
  };
  return {
    get total() {
      return total;
    },
    byKind: () => new Map(kinds),
    reset() {
      total = 0;
      kinds = new Map();
    },
    dispose() {
      engine.runKernelFunc = original;
    },
  };
}
