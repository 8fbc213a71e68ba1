/**
 * Notices when the GPU under the active TF.js backend goes away: WebGPU's `GPUDevice.lost`
 * promise, WebGL's `webglcontextlost` event on TF.js's own OffscreenCanvas, and a synchronous
 * `isLost()` for the session to ask between training slices (WebGL's event comes a task after the
 * loss, and a lost WebGL context reads back zeros or never signals its fences). What to do about a
 * loss is deviceLoss.ts's business; this file only reaches into the backends.
 *
 * The test hook that destroys the real device is in testHooks.ts.
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

export function webgpuDevice(): WebGpuDeviceLike | null {
  const b = tf.findBackend('webgpu') as any;
  return b?.device ?? null;
}

export function webglContext(): any {
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

/* eslint-enable @typescript-eslint/no-explicit-any */
