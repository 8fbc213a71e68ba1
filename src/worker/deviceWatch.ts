/**
 * Notices when the GPU under the active TF.js backend goes away: WebGPU's `GPUDevice.lost`
 * promise, WebGL's `webglcontextlost` event on TF.js's own OffscreenCanvas, and a synchronous
 * `isLost()` for the session to ask between training slices (WebGL's event comes a task after the
 * loss, and a lost WebGL context reads back zeros or never signals its fences). What to do about a
 * loss is deviceLoss.ts's business; this file only reaches into the backends.
 *
 * Test hook: with `?testHooks=1` on the page the worker is named `training-test`, and then
 * `self.__ganTest.loseDevice()` (Playwright's `worker.evaluate`) destroys the real device:
 * `GPUDevice.destroy()` on WebGPU, `WEBGL_lose_context.loseContext()` on WebGL.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../core/backend/backendReport';

export interface DeviceWatch {
  /** True once the watched device is known to be gone. */
  isLost(): boolean;
  /** Stops listening (a new backend is watched instead). */
  dispose(): void;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
interface WebGpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

function webgpuDevice(): WebGpuDeviceLike | null {
  const b = tf.findBackend('webgpu') as any;
  return b?.device ?? null;
}

function webglContext(): any {
  const b = tf.findBackend('webgl') as any;
  return b?.gpgpu?.gl ?? null;
}

/** Watches the device of backend `name` (a no-op for wasm and cpu); `onLost` is called once. */
export function watchDevice(name: BackendName | string, onLost: (reason: string) => void): DeviceWatch {
  let lost = false;
  let live = true;
  const report = (reason: string) => {
    if (lost || !live) return;
    lost = true;
    onLost(reason);
  };
  if (name === 'webgpu') {
    const device = webgpuDevice();
    if (!device) return { isLost: () => false, dispose: () => {} };
    void device.lost.then((info) => report([info.reason, info.message].filter(Boolean).join(': ') || 'device lost'));
    return { isLost: () => lost, dispose: () => void (live = false) };
  }
  if (name === 'webgl') {
    const gl = webglContext();
    const canvas = gl?.canvas;
    if (!gl || typeof canvas?.addEventListener !== 'function') return { isLost: () => false, dispose: () => {} };
    const onEvent = (ev: { statusMessage?: string }) => report(ev.statusMessage ? `context lost: ${ev.statusMessage}` : 'WebGL context lost');
    canvas.addEventListener('webglcontextlost', onEvent);
    return {
      isLost: () => {
        if (!lost && live && gl.isContextLost()) report('WebGL context lost');
        return lost;
      },
      dispose: () => {
        live = false;
        canvas.removeEventListener('webglcontextlost', onEvent);
      },
    };
  }
  return { isLost: () => false, dispose: () => {} };
}

/** Installs `self.__ganTest.loseDevice()` (and `extra`'s hooks) when the worker was started for tests. */
export function installTestHooks(scope: { name?: string }, extra: Record<string, unknown> = {}): void {
  if (scope.name !== 'training-test') return;
  (scope as any).__ganTest = {
    ...extra,
    /** Destroys the active backend's real device; resolves with the backend's name. */
    loseDevice(): string {
      const name = tf.getBackend();
      if (name === 'webgpu') webgpuDevice()?.destroy();
      else if (name === 'webgl') webglContext()?.getExtension('WEBGL_lose_context')?.loseContext();
      else throw new Error(`loseDevice: the ${name} backend has no GPU device`);
      return name;
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
