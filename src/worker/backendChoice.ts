/**
 * The worker's side of `auto`: when a run is built, measure which candidate backend trains this
 * model fastest (core/backend/backendCalibration.ts), switch to it, and say so in the backend report. A
 * run of the same model reuses the decision; a forced backend is never second-guessed.
 */
import { calibrate, calibrationKey, type CalibrationCache } from '../core/backend/backendCalibration';
import { trialEnv } from '../core/backend/backendTrial';
import type { BackendName, BackendReport } from '../core/backend/backendReport';
import type { TrainConfig } from '../core/config';
import type { Dataset } from '../core/data/types';
import { worded, type Worded } from './wording';

export type BackendChooser = (report: BackendReport, config: TrainConfig, dataset: Dataset, progress: (text: Worded) => void) => Promise<BackendReport>;

export interface ChooserDeps {
  activate(name: BackendName): Promise<boolean>;
  /** Gives up on a start that outran its share of the calibration (core/backend/engineState.ts). */
  abandon?(name: BackendName): void;
  cache: CalibrationCache;
  now(): number;
  /** Wall clock for the cache's "measured on" date. */
  date(): number;
}

export function createBackendChooser(deps: ChooserDeps): BackendChooser {
  let decided: { model: string; report: BackendReport } | null = null;
  return async (report, config, dataset, progress) => {
    if (report.requested !== 'auto' || !report.candidates || report.candidates.length < 2) return report;
    if (decided?.model === config.model) return decided.report;
    progress(worded('measuringBackends', { model: config.model }, `Measuring which backend trains ${config.model} fastest…`));
    const key = calibrationKey(report.deviceId ?? 'unknown device', config.model);
    const result = await calibrate(report.candidates, config.model, trialEnv(config, dataset, deps.activate, deps.now, deps.abandon), {
      store: deps.cache,
      key,
      now: deps.date,
    });
    const chosen: BackendReport = { ...report, name: result.chosen, calibration: result.summary, ...(result.facts ? { calibrationFacts: result.facts } : {}) };
    // The thread report describes wasm as selectBackend started it; it says nothing of another backend.
    if (result.chosen !== 'wasm') delete chosen.threads;
    decided = { model: config.model, report: chosen };
    return chosen;
  };
}
