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
  /** The summary as data (absent in entries cached before it existed). */
  facts?: CalibrationFacts;
  /** When it was measured (ms since the epoch). */
  at: number;
}

export interface CalibrationCache {
  get(key: string): Promise<CachedChoice | undefined>;
  set(key: string, value: CachedChoice): Promise<void>;
}

/** What became of one candidate, as data; `noteText` words it in English. */
export type MeasurementWhy =
  | { kind: 'measured'; ms: string }
  /** Not run: `seconds` per step predicted from the model's FLOPs. */
  | { kind: 'predicted'; seconds: string }
  | { kind: 'noStart' }
  /** Starting it or timing its steps outran its share of the budget. */
  | { kind: 'timeout'; stage: 'starting' | 'timing'; seconds: string }
  /** It failed; `detail` is the error's own text. */
  | { kind: 'error'; detail: string };

export interface Measurement {
  name: BackendName;
  /** ms per step, or null when it was not measured (see `note`). */
  msPerStep: number | null;
  note: string;
  why: MeasurementWhy;
}

/**
 * The calibration's verdict as data, so a page can word it in its own language; `describeFacts`
 * is its English (the CLI's and the logs'). Numbers are strings as the English writes them
 * (one decimal), so both languages quote the same figures.
 */
export type CalibrationFacts = (
  | { kind: 'faster'; chosen: BackendName; other: BackendName; model: string; ratio: string; ms: string; otherMs: string }
  /** One candidate was measured (`worth`: the others were not worth running at all); why not the others. */
  | { kind: 'only'; chosen: BackendName; model: string; worth: boolean; skipped: { name: BackendName; why: MeasurementWhy }[] }
  /** Measuring failed as a whole (the worker keeps the backend that started first). */
  | { kind: 'notMeasured'; detail: string }
) & {
  /** Set when the choice came from the cache: the day it was measured, YYYY-MM-DD. */
  measuredOn?: string;
};

export interface Calibration {
  chosen: BackendName;
  /** One line for the status bar, e.g. "wasm — measured 3.0× faster than webgpu for this model". */
  summary: string;
  /** The summary as data (absent when a cache entry older than it was reused). */
  facts?: CalibrationFacts;
  measurements: Measurement[];
  fromCache: boolean;
}

/** The cache key: the same device (GPU, cores) and the same model reuse a measurement. */
export function calibrationKey(deviceId: string, model: string): string {
  return `${deviceId}|${model}`;
}

/** A start or a timing that outran its share: the stage and the limit, for the note. */
class CalibrationTimeout extends Error {
  constructor(
    readonly stage: 'starting' | 'timing',
    readonly seconds: string,
    name: BackendName,
  ) {
    super(`${stage} ${name} did not finish within ${seconds} s`);
  }
}

function timeout<T>(p: Promise<T>, ms: number, sleep: (ms: number) => Promise<void>, stage: 'starting' | 'timing', name: BackendName): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new CalibrationTimeout(stage, (ms / 1000).toFixed(1), name)))]);
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A candidate's note in English ("12.0 ms per step", "could not start", …). */
export function noteText(why: MeasurementWhy, name: BackendName): string {
  switch (why.kind) {
    case 'measured':
      return `${why.ms} ms per step`;
    case 'predicted':
      return `not measured: ≥ ${why.seconds} s per step predicted from the model's FLOPs`;
    case 'noStart':
      return 'could not start';
    case 'timeout':
      return `${why.stage} ${name} did not finish within ${why.seconds} s`;
    case 'error':
      return why.detail;
  }
}

function measurement(name: BackendName, msPerStep: number | null, why: MeasurementWhy): Measurement {
  return { name, msPerStep, note: noteText(why, name), why };
}

/** The status line's English for the facts. */
export function describeFacts(facts: CalibrationFacts): string {
  let line: string;
  if (facts.kind === 'faster') {
    line = `${facts.chosen} — measured ${facts.ratio}× faster than ${facts.other} for ${facts.model} (${facts.ms} vs ${facts.otherMs} ms per step)`;
  } else if (facts.kind === 'only') {
    const skipped = facts.skipped.map((m) => `${m.name}: ${noteText(m.why, m.name)}`);
    line = `${facts.chosen} — the only ${facts.worth ? 'backend worth measuring' : 'candidate measured'} for ${facts.model}${skipped.length ? ` (${skipped.join('; ')})` : ''}`;
  } else {
    line = `not measured: ${facts.detail}`;
  }
  return facts.measuredOn ? `${line} (measured ${facts.measuredOn})` : line;
}

