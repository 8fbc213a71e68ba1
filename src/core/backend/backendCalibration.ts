/**
 * `auto` picks the backend by measurement, per model: a GPU is not always faster. On an NVIDIA H200
 * the 2-D MLP trained at a third of wasm's rate on WebGPU (per-kernel overhead rules tiny models),
 * while the convolutional models ran 4–15× faster there. So each candidate that can start runs a
 * few warm training steps of the actual model, and the fastest wins. The result is cached per
 * device and model, so the next visit is instant.
 *
 * Pure logic: starting a backend, timing steps, the clock and the cache are injected, so tests
 * drive it with fake backends.
 */
import type { BackendChoice } from '../config';

type BackendName = Exclude<BackendChoice, 'auto'>;

/** The whole calibration's budget: a user waits for it once per device and model. */
export const CALIBRATION_BUDGET_MS = 3000;
/** The fewest steps a trial runs (warm-up and one timed step): a blocking backend must fit them in its share. */
export const STEPS_PER_TRIAL = 3;

export interface CalibrationEnv {
  /** Makes `name` the active backend; false (or a throw) when it cannot start. */
  activate(name: BackendName): Promise<boolean>;
  /**
   * Gives up on an activation that outran its share. Without it the start goes on and, when it
   * ends, TF.js makes that backend the active one under whatever was chosen meanwhile.
   */
  abandon?(name: BackendName): void;
  /**
   * Milliseconds per training step of the model on the active backend, after warm-up, spending
   * about `budgetMs`. Rejects when the backend fails on the model.
   */
  measure(name: BackendName, budgetMs: number): Promise<number>;
  /**
   * A lower bound on one step's time from the model's FLOPs and the backend's known ceiling, or
   * null when unknown. Steps on wasm and cpu block the thread and cannot be timed out, so a
   * candidate predicted to need more than its share is not run at all.
   */
  predictMs(name: BackendName): number | null;
  /** Resolves after `ms` (a hang guard; injected so tests need no real time). */
  sleep(ms: number): Promise<void>;
}

export interface CachedChoice {
  chosen: BackendName;
  summary: string;
  /** When it was measured (ms since the epoch). */
  at: number;
}

export interface CalibrationCache {
  get(key: string): Promise<CachedChoice | undefined>;
  set(key: string, value: CachedChoice): Promise<void>;
}

export interface Measurement {
  name: BackendName;
  /** ms per step, or null when it was not measured (see `note`). */
  msPerStep: number | null;
  note: string;
}

export interface Calibration {
  chosen: BackendName;
  /** One line for the status bar, e.g. "wasm — measured 3.0× faster than webgpu for this model". */
  summary: string;
  measurements: Measurement[];
  fromCache: boolean;
}

/** The cache key: the same device (GPU, cores) and the same model reuse a measurement. */
export function calibrationKey(deviceId: string, model: string): string {
  return `${deviceId}|${model}`;
}

function timeout<T>(p: Promise<T>, ms: number, sleep: (ms: number) => Promise<void>, what: string): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`${what} did not finish within ${(ms / 1000).toFixed(1)} s`)))]);
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function ratio(slow: number, fast: number): string {
  return `${(slow / fast).toFixed(1)}×`;
}

/** The status line for a set of measurements and the winner. */
export function describeCalibration(chosen: BackendName, measurements: Measurement[], model: string): string {
  const winner = measurements.find((m) => m.name === chosen);
  const others = measurements.filter((m) => m.name !== chosen && m.msPerStep !== null);
  if (winner?.msPerStep != null && others.length) {
    const next = others.reduce((a, b) => ((a.msPerStep as number) < (b.msPerStep as number) ? a : b));
    return `${chosen} — measured ${ratio(next.msPerStep as number, winner.msPerStep)} faster than ${next.name} for ${model} (${winner.msPerStep.toFixed(1)} vs ${(next.msPerStep as number).toFixed(1)} ms per step)`;
  }
  const skipped = measurements.filter((m) => m.name !== chosen).map((m) => `${m.name}: ${m.note}`);
  return `${chosen} — the only candidate measured for ${model}${skipped.length ? ` (${skipped.join('; ')})` : ''}`;
}

