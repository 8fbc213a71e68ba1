/**
 * Picks the TF.js backend: webgpu → webgl → wasm → cpu (or the one the user forces), and says
 * why each better one was skipped or failed.
 *
 * Why the checks (BROWSER.md): on a machine without a GPU, WebGPU and WebGL run on SwiftShader,
 * a CPU emulation that is 5–8× slower than wasm, so `auto` only takes a *hardware* GPU.
 * `tf.setBackend` resolves false (does not throw) when it cannot start, and wasm's can hang
 * (threaded build under a minified bundle), so every attempt is checked and raced against a
 * timeout. Core stays DOM-free: browser features are reached through `globalThis`.
 */
import * as tf from '@tensorflow/tfjs';
// Registers 'webgpu' only where navigator.gpu exists; importing it in Node is harmless (checked).
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice } from './config';
import type { BackendReport } from './backendReport';
import { registerWasmTrainingKernels } from './wasmKernels';

export type { BackendReport } from './backendReport';

export type BackendName = Exclude<BackendChoice, 'auto'>;

/** Where the wasm binaries are: a URL prefix, or one URL per binary name (see wasmAssets.ts). */
export type WasmPaths = Parameters<typeof setWasmPaths>[0];

/** What a GPU probe found. `software` names the emulator when the device is one. */
export type GpuProbe = { available: false; why: string } | { available: true; software: string | null; description: string };

/** Everything selectBackend touches outside itself, injectable for tests. */
export interface BackendEnv {
  isNode: boolean;
  probeWebGPU(): Promise<GpuProbe>;
  probeWebGL(): Promise<GpuProbe>;
  setBackend(name: BackendName): Promise<boolean>;
  getBackend(): string;
  ready(): Promise<void>;
}

export interface SelectBackendOptions {
  wasmPaths?: WasmPaths;
  env?: Partial<BackendEnv>;
  /** Per attempt (probe or setBackend); wasm's setBackend has been seen to hang. */
  timeoutMs?: number;
}

const CHAIN: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const DEFAULT_TIMEOUT_MS = 20_000;

const SOFTWARE_PATTERN = /swiftshader|llvmpipe|softpipe|lavapipe|software|microsoft basic render/i;

/** The emulator's name when a GPU description denotes a software one, else null. */
export function softwareRendererName(description: string): string | null {
  const m = SOFTWARE_PATTERN.exec(description);
  return m ? m[0].toLowerCase() : null;
}

/** Fields of GPUAdapterInfo we read (typed loosely: not every browser has every field). */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** Classifies a WebGPU adapter: the emulator's name if software, else null. */
export function classifyAdapter(info: AdapterInfoLike, isFallbackAdapter = false): string | null {
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  const named = softwareRendererName(text);
  if (named) return named;
  return isFallbackAdapter || info.isFallbackAdapter ? 'fallback adapter' : null;
}

function describeAdapter(info: AdapterInfoLike): string {
  return [info.vendor, info.architecture, info.description].filter(Boolean).join(' / ') || 'unknown adapter';
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

// ── default probes (browser features through globalThis; no DOM types needed) ──────────────

/* eslint-disable @typescript-eslint/no-explicit-any */
async function probeWebGPU(): Promise<GpuProbe> {
  const gpu = (globalThis as any).navigator?.gpu;
  if (!gpu) return { available: false, why: 'navigator.gpu is missing' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { available: false, why: 'no adapter (requestAdapter() returned null)' };
  let info: AdapterInfoLike = adapter.info ?? {};
  if (!adapter.info && typeof adapter.requestAdapterInfo === 'function') info = await adapter.requestAdapterInfo();
  return { available: true, software: classifyAdapter(info, Boolean(adapter.isFallbackAdapter)), description: describeAdapter(info) };
}

async function probeWebGL(): Promise<GpuProbe> {
  const Offscreen = (globalThis as any).OffscreenCanvas;
  if (typeof Offscreen !== 'function') return { available: false, why: 'OffscreenCanvas is missing' };
  const gl = new Offscreen(1, 1).getContext('webgl2');
  if (!gl) return { available: false, why: 'no WebGL2 context' };
  try {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return { available: true, software: softwareRendererName(renderer), description: renderer };
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function defaultEnv(): BackendEnv {
  return {
    isNode: tf.env().getBool('IS_NODE'),
    probeWebGPU,
    probeWebGL,
    setBackend: (name) => tf.setBackend(name),
    getBackend: () => tf.getBackend(),
    ready: () => tf.ready(),
  };
}

// ── wasm preparation ────────────────────────────────────────────────────────────────────────

let wasmPathsSet = false;

function prepareWasm(paths: WasmPaths | undefined): void {
  registerWasmTrainingKernels();
  // Threaded wasm broke under a minified Vite build (setBackend hung) and gained nothing here:
  // the single-threaded SIMD binary is used everywhere. Flag name from flags_wasm.js.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (paths !== undefined && !wasmPathsSet) {
    setWasmPaths(paths);
    wasmPathsSet = true;
  }
}

// ── selection ───────────────────────────────────────────────────────────────────────────────

/**
 * Starts the requested backend, or the best one that works, and reports it with the reasons
 * for every better one that was skipped or failed. Throws only if even cpu fails.
 */
export async function selectBackend(requested: BackendChoice, options: SelectBackendOptions = {}): Promise<BackendReport> {
  const env: BackendEnv = { ...defaultEnv(), ...options.env };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const reasons: string[] = [];
  const start = requested === 'auto' ? 0 : CHAIN.indexOf(requested);

  for (const name of CHAIN.slice(start)) {
    const forced = name === requested;
    const failed = (why: string) => reasons.push(forced ? `${name}: requested but failed — ${why}` : `${name}: failed — ${why}`);

    let hardwareGpu = false;
    if (name === 'webgpu' || name === 'webgl') {
      if (env.isNode && !forced) {
        reasons.push(`${name}: skipped — not available in Node`);
        continue;
      }
      if (forced) {
        // A forced GPU backend runs even when emulated; the probe only says which it is.
        const probe = env.isNode ? null : await withTimeout(name === 'webgpu' ? env.probeWebGPU() : env.probeWebGL(), timeoutMs, `${name} probe`).catch(() => null);
        hardwareGpu = Boolean(probe?.available && !probe.software);
      } else {
        let probe: GpuProbe;
        try {
          probe = await withTimeout(name === 'webgpu' ? env.probeWebGPU() : env.probeWebGL(), timeoutMs, `${name} probe`);
        } catch (e) {
          reasons.push(`${name}: skipped — probe failed: ${message(e)}`);
          continue;
        }
        if (!probe.available) {
          reasons.push(`${name}: skipped — ${probe.why}`);
          continue;
        }
        if (probe.software) {
          reasons.push(`${name}: skipped — software ${name === 'webgpu' ? 'adapter' : 'renderer'} (${probe.software}) is slower than wasm here`);
          continue;
        }
        hardwareGpu = true;
      }
    }

    try {
      if (name === 'wasm') prepareWasm(options.wasmPaths);
      const ok = await withTimeout(env.setBackend(name), timeoutMs, `setBackend('${name}')`);
      if (!ok) {
        failed(`setBackend('${name}') resolved false`);
        continue;
      }
      await withTimeout(env.ready(), timeoutMs, `${name} ready`);
      const active = env.getBackend();
      if (active !== name) {
        failed(`active backend is '${active}' after setBackend('${name}')`);
        continue;
      }
      return { name, reasons, requested, hardwareGpu };
    } catch (e) {
      failed(message(e));
    }
  }
  throw new Error(`no TF.js backend could start: ${reasons.join('; ')}`);
}
