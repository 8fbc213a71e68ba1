/**
 * Twin runs train in lockstep: one step of A, then one of B, under one TrainingLoop, so both get
 * the same slices, read-backs and checkpoints. This adapter is the loop's trainer for a twin; a
 * NaN in either run rolls both back to their checkpoints (same step), so they stay in step.
 */
import type { StepMetrics } from '../core/metrics/stepMetrics';
import type { LoopTrainer } from '../core/trainingLoop';

export class Lockstep implements LoopTrainer {
  /** Each run's rows from the newest flush, in the runs' order. */
  lastRows: StepMetrics[][] = [];

  constructor(private readonly runs: readonly LoopTrainer[]) {
    if (runs.length === 0) throw new Error('lockstep needs at least one run');
  }

  get step(): number {
    return this.runs[0].step;
  }

  get pendingCount(): number {
    return Math.max(...this.runs.map((r) => r.pendingCount));
  }

  get checkpointStep(): number | null {
    // The checkpoints are saved together; null until every run has one.
    const steps = this.runs.map((r) => r.checkpointStep);
    return steps.some((s) => s === null) ? null : steps[0];
  }

  trainStep(): { epochEnded: boolean } {
    let epochEnded = false;
    for (const r of this.runs) epochEnded = r.trainStep().epochEnded || epochEnded;
    return { epochEnded };
  }

  /** Every run's rows, concatenated (so the NaN rule sees them all); split in `lastRows`. */
  async flushMetrics(): Promise<StepMetrics[]> {
    this.lastRows = [];
    for (const r of this.runs) this.lastRows.push(await r.flushMetrics());
    return this.lastRows.flat();
  }

  async saveCheckpoint(): Promise<void> {
    for (const r of this.runs) await r.saveCheckpoint();
  }

  async restoreCheckpoint(): Promise<boolean> {
    let all = true;
    for (const r of this.runs) all = (await r.restoreCheckpoint()) && all;
    return all;
  }
}
