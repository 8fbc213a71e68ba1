/**
 * Hooks for end-to-end tests, installed only in a worker started for tests: with `?testHooks=1`
 * on the page the worker is named `training-test` (src/app/workerClient.ts), with
 * `;slowBackendMs=N` added when the page also has `slowBackendMs=N`.
 *
 * - `self.__ganTest.loseDevice()` (Playwright's `worker.evaluate`) destroys the real device:
 *   `GPUDevice.destroy()` on WebGPU, `WEBGL_lose_context.loseContext()` on WebGL.
 * - `self.__ganTest.backends()`: which backends TF.js has initialized (e2e/frames-webgpu.spec.ts).
 * - `self.__ganTest.stepProbe(request)` trains a fresh run for a few steps on the active backend
 *   and reports its losses, tensors and dispatches (stepProbe.ts; e2e/fused-steps-webgpu.spec.ts).
 * - `slowBackendMs=N` makes every backend take N ms longer to start, so the window in which
 *   TF.js is "not yet initialized" is as wide as on a loaded machine (e2e/startup-race.spec.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { slowBackendStarts } from '../core/backend/engineState';
import { webglContext, webgpuDevice } from './deviceWatch';
import { stepProbe } from './stepProbe';

const TEST_WORKER_NAME = 'training-test';

export function installTestHooks(scope: { name?: string }): void {
  const [name, ...options] = (scope.name ?? '').split(';');
  if (name !== TEST_WORKER_NAME) return;
  const slow = options.find((o) => o.startsWith('slowBackendMs='));
  if (slow) slowBackendStarts(Number(slow.slice('slowBackendMs='.length)));
  (scope as { __ganTest?: unknown }).__ganTest = {
    stepProbe,
    /** The backends TF.js has initialized in this worker (a webgpu one holds a GPUDevice), and the active one. */
    backends: (): { initialized: string[]; active: string | null } => ({
      initialized: Object.keys((tf.engine() as unknown as { registry: Record<string, unknown> }).registry),
      active: (tf.engine() as unknown as { backendName: string | null }).backendName,
    }),
    /** Destroys the active backend's real device; resolves with the backend's name. */
    loseDevice(): string {
      const backend = tf.getBackend();
      if (backend === 'webgpu') webgpuDevice()?.destroy();
      else if (backend === 'webgl') webglContext()?.getExtension('WEBGL_lose_context')?.loseContext();
      else throw new Error(`loseDevice: the ${backend} backend has no GPU device`);
      return backend;
    },
  };
}
