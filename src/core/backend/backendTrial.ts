/**
 * The calibration's measuring hands: it times real training steps of the run's own model on the
 * active backend, and predicts a lower bound for backends whose steps block the thread.
 */
import type { TrainConfig } from '../config';
import type { Dataset } from '../data/types';
import type { CalibrationEnv } from './backendCalibration';
import type { BackendName } from './backend';
import { summarizeModel } from '../models/specs';
import { Trainer } from '../train/trainer';

/**
 * Generous ceilings (GFLOP/s) for a lower bound on a step's time: above what the bench measured on
 * this project's machines (wasm's matMul 24–37, cpu's about 1), so a prediction never rules out a
 * backend that could have won. GPU steps are asynchronous and can be timed out instead.
 */
const OPTIMISTIC_GFLOPS: Partial<Record<BackendName, number>> = { wasm: 60, cpu: 2 };

/** Warm-up steps before timing: the first ones compile shaders or grow buffers. */
const WARMUP_STEPS = 2;
/** Enough to tell backends apart (they differ by multiples, not percents) in well under the budget. */
const MAX_TIMED_STEPS = 8;

export function predictStepMs(config: TrainConfig, backend: BackendName): number | null {
  const gflops = OPTIMISTIC_GFLOPS[backend];
  if (!gflops) return null;
  const flops = summarizeModel(config.model, config.latentDim, config.dSteps).flopsPerImage * config.batchSize;
  return flops / (gflops * 1e6);
}

/** Milliseconds per step: a throwaway trainer of the same config, warmed up, then timed to a device sync. */
export async function measureStepMs(config: TrainConfig, dataset: Dataset, budgetMs: number, now: () => number): Promise<number> {
  const trainer = new Trainer(config, dataset);
  try {
    const warmStart = now();
    for (let i = 0; i < WARMUP_STEPS; i++) {
      trainer.trainStep();
      await trainer.flushMetrics();
      // A backend this slow has lost already: its warm-up time is an upper bound, good enough to rank it.
      const elapsed = now() - warmStart;
      if (elapsed > budgetMs) return elapsed / (i + 1);
    }
    const left = Math.max(budgetMs - (now() - warmStart), budgetMs / 4);
    const start = now();
    let steps = 0;
    do {
      trainer.trainStep();
      steps += 1;
      // Reading back every few steps keeps a GPU queue from hiding the real cost.
      if (steps % 4 === 0) await trainer.flushMetrics();
    } while (steps < MAX_TIMED_STEPS && now() - start < left);
    await trainer.flushMetrics();
    return (now() - start) / steps;
  } finally {
    trainer.dispose();
  }
}

export function trialEnv(
  config: TrainConfig,
  dataset: Dataset,
  activate: (name: BackendName) => Promise<boolean>,
  now: () => number,
  abandon?: (name: BackendName) => void,
): CalibrationEnv {
  return {
    activate,
    abandon,
    measure: (_name, budgetMs) => measureStepMs(config, dataset, budgetMs, now),
    predictMs: (name) => predictStepMs(config, name),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