/** The verdict for a set of measurements and the winner. */
export function calibrationFacts(chosen: BackendName, measurements: Measurement[], model: string): CalibrationFacts {
  const winner = measurements.find((m) => m.name === chosen);
  const others = measurements.filter((m) => m.name !== chosen && m.msPerStep !== null);
  if (winner?.msPerStep != null && others.length) {
    const next = others.reduce((a, b) => ((a.msPerStep as number) < (b.msPerStep as number) ? a : b));
    const slow = next.msPerStep as number;
    return {
      kind: 'faster',
      chosen,
      other: next.name,
      model,
      ratio: (slow / winner.msPerStep).toFixed(1),
      ms: winner.msPerStep.toFixed(1),
      otherMs: slow.toFixed(1),
    };
  }
  const skipped = measurements.filter((m) => m.name !== chosen).map((m) => ({ name: m.name, why: m.why }));
  return { kind: 'only', chosen, model, worth: false, skipped };
}

/** The status line for a set of measurements and the winner. */
export function describeCalibration(chosen: BackendName, measurements: Measurement[], model: string): string {
  return describeFacts(calibrationFacts(chosen, measurements, model));
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
      const measuredOn = new Date(hit.at).toISOString().slice(0, 10);
      const facts = hit.facts && { ...hit.facts, measuredOn };
      return { chosen: hit.chosen, summary: `${hit.summary} (measured ${measuredOn})`, ...(facts ? { facts } : {}), measurements: [], fromCache: true };
    }
  }
  // Steps on wasm and cpu block the thread and cannot be timed out: a candidate predicted to need
  // more than a fair share is not run at all.
  const measurements: Measurement[] = [];
  const fairShare = budgetMs / candidates.length;
  const runnable = candidates.filter((name) => {
    const predicted = env.predictMs(name);
    if (predicted === null || predicted * STEPS_PER_TRIAL <= fairShare) return true;
    measurements.push(measurement(name, null, { kind: 'predicted', seconds: (predicted / 1000).toFixed(1) }));
    return false;
  });
  if (runnable.length <= 1) {
    const only = runnable[0] ?? candidates[0];
    if (!(await env.activate(only).catch(() => false))) throw new Error(`calibrate: ${only} could not start`);
    const skipped = measurements.filter((m) => m.name !== only).map((m) => ({ name: m.name, why: m.why }));
    const facts: CalibrationFacts = { kind: 'only', chosen: only, model, worth: true, skipped };
    return { chosen: only, summary: describeFacts(facts), facts, measurements, fromCache: false };
  }

  const share = budgetMs / runnable.length;
  for (const name of runnable) {
    try {
      const started = await timeout(env.activate(name), share, env.sleep, 'starting', name).catch((e: unknown) => {
        env.abandon?.(name);
        throw e;
      });
      if (!started) {
        measurements.push(measurement(name, null, { kind: 'noStart' }));
        continue;
      }
      // A hang (a lost device, a stuck shader compile) must not stall the run: twice the share, then it loses.
      const ms = await timeout(env.measure(name, share), 2 * share, env.sleep, 'timing', name);
      measurements.push(measurement(name, ms, { kind: 'measured', ms: ms.toFixed(1) }));
    } catch (e) {
      const why: MeasurementWhy =
        e instanceof CalibrationTimeout ? { kind: 'timeout', stage: e.stage, seconds: e.seconds } : { kind: 'error', detail: message(e) };
      measurements.push(measurement(name, null, why));
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
  const facts = calibrationFacts(chosen, measurements, model);
  const summary = describeFacts(facts);
  // Only a real comparison is worth keeping: a candidate that merely failed to warm up in time
  // (a first shader compile, say) gets another chance on the next visit.
  if (cache && measured.length >= 2) await cache.store.set(cache.key, { chosen, summary, facts, at: cache.now() }).catch(() => undefined);
  return { chosen, summary, facts, measurements, fromCache: false };
}
