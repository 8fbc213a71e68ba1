/** Steady-state timing: ours and the plain loop in interleaved windows, with their first steps apart. */
import { countDispatches, type DispatchCounter } from '../../../src/core/testing/dispatchCounter';
import { countKernels } from '../../../src/core/testing/kernelCounter';
import { pairedSpeedup, rateSpread, sig, steadyStepsPerSec, type TimedWindow } from '../stats';
import type { PhaseMeasure } from '../types';
import type { BenchHost } from './host';
import type { Runner } from './runners';

/** A timed window ends at the first device sync after this long. */
const WINDOW_MS = 500;
const MAX_WINDOWS = 12;

export interface PairMeasure {
  ours: PhaseMeasure;
  plain: PhaseMeasure;
  /** Median of the per-pair rate ratios ours/plain over interleaved windows. */
  speedup: number | null;
}

/**
 * Measures ours and the plain loop side by side: each one's first step alone (it pays shader
 * compilation: minutes on SwiftShader WebGPU, reported apart), ≥ 1 warm-up step each, then
 * timed windows alternating ours, plain, ours, plain… so the noise of a shared machine hits both
 * alike. The cap (ms) starts after the first steps; the backend's budget bounds those.
 */
export async function measurePair(ours: Runner, plain: Runner, batchSize: number, capMs: number, host: BenchHost, predictedStepMs: number | null): Promise<PairMeasure> {
  const empty = (skipped: string, firstStepSec: number | null = null): PhaseMeasure => ({
    stepsPerSec: null,
    imagesPerSec: null,
    firstStepSec: firstStepSec === null ? null : sig(firstStepSec, 3),
    windows: 0,
    timedSteps: 0,
    spread: null,
    skipped,
  });
  // Per side: first step + 1 warm-up + 2 timed steps is the least that gives a figure.
  if (predictedStepMs !== null && predictedStepMs * 6 > capMs) {
    const why = `time cap (≥ ${(predictedStepMs / 1000).toFixed(1)} s/step predicted from the conv ceiling; cap ${(capMs / 1000).toFixed(0)} s)`;
    // WebGPU: a second step of ours still gives its dispatches per step (the count does not depend
    // on the timing; the first step builds one-off state), when two steps fit 1.5× the cap.
    const dispatchesPerStep = predictedStepMs * 2 <= capMs * 1.5 ? await secondStepDispatches(ours) : null;
    return { ours: { ...empty(why), ...(dispatchesPerStep !== null ? { dispatchesPerStep } : {}) }, plain: empty(why), speedup: null };
  }
  const { now } = host;
  const runners = [ours, plain];
  host.training(true);
  // Dispatches (webgpu only) are counted from the warm-up steps on, so a cell that hits its time
  // cap after one warm-up step still has its figure.
  let dispatches: DispatchCounter | null = null;
  try {
    const firstMs = [0, 0];
    for (let k = 0; k < 2; k++) {
      const t = now();
      await runners[k].step();
      await runners[k].sync();
      firstMs[k] = now() - t;
    }
    const start = now();
    const lastStepMs = [0, 0];
    dispatches = countDispatches();
    const counted = dispatches;
    const warm = [
      { steps: 0, dispatches: 0 },
      { steps: 0, dispatches: 0 },
    ];
    const warmPerStep = (k: number) => (counted.available && warm[k].steps > 0 ? sig(warm[k].dispatches / warm[k].steps, 4) : null);
    const skip = (why: string) => ({
      ours: { ...empty(why, firstMs[0] / 1000), dispatchesPerStep: warmPerStep(0) },
      plain: { ...empty(why, firstMs[1] / 1000), dispatchesPerStep: warmPerStep(1) },
      speedup: null,
    });
    for (let k = 0; k < 2; k++) {
      let steps = 0;
      const t0 = now();
      while (steps < 1 || now() - t0 < WINDOW_MS / 2) {
        if (steps > 0 && now() - start + lastStepMs[k] * 4 > capMs) {
          return skip(`time cap (step ≈ ${(lastStepMs[k] / 1000).toFixed(1)} s after a first step of ${(firstMs[k] / 1000).toFixed(1)} s; cap ${(capMs / 1000).toFixed(0)} s)`);
        }
        const t = now();
        const d0 = counted.total;
        await runners[k].step();
        await runners[k].sync();
        warm[k].dispatches += counted.total - d0;
        warm[k].steps += 1;
        lastStepMs[k] = now() - t;
        steps++;
      }
    }
    const windows: TimedWindow[][] = [[], []];
    const kernels = [0, 0];
    const windowDispatches = [0, 0];
    const counter = countKernels();
    try {
      await timedWindows();
    } finally {
      counter.dispose();
    }
    // One function, so the kernel counter is unwrapped however the windows end.
    async function timedWindows() {
      while (windows[1].length < MAX_WINDOWS) {
        const elapsed = now() - start;
        const pairMs = Math.max(WINDOW_MS, lastStepMs[0]) + Math.max(WINDOW_MS, lastStepMs[1]);
        if (windows[1].length >= 2 && elapsed + pairMs > capMs) break;
        if (windows[1].length < 2 && elapsed + pairMs > capMs * 1.2) break;
        for (let k = 0; k < 2; k++) {
          const t0 = now();
          const k0 = counter.total;
          const d0 = counted.total;
          const steps = await runners[k].window(WINDOW_MS);
          await runners[k].sync();
          const ms = now() - t0;
          kernels[k] += counter.total - k0;
          windowDispatches[k] += counted.total - d0;
          windows[k].push({ steps, ms });
          lastStepMs[k] = ms / steps;
        }
      }
    }
    if (windows[1].length === 0) return skip(`time cap (steps ≈ ${(lastStepMs[0] / 1000).toFixed(1)} s / ${(lastStepMs[1] / 1000).toFixed(1)} s)`);
    const phase = (k: number): PhaseMeasure => {
      const sps = steadyStepsPerSec(windows[k], 1);
      const timedSteps = windows[k].reduce((a, w) => a + w.steps, 0);
      return {
        kernelsPerStep: sig(kernels[k] / timedSteps, 4),
        dispatchesPerStep: counted.available ? sig(windowDispatches[k] / timedSteps, 4) : null,
        msPerStep: sig(1000 / sps, 4),
        stepsPerSec: sig(sps, 4),
        imagesPerSec: sig(sps * batchSize, 4),
        firstStepSec: sig(firstMs[k] / 1000, 3),
        windows: windows[k].length,
        timedSteps: windows[k].reduce((a, w) => a + w.steps, 0),
        spread: sig(rateSpread(windows[k]), 2),
      };
    };
    return { ours: phase(0), plain: phase(1), speedup: sig(pairedSpeedup(windows[0], windows[1], 1), 3) };
  } finally {
    dispatches?.dispose();
    host.training(false);
  }
}

/** The dispatches of `runner`'s second step (webgpu), or null where the backend records none. */
async function secondStepDispatches(runner: Runner): Promise<number | null> {
  const probe = countDispatches();
  probe.dispose();
  if (!probe.available) return null;
  await runner.step();
  await runner.sync();
  const counter = countDispatches();
  try {
    await runner.step();
    await runner.sync();
    return counter.total;
  } finally {
    counter.dispose();
  }
}
