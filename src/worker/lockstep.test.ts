import { describe, expect, it } from 'vitest';
import type { StepMetrics } from '../core/metrics/stepMetrics';
import type { LoopTrainer } from '../core/train/trainingLoop';
import { Lockstep } from './lockstep';

/** A LoopTrainer that counts what is asked of it. */
function fake(step: number) {
  const t = {
    step,
    pendingCount: 0,
    checkpointStep: null as number | null,
    saves: 0,
    restores: 0,
    trainStep() {
      t.step++;
      t.pendingCount++;
      return { epochEnded: false };
    },
    async flushMetrics() {
      const rows = Array.from({ length: t.pendingCount }, (_, i) => ({ step: t.step - t.pendingCount + i + 1 }) as StepMetrics);
      t.pendingCount = 0;
      return rows;
    },
    saveCheckpoint() {
      t.saves++;
      t.checkpointStep = t.step;
    },
    restoreCheckpoint() {
      t.restores++;
      return true;
    },
  };
  return t satisfies LoopTrainer;
}

describe('Lockstep with a held run', () => {
  it("steps, checkpoints and rolls back only the runs not held; its step is the first free run's", async () => {
    const a = fake(10);
    const b = fake(4);
    const l = new Lockstep([a, b]);
    l.trainStep();
    expect([a.step, b.step]).toEqual([11, 5]);
    l.held[0] = true;
    expect(l.step).toBe(5);
    l.trainStep();
    l.trainStep();
    expect([a.step, b.step]).toEqual([11, 7]);
    await l.saveCheckpoint();
    expect([a.saves, b.saves]).toEqual([0, 1]);
    expect(l.checkpointStep).toBe(7);
    await l.restoreCheckpoint();
    expect([a.restores, b.restores]).toEqual([0, 1]);
    // A held run's pending rows are still read back, split per run.
    const rows = await l.flushMetrics();
    expect(rows.map((r) => r.step)).toEqual([11, 5, 6, 7]);
    expect(l.lastRows.map((r) => r.length)).toEqual([1, 3]);
    // Every run held would step nothing: all of them step instead (the session never does it).
    l.held[1] = true;
    l.trainStep();
    expect([a.step, b.step]).toEqual([12, 8]);
  });
});