/**
 * Measures each candidate (in the order given, best guess first) within the budget and returns
 * the fastest. With one candidate nothing is measured. A candidate that fails, hangs or is
 * predicted too slow for its share is recorded with the reason and loses. The chosen backend is
 * left active.
 */
export async function calibrate(
  candidates: BackendName[],
  model: string,
  env: CalibrationEnv,
  cache?: { store: CalibrationCache; key: string; now: () => number },
  budgetMs = CALIBRATION_BUDGET_MS,
): Promise<Calibration> {
  if (candidates.length === 0) throw new Error('calibrate: no candidate backends');
  if (cache) {
    const hit = await cache.store.get(cache.key).catch(() => undefined);
    if (hit && candidates.includes(hit.chosen) && (await env.activate(hit.chosen).catch(() => false))) {
      return { chosen: hit.chosen, summary: `${hit.summary} (measured ${new Date(hit.at).toISOString().slice(0, 10)})`, measurements: [], fromCache: true };
    }
  }
  // Steps on wasm and cpu block the thread and cannot be timed out: a candidate predicted to need
  // more than a fair share is not run at all.
  const measurements: Measurement[] = [];
  const fairShare = budgetMs / candidates.length;
  const runnable = candidates.filter((name) => {
    const predicted = env.predictMs(name);
    if (predicted === null || predicted * STEPS_PER_TRIAL <= fairShare) return true;
    measurements.push({ name, msPerStep: null, note: `not measured: ≥ ${(predicted / 1000).toFixed(1)} s per step predicted from the model's FLOPs` });
    return false;
  });
  if (runnable.length <= 1) {
    const only = runnable[0] ?? candidates[0];
    if (!(await env.activate(only).catch(() => false))) throw new Error(`calibrate: ${only} could not start`);
    const skipped = measurements.filter((m) => m.name !== only).map((m) => `${m.name}: ${m.note}`);
    const summary = `${only} — the only backend worth measuring for ${model}${skipped.length ? ` (${skipped.join('; ')})` : ''}`;
    return { chosen: only, summary, measurements, fromCache: false };
  }

  const share = budgetMs / runnable.length;
  for (const name of runnable) {
    try {
      const started = await timeout(env.activate(name), share, env.sleep, `starting ${name}`).catch((e: unknown) => {
        env.abandon?.(name);
        throw e;
      });
      if (!started) {
        measurements.push({ name, msPerStep: null, note: 'could not start' });
        continue;
      }
      // A hang (a lost device, a stuck shader compile) must not stall the run: twice the share, then it loses.
      const ms = await timeout(env.measure(name, share), 2 * share, env.sleep, `timing ${name}`);
      measurements.push({ name, msPerStep: ms, note: `${ms.toFixed(1)} ms per step` });
    } catch (e) {
      measurements.push({ name, msPerStep: null, note: message(e) });
    }
  }

  const measured = measurements.filter((m): m is Measurement & { msPerStep: number } => m.msPerStep !== null);
  // Nothing measured (all failed or too slow to try): keep the first candidate that starts.
  let chosen: BackendName | null = measured.length ? measured.reduce((a, b) => (b.msPerStep < a.msPerStep ? b : a)).name : null;
  if (chosen === null || !(await env.activate(chosen).catch(() => false))) {
    chosen = null;
    for (const name of candidates) {
      if (await env.activate(name).catch(() => false)) {
        chosen = name;
        break;
      }
    }
  }
  if (chosen === null) throw new Error(`calibrate: no candidate could start (${measurements.map((m) => `${m.name}: ${m.note}`).join('; ')})`);
  const summary = describeCalibration(chosen, measurements, model);
  // Only a real comparison is worth keeping: a candidate that merely failed to warm up in time
  // (a first shader compile, say) gets another chance on the next visit.
  if (cache && measured.length >= 2) await cache.store.set(cache.key, { chosen, summary, at: cache.now() }).catch(() => undefined);
  return { chosen, summary, measurements, fromCache: false };
}
