/**
 * The one NaN rule of every training loop (app, CLI, bench): a run has diverged when any loss
 * term in the read-back rows is not finite. The message names the term and the setting to lower,
 * because "the losses became NaN" alone leaves the user guessing which slider did it.
 */
import type { MetricKey, StepMetrics } from '../metrics/stepMetrics';
import { METRIC_LABELS } from '../metrics/stepMetrics';

/** The adversarial losses and every penalty term; a non-finite one means the run diverged. */
export const LOSS_TERMS = ['dLoss', 'gLoss', 'gL1', 'gL2', 'dL1', 'dL2', 'r1', 'gp'] as const satisfies readonly MetricKey[];
export type LossTerm = (typeof LOSS_TERMS)[number];

/** What to lower when a term blows up, in the words of the app's sliders. */
const ADVICE: Record<LossTerm, string> = {
  dLoss: 'the learning rates or the penalties',
  gLoss: 'the learning rates or the penalties',
  gL1: 'Generator L1 or the learning rates',
  gL2: 'Generator L2 or the learning rates',
  dL1: 'Discriminator L1 or the learning rates',
  dL2: 'Discriminator L2 or the learning rates',
  r1: 'R1 penalty γ or the learning rates',
  gp: 'WGAN-GP λ or the learning rates',
};

export interface NonFinite {
  term: LossTerm;
  value: number;
  step: number;
}

/** The first non-finite loss term in the rows (in step order, then LOSS_TERMS order), or null. */
export function findNonFinite(rows: readonly StepMetrics[]): NonFinite | null {
  for (const row of rows) {
    for (const term of LOSS_TERMS) {
      if (!Number.isFinite(row[term])) return { term, value: row[term], step: row.step };
    }
  }
  return null;
}

/**
 * E.g. "D L2 penalty became NaN at step 812; rolled back to step 700 — lower Discriminator L2 or
 * the learning rates". `restoredStep` is null when there was no checkpoint to roll back to.
 */
export function divergenceMessage(bad: NonFinite, restoredStep: number | null): string {
  const what = `${METRIC_LABELS[bad.term]} became ${bad.value} at step ${bad.step}`;
  const rollback = restoredStep === null ? 'no checkpoint to roll back to (press Reset)' : `rolled back to step ${restoredStep}`;
  return `${what}; ${rollback} — lower ${ADVICE[bad.term]}`;
}
