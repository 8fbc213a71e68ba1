/**
 * Picks the TF.js backend: webgpu → webgl → wasm → cpu (or the one the user forces), and says
 * why each better one was skipped or failed.
 *
 * Why the checks (docs/ARCHITECTURE.md, TF.js facts): on a machine without a GPU, WebGPU and WebGL run on SwiftShader,
 * a CPU emulation that is 5–8× slower than wasm, so `auto` only takes a *hardware* GPU.
 * `tf.setBackend` resolves false (does not throw) when it cannot start, and wasm's can hang
 * (threaded build under a minified bundle), so every attempt is checked and raced against a
 * timeout. Core stays DOM-free: browser features are reached through `globalThis`.
 */
import * as tf from '@tensorflow/tfjs';
// Registers 'webgpu' only where navigator.gpu exists; importing it in Node is harmless (checked).
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice } from '../config';
import { BACKEND_ORDER, type BackendName, type BackendReport } from './backendReport';
import { registerWasmTrainingKernels } from './wasmKernels';
import { registerCpuTrainingKernels } from './resizeGradKernel';
import { abandonBackendStart } from './engineState';

export type { BackendReport } from './backendReport';

export type { BackendName } from './backendReport';

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
  crossOriginIsolated(): boolean;
  /** The wasm backend's thread count, after it started. */
  wasmThreadsCount(): number;
  hardwareConcurrency(): number;
  /** Gives up on a start that timed out, so the engine can start another backend (engineState.ts). */
  abandonStart(name: BackendName): void;
}

export interface SelectBackendOptions {
  wasmPaths?: WasmPaths;
  env?: Partial<BackendEnv>;
  /** Per attempt (probe or setBackend); wasm's setBackend has been seen to hang. */
  timeoutMs?: number;
  /** Backends not to try, with the reason the report gives (a lost GPU device: worker/deviceLoss.ts). */
  skip?: Partial<Record<BackendName, string>>;
}

const CHAIN = BACKEND_ORDER;
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

