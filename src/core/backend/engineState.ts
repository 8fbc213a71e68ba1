/**
 * Reads and repairs of the TF.js engine that are safe while a backend is starting.
 *
 * Why: while `tf.setBackend` initialises an async backend (wasm, webgpu), every op and
 * `tf.memory()` throws "Backend 'wasm' has not yet been initialized"; before any backend is set,
 * the same calls make TF.js start its highest-priority backend (webgpu) in the background, which
 * throws "The highest priority backend 'webgpu' has not yet been initialized" and leaves a GPU
 * device behind that nothing uses. The worker's heartbeat asks for the tensor count at any moment,
 * so it must read the engine's own bookkeeping, which needs no backend.
 */
import * as tf from '@tensorflow/tfjs';

/** Tensors alive now (what `tf.memory().numTensors` says), without touching a backend. */
export function liveTensorCount(): number {
  return tf.engine().state.numTensors;
}

interface FactoryEntry {
  factory: () => tf.KernelBackend | Promise<tf.KernelBackend>;
  priority: number;
}

/** The registration of `name` (the engine keeps the priority out of its public API). */
function registration(name: string): FactoryEntry | undefined {
  return (tf.engine() as unknown as { registryFactory: Record<string, FactoryEntry | undefined> }).registryFactory[name];
}

/**
 * Gives up on a backend start that timed out. TF.js keeps waiting for that start: until it
 * settles, every later `setBackend` leaves the engine "not yet initialized", and an outdated start
 * never clears that state. Removing and re-registering the backend makes the start obsolete and
 * the engine usable again, and the backend can still be tried later.
 */
export function abandonBackendStart(name: string): void {
  const entry = registration(name);
  if (!entry) return;
  tf.removeBackend(name);
  tf.registerBackend(name, entry.factory, entry.priority);
}

/**
 * Test only (e2e `?testHooks=1&slowBackendMs=N`, unit tests): makes every registered backend take
 * `ms` longer to start, so the window in which the engine is "not yet initialized" is wide.
 */
export function slowBackendStarts(ms: number): void {
  for (const name of ['webgpu', 'webgl', 'wasm', 'cpu']) {
    const entry = registration(name);
    if (!entry) continue;
    const { factory, priority } = entry;
    tf.removeBackend(name);
    tf.registerBackend(name, () => new Promise<tf.KernelBackend>((resolve) => setTimeout(() => resolve(factory()), ms)), priority);
  }
}
