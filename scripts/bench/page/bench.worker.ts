/// <reference lib="webworker" />
/**
 * The bench's Web Worker: starts the task's backend and runs the shared measurements
 * (scripts/bench/cells/), streaming each cell to the page as it completes so a time cap that
 * terminates this worker loses nothing already measured.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../src/core/backend/backend';
import type { BackendChoice } from '../../../src/core/config';
import { wasmPaths } from '../../../src/worker/wasmAssets';
import { runBackend } from '../cells/backend';
import type { BenchHost } from '../cells/host';
import { mnistRun } from '../cells/mnist';
import { ringRun } from '../cells/ring';
import type { BackendStarted, FromWorker, TaskOutput, ToWorker } from './protocol';
import type { BenchTask } from '../types';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
let heapWaiter: ((mb: number | null) => void) | null = null;
const gpuErrors: string[] = [];

const host: BenchHost = {
  context: 'browser-worker',
  now: () => performance.now(),
  log: (text) => post({ type: 'log', text }),
  heapMB: (label) =>
    new Promise((resolve) => {
      heapWaiter = resolve;
      post({ type: 'heap', label });
    }),
  training: (active) => post({ type: 'training', active }),
  async readAsset(path) {
    const response = await fetch(new URL(`/${path}`, scope.location.origin));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.arrayBuffer();
  },
};

/* eslint-disable @typescript-eslint/no-explicit-any */
async function describeDevice(name: string): Promise<string> {
  try {
    if (name === 'webgpu') {
      const adapter = await (navigator as any).gpu?.requestAdapter();
      const info = adapter?.info ?? {};
      const device = (tf.backend() as any).device;
      device?.addEventListener?.('uncapturederror', (e: any) => gpuErrors.push(String(e?.error?.message ?? e)));
      return `adapter: ${[info.vendor, info.architecture, info.description].filter(Boolean).join(' / ') || 'unknown'}${adapter?.isFallbackAdapter || info.isFallbackAdapter ? ' (fallback)' : ''}`;
    }
    if (name === 'webgl') {
      const gl = (tf.backend() as any).gpgpu?.gl as WebGL2RenderingContext | undefined;
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      return `renderer: ${gl ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'unknown'}`;
    }
    if (name === 'wasm') return 'single-threaded SIMD + app kernels';
  } catch (e) {
    return `(no device info: ${(e as Error).message})`;
  }
  return 'plain JavaScript';
}
/* eslint-enable @typescript-eslint/no-explicit-any */

async function start(requested: BackendChoice): Promise<BackendStarted> {
  try {
    const r = await selectBackend(requested, { wasmPaths, timeoutMs: 60_000 });
    const started = requested === 'auto' || r.name === requested;
    return { name: r.name, started, reasons: r.reasons, note: started ? await describeDevice(r.name) : r.reasons.join('; ') };
  } catch (e) {
    return { name: requested, started: false, reasons: [], note: (e as Error).message };
  }
}

async function run(task: BenchTask): Promise<TaskOutput> {
  if (task.kind === 'backend') {
    const backend = await start(task.backend);
    if (!backend.started) return { backend };
    post({ type: 'log', text: `${task.backend}: started (${backend.note})` });
    const out = await runBackend(task, host, (cell) => post({ type: 'cell', cell }));
    return { backend, matmulGflops: out.matmulGflops, profile: out.profile, gpuErrors };
  }
  const backend = await start('auto');
  if (task.kind === 'ring') {
    return { backend, ring: await ringRun(backend.name, backend.reasons, task.minSteps, task.capSec, host) };
  }
  const { run: mnist, grid } = await mnistRun(backend.name, task.seconds, host);
  return { backend, mnist, grid: { width: grid.width, height: grid.height, rgba: grid.pixels } };
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'heap-result') {
    heapWaiter?.(msg.mb);
    heapWaiter = null;
    return;
  }
  run(msg.task).then(
    (output) => post({ type: 'done', output }),
    (err: unknown) => post({ type: 'error', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) }),
  );
};
