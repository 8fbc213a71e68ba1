/**
 * Counts the GPU dispatches the WebGPU backend records (by program), for the bench's
 * dispatches-per-step figure. On WebGPU a kernel is not a dispatch: a reshape or a contiguous
 * slice dispatches nothing, a kernel that falls back to the CPU (WEBGPU_CPU_FORWARD) neither, and
 * a fused program is one dispatch for several kernels' work; what a step costs there is mostly
 * its dispatches (each a bind group, a uniform upload and a queue entry). It wraps the backend's
 * one place that records a dispatch, `recordAndSubmit`, so it changes nothing else.
 *
 * On any other backend the counter is inert (`available` false, `total` 0).
 */
import * as tf from '@tensorflow/tfjs';

interface ProgramLike {
  constructor: { name: string };
  shaderKey?: string;
}

interface RecordingBackend {
  recordAndSubmit(program: ProgramLike, ...rest: unknown[]): unknown;
}

export interface DispatchCounter {
  /** Whether the active backend records dispatches this counter can see (webgpu). */
  readonly available: boolean;
  /** Dispatches recorded since the counter was made (or last reset). */
  readonly total: number;
  /** The same, by program (its class name, or the first word of its shader key). */
  byProgram(): Map<string, number>;
  /**
   * The same, by the engine kernel that recorded them (`Kernel:Program`), or by program alone for
   * a program run outside the engine (the fused kernels); empty unless made with `byKernel`.
   */
  byKernel(): Map<string, number>;
  reset(): void;
  /** Stops or restarts counting (to leave out what other code dispatches while the counted code awaits). */
  pause(paused: boolean): void;
  /** Unwraps the backend (counters stacked on one another must be disposed in reverse order). */
  dispose(): void;
}

/** The program's name: its class (TF.js's programs), else its shader key's first word (plain-object programs, minified builds). */
function programName(p: ProgramLike): string {
  const name = p.constructor?.name;
  if (name && name.length > 2 && name !== 'Object') return name;
  return p.shaderKey?.split(/[_\s]/)[0] ?? 'program';
}

interface EngineLike {
  runKernelFunc(params: { kernelName?: string }): unknown;
}

/** `byKernel`: also attribute each dispatch to the engine kernel running it (a wrapper per kernel run). */
export function countDispatches(options: { byKernel?: boolean } = {}): DispatchCounter {
  const backend = tf.getBackend() === 'webgpu' ? (tf.backend() as unknown as RecordingBackend) : null;
  const available = backend !== null && typeof backend.recordAndSubmit === 'function';
  let total = 0;
  let counting = true;
  let kinds = new Map<string, number>();
  let kernels = new Map<string, number>();
  // The outermost engine kernel now running (a kernel may run others inside it, e.g. Conv2DBackpropInput's reshapes).
  let current: string | null = null;
  const engine = tf.engine() as unknown as EngineLike;
  const engineOriginal = engine.runKernelFunc;
  const attributing = available && options.byKernel === true;
  if (attributing) {
    engine.runKernelFunc = function (this: EngineLike, params) {
      const outer = current;
      current ??= params.kernelName ?? null;
      try {
        return engineOriginal.call(this, params);
      } finally {
        current = outer;
      }
    };
  }
  const own = available ? Object.prototype.hasOwnProperty.call(backend, 'recordAndSubmit') : false;
  const original = available ? backend!.recordAndSubmit : null;
  if (available) {
    backend!.recordAndSubmit = function (this: RecordingBackend, program: ProgramLike, ...rest: unknown[]) {
      if (!counting) return original!.call(this, program, ...rest);
      total += 1;
      const name = programName(program);
      kinds.set(name, (kinds.get(name) ?? 0) + 1);
      if (attributing) {
        const key = current ? `${current}:${name}` : name;
        kernels.set(key, (kernels.get(key) ?? 0) + 1);
      }
      return original!.call(this, program, ...rest);
    };
  }
  return {
    available,
    get total() {
      return total;
    },
    byProgram: () => new Map(kinds),
    byKernel: () => new Map(kernels),
    reset() {
      total = 0;
      kinds = new Map();
      kernels = new Map();
    },
    pause(paused: boolean) {
      counting = !paused;
    },
    dispose() {
      if (!available) return;
      if (attributing) engine.runKernelFunc = engineOriginal;
      // Put back exactly what was there: an own property, or the prototype's method.
      if (own) backend!.recordAndSubmit = original!;
      else delete (backend as Partial<RecordingBackend>).recordAndSubmit;
    },
  };
}