class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms / 1000} s`)), ms);
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
    crossOriginIsolated: () => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    wasmThreadsCount: () => {
      try {
        return getThreadsCount();
      } catch {
        return 1; // a fake setBackend in tests never initialised the real module
      }
    },
    hardwareConcurrency: () => (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1,
    abandonStart: abandonBackendStart,
  };
}

function envOf(options: SelectBackendOptions): BackendEnv {
  const env: BackendEnv = { ...defaultEnv(), ...options.env };
  // A fake setBackend never touched the engine: there is no real start to give up on.
  if (options.env?.setBackend && !options.env.abandonStart) env.abandonStart = () => {};
  return env;
}

// ── wasm preparation ────────────────────────────────────────────────────────────────────────

let wasmPathsSet = false;

/**
 * Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages (COOP
 * `same-origin` + COEP `require-corp`). Node's wasm backend never uses threads.
 */
function threadsAllowed(env: BackendEnv): { ok: boolean; why: string } {
  if (env.isNode) return { ok: false, why: 'Node: tfjs-backend-wasm runs single-threaded there' };
  if (!env.crossOriginIsolated())
    return { ok: false, why: 'single-threaded: the page is not cross-origin isolated (the server must send COOP same-origin and COEP require-corp)' };
  return { ok: true, why: '' };
}

function prepareWasm(paths: WasmPaths | undefined, threads: boolean): void {
  registerWasmTrainingKernels();
  // The threaded binary is used only where the page allows it; elsewhere the flag's own probe
  // could still pick it and then fail to start workers. Flag name from flags_wasm.js.
  if (!threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (paths !== undefined && !wasmPathsSet) {
    setWasmPaths(paths);
    wasmPathsSet = true;
  }
}

/** What the wasm backend runs on, once it started: the pool size is capped by the backend itself. */
function wasmThreads(allowed: { ok: boolean; why: string }, count: number, hardwareConcurrency: number): { count: number; note: string } {
  if (!allowed.ok) return { count: 1, note: allowed.why };
  // XNNPACK's pool is min(requested, 8, cores / 2): on a 2-core machine that is one thread.
  return { count, note: count > 1 ? `${count} threads` : `threaded build, 1 thread (the backend uses half of the ${hardwareConcurrency} cores)` };
}

// ── selection ───────────────────────────────────────────────────────────────────────────────

type GpuVerdict = { ok: true; description: string } | { ok: false; why: string };

/** Probes a GPU backend for `auto`: only a hardware device is worth trying. */
async function probeHardware(name: 'webgpu' | 'webgl', env: BackendEnv, timeoutMs: number): Promise<GpuVerdict> {
  if (env.isNode) return { ok: false, why: 'not available in Node' };
  let probe: GpuProbe;
  try {
    probe = await withTimeout(name === 'webgpu' ? env.probeWebGPU() : env.probeWebGL(), timeoutMs, `${name} probe`);
  } catch (e) {
    return { ok: false, why: `probe failed: ${message(e)}` };
  }
  if (!probe.available) return { ok: false, why: probe.why };
  if (probe.software) return { ok: false, why: `software ${name === 'webgpu' ? 'adapter' : 'renderer'} (${probe.software}) is slower than wasm here` };
  return { ok: true, description: probe.description };
}

/** Makes `name` the active backend, or says why it could not start. */
async function startBackend(
  name: BackendName,
  env: BackendEnv,
  options: SelectBackendOptions,
): Promise<{ ok: true; threads: { ok: boolean; why: string } | null } | { ok: false; why: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const threads = name === 'wasm' ? threadsAllowed(env) : null;
    if (threads) prepareWasm(options.wasmPaths, threads.ok);
    const ok = await withTimeout(env.setBackend(name), timeoutMs, `setBackend('${name}')`);
    if (!ok) return { ok: false, why: `setBackend('${name}') resolved false` };
    await withTimeout(env.ready(), timeoutMs, `${name} ready`);
    const active = env.getBackend();
    if (active !== name) return { ok: false, why: `active backend is '${active}' after setBackend('${name}')` };
    return { ok: true, threads };
  } catch (e) {
    if (e instanceof TimeoutError) env.abandonStart(name);
    return { ok: false, why: message(e) };
  }
}

/** Switches to a backend that `selectBackend` listed as a candidate (for calibration). */
export async function activateBackend(name: BackendName, options: SelectBackendOptions = {}): Promise<boolean> {
  return (await startBackend(name, envOf(options), options)).ok;
}

/**
 * Starts the requested backend, or the best one that works, and reports it with the reasons
 * for every better one that was skipped or failed. Throws only if even cpu fails. For `auto` the
 * report also lists the candidates a per-model calibration may choose between.
 */
export async function selectBackend(requested: BackendChoice, options: SelectBackendOptions = {}): Promise<BackendReport> {
  const env = envOf(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const reasons: string[] = [];
  const devices: string[] = [];
  const start = requested === 'auto' ? 0 : CHAIN.indexOf(requested);
  // The cpu fallback (and any test that ends there) trains with the corrected kernels.
  registerCpuTrainingKernels();

  for (const [i, name] of CHAIN.slice(start).entries()) {
    const forced = name === requested;
    const skipped = options.skip?.[name];
    if (skipped !== undefined) {
      reasons.push(`${name}: skipped — ${skipped}`);
      continue;
    }
    let hardwareGpu = false;
    if (name === 'webgpu' || name === 'webgl') {
      if (forced) {
        // A forced GPU backend runs even when emulated; the probe only says which it is.
        const probe = env.isNode
          ? null
          : await withTimeout(name === 'webgpu' ? env.probeWebGPU() : env.probeWebGL(), timeoutMs, `${name} probe`).catch(() => null);
        hardwareGpu = Boolean(probe?.available && !probe.software);
      } else {
        const verdict = await probeHardware(name, env, timeoutMs);
        if (!verdict.ok) {
          reasons.push(`${name}: skipped — ${verdict.why}`);
          continue;
        }
        devices.push(verdict.description);
        hardwareGpu = true;
      }
    }

    const started = await startBackend(name, env, options);
    if (!started.ok) {
      reasons.push(forced ? `${name}: requested but failed — ${started.why}` : `${name}: failed — ${started.why}`);
      continue;
    }
    const report: BackendReport = { name, reasons, requested, hardwareGpu };
    if (started.threads) report.threads = wasmThreads(started.threads, env.wasmThreadsCount(), env.hardwareConcurrency());
    if (requested === 'auto') {
      const candidates: BackendName[] = [name];
      for (const later of CHAIN.slice(start + i + 1)) {
        if (options.skip?.[later] !== undefined) continue;
        if (later === 'webgpu' || later === 'webgl') {
          const verdict = await probeHardware(later, env, timeoutMs);
          if (!verdict.ok) continue;
          devices.push(verdict.description);
        }
        candidates.push(later);
      }
      report.candidates = candidates;
      report.deviceId = [...devices, `${env.hardwareConcurrency()} cores`].join(' | ');
    }
    return report;
  }
  throw new Error(`no TF.js backend could start: ${reasons.join('; ')}`);
}
