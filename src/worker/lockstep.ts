/**
 * Twin runs train in lockstep: one step of A, then one of B, under one TrainingLoop, so both get
 * the same slices, read-backs and checkpoints. This adapter is the loop's trainer for a twin; a
 * NaN in either run rolls both back to their checkpoints (same step), so they stay in step.
 * A run can be held (Pause A / Pause B): the loop then steps, checkpoints and rolls back only the
 * runs that are not held, and the held one keeps its step until it is let go.
 */
import type { StepMetrics } from '../core/metrics/stepMetrics';
import type { LoopTrainer } from '../core/train/trainingLoop';

export class Lockstep implements LoopTrainer {
  /** Each run's rows from the newest flush, in the runs' order. */
  lastRows: StepMetrics[][] = [];
  /** Per run: true while it is held (paused on its own). Never all true (the session stops the loop instead). */
  readonly held: boolean[];

  constructor(private readonly runs: readonly LoopTrainer[]) {
    if (runs.length === 0) throw new Error('lockstep needs at least one run');
    this.held = runs.map(() => false);
  }

  /** The runs being stepped: all but the held ones (all of them if every run were held). */
  private get active(): readonly LoopTrainer[] {
    const free = this.runs.filter((_, i) => !this.held[i]);
    return free.length ? free : this.runs;
  }

  get step(): number {
    return this.active[0].step;
  }

  get pendingCount(): number {
    return Math.max(...this.runs.map((r) => r.pendingCount));
  }

  get checkpointStep(): number | null {
    // The checkpoints are saved together; null until every stepped run has one.
    const steps = this.active.map((r) => r.checkpointStep);
    return steps.some((s) => s === null) ? null : steps[0];
  }

  trainStep(): { epochEnded: boolean } {
    let epochEnded = false;
    for (const r of this.active) epochEnded = r.trainStep().epochEnded || epochEnded;
    return { epochEnded };
  }

  /** Every run's rows, concatenated (so the NaN rule sees them all); split in `lastRows`. */
  async flushMetrics(): Promise<StepMetrics[]> {
    this.lastRows = [];
    for (const r of this.runs) this.lastRows.push(await r.flushMetrics());
    return this.lastRows.flat();
  }

  async saveCheckpoint(): Promise<void> {
    for (const r of this.active) await r.saveCheckpoint();
  }

  async restoreCheckpoint(): Promise<boolean> {
    let all = true;
    for (const r of this.active) all = (await r.restoreCheckpoint()) && all;
    return all;
  }
}
