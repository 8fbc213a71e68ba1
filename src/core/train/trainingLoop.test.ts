import { describe, expect, it } from 'vitest';
import { METRIC_KEYS, type StepMetrics } from '../metrics/stepMetrics';
import { LOOP_TIMING, TrainingLoop, type LoopTrainer, type MetricsBatch } from './trainingLoop';

/** A trainer whose every step takes `stepMs` on the fake clock; `poison(step)` spoils a row. */
class FakeTrainer implements LoopTrainer {
  step = 0;
  epoch = 0;
  private pending: StepMetrics[] = [];
  private checkpoint: number | null = null;
  readonly saved: number[] = [];
  restores = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly stepMs: number,
    private readonly stepsPerEpoch = Infinity,
    private readonly poison: (step: number) => Partial<StepMetrics> | null = () => null,
  ) {}

  get pendingCount() {
    return this.pending.length;
  }
  get checkpointStep() {
    return this.checkpoint;
  }
  trainStep() {
    this.clock.t += this.stepMs;
    this.step += 1;
    const row = Object.fromEntries(METRIC_KEYS.map((k) => [k, 0])) as StepMetrics;
    Object.assign(row, { step: this.step, epoch: this.epoch, dLoss: 0.7, gLoss: 0.7 }, this.poison(this.step));
    this.pending.push(row);
    const epochEnded = this.step % this.stepsPerEpoch === 0;
    if (epochEnded) this.epoch += 1;
    return { epochEnded };
  }
  async flushMetrics() {
    const rows = this.pending;
    this.pending = [];
    return rows;
  }
  async saveCheckpoint() {
    this.checkpoint = this.step;
    this.saved.push(this.step);
  }
  async restoreCheckpoint() {
    if (this.checkpoint === null) return false;
    this.restores++;
    this.pending = [];
    this.step = this.checkpoint;
    return true;
  }
}

class FakeClock {
  t = 0;
  yields = 0;
  /** Runs at each yield, like a queued message would (e.g. a pause). */
  onYield: () => void = () => undefined;
  now = () => this.t;
  yieldToEvents = async () => {
    this.yields++;
    this.onYield();
  };
}

function setup(stepMs: number, opts: { stepsPerEpoch?: number; poison?: (step: number) => Partial<StepMetrics> | null } = {}) {
  const clock = new FakeClock();
  const trainer = new FakeTrainer(clock, stepMs, opts.stepsPerEpoch, opts.poison);
  const batches: MetricsBatch[] = [];
  const loop = new TrainingLoop(trainer, clock, (b) => void batches.push(b));
  return { clock, trainer, batches, loop, sizes: () => batches.map((b) => b.rows.length) };
}

describe('TrainingLoop (fake clock)', () => {
  it('reads metrics back once 64 steps are pending when steps are fast', async () => {
    const { loop, sizes, batches } = setup(0.1);
    expect(await loop.run({ steps: 200 })).toEqual({ kind: 'done', steps: 200 });
    expect(sizes()).toEqual([64, 64, 64, 8]);
    expect(batches.flatMap((b) => b.rows.map((r) => r.step))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('reads metrics back about every 100 ms when steps are slow, with the window they took', async () => {
    const { loop, sizes, batches } = setup(10);
    await loop.run({ steps: 50 });
    // 30 ms slices of 3 steps; the first slice end at or after 100 ms flushes: 12 steps, 120 ms.
    expect(sizes()).toEqual([12, 12, 12, 12, 2]);
    expect(batches[0].windowMs).toBe(120);
    expect(batches.at(-1)!.elapsedMs).toBe(500);
    expect(loop.elapsedMs).toBe(500);
    expect(LOOP_TIMING).toMatchObject({ flushMs: 100, maxPendingSteps: 64, sliceMs: 30 });
  });

  it('checkpoints at the start, every ~5 s of training, and at the end of a finite run', async () => {
    const { loop, trainer } = setup(10);
    await loop.run({ steps: 1200 });
    // Flushes every 120 ms of training: the first past 5000 ms is at 5040 ms (step 504).
    expect(trainer.saved).toEqual([0, 504, 1008, 1200]);
    // A later run keeps the cadence: training time carries over, no extra save at its start.
    await loop.run({ steps: 12 });
    expect(trainer.saved).toEqual([0, 504, 1008, 1200, 1212]);
  });

  it('a NaN loss rolls back to the last checkpoint, stops and names the value', async () => {
    const { loop, trainer, batches } = setup(10, { poison: (s) => (s === 610 ? { dLoss: NaN } : null) });
    const out = await loop.run();
    expect(out.kind).toBe('diverged');
    if (out.kind !== 'diverged') return;
    expect(out.divergence).toMatchObject({ term: 'dLoss', step: 610, restoredStep: 504 });
    expect(out.divergence.message).toBe('D loss (adversarial) became NaN at step 610; rolled back to step 504 — lower the learning rates or the penalties');
    expect(trainer.step).toBe(504);
    // The bad rows are still handed on (the charts show where it went wrong).
    expect(batches.at(-1)!.rows.some((r) => r.step === 610)).toBe(true);
    expect(trainer.saved).toEqual([0, 504]);
  });

  it('a non-finite penalty term counts too, in any row of the batch', async () => {
    const { loop, trainer } = setup(0.1, { poison: (s) => (s === 70 ? { dL2: NaN } : s === 71 ? { r1: Infinity } : null) });
    const out = await loop.run({ steps: 500 });
    expect(out.kind === 'diverged' && out.divergence.message).toBe(
      'D L2 penalty became NaN at step 70; rolled back to step 0 — lower Discriminator L2 or the learning rates',
    );
    expect(trainer.step).toBe(0);
    const r1 = setup(0.1, { poison: (s) => (s === 3 ? { r1: Infinity } : null) });
    const out2 = await r1.loop.run({ steps: 10 });
    expect(out2.kind === 'diverged' && out2.divergence).toMatchObject({ term: 'r1', value: Infinity, restoredStep: 0 });
    expect(out2.kind === 'diverged' && out2.divergence.message).toMatch(/R1 penalty became Infinity at step 3; rolled back to step 0 — lower R1 penalty γ/);
  });

  it('trains in ~30 ms slices and yields between them', async () => {
    const { loop, clock, trainer } = setup(5);
    const perSlice: number[] = [];
    let last = 0;
    clock.onYield = () => {
      perSlice.push(trainer.step - last);
      last = trainer.step;
    };
    await loop.run({ steps: 300 });
    expect(clock.yields).toBe(50);
    expect(perSlice.every((n) => n === 6)).toBe(true);
  });

  it('stop() (a pause arriving at a yield) interrupts a long step run; pending steps are still flushed', async () => {
    const { loop, clock, batches, trainer } = setup(5);
    clock.onYield = () => {
      if (clock.yields === 3) loop.stop();
    };
    const out = await loop.run({ steps: 10_000 });
    expect(out).toEqual({ kind: 'stopped', steps: 18 });
    expect(trainer.step).toBe(18);
    expect(trainer.pendingCount).toBe(0);
    expect(batches.reduce((n, b) => n + b.rows.length, 0)).toBe(18);
    expect(loop.running).toBe(false);
  });

  it('runs periodic hooks on their intervals, epoch hooks after an epoch, and leaves their time out of training time', async () => {
    const { loop, clock } = setup(10, { stepsPerEpoch: 25 });
    const calls = { pictures: [] as number[], quality: [] as number[] };
    await loop.run({
      steps: 100,
      periodic: [
        { everyMs: 250, dueAtStart: true, run: () => void calls.pictures.push(clock.t) },
        {
          everyMs: 300,
          afterEpoch: true,
          run: () => {
            calls.quality.push(clock.t);
            clock.t += 1000; // a slow measurement
          },
        },
      ],
    });
    expect(calls.pictures[0]).toBe(30);
    expect(calls.pictures.length).toBeGreaterThan(3);
    // Epochs end at steps 25, 50, 75, 100, but a 1,000 ms measurement waits 3,000 ms before the
    // next (LOOP_TIMING.hookMaxShare): only the first epoch end gets one.
    expect(calls.quality.length).toBe(1);
    expect(loop.elapsedMs).toBe(1000);
  });

  it('keeps a hook that costs more than its interval near a quarter of the time, so training goes on', async () => {
    const { loop, clock, trainer } = setup(10);
    let viewMs = 0;
    await loop.run({
      steps: 400,
      periodic: [
        {
          everyMs: 250,
          dueAtStart: true,
          run: () => {
            clock.t += 400; // a view slower than its own interval, as on a loaded machine
            viewMs += 400;
          },
        },
      ],
    });
    expect(trainer.step).toBe(400);
    expect(loop.elapsedMs).toBe(4000);
    // The first view is due at once; each after it waits 1,200 ms (3 × 400) of training: 4 in
    // 4,000 ms, 29% of the wall time (every 250 ms it would be 16 views and 62%).
    expect(viewMs / 400).toBe(4);
    expect(viewMs / clock.t).toBeLessThan(0.3);
  });

  it('leaves a quick hook on its everyMs', async () => {
    const { loop, clock } = setup(10);
    const at: number[] = [];
    await loop.run({
      steps: 200,
      periodic: [
        {
          everyMs: 250,
          dueAtStart: true,
          run: () => {
            at.push(clock.t);
            clock.t += 20;
          },
        },
      ],
    });
    // 2,000 ms of training and 20 ms views: one every 250 ms of loop time, as before.
    expect(at.length).toBeGreaterThanOrEqual(8);
  });

  it('runs the every-N-steps hook at exact multiples, and until() ends a run', async () => {
    const { loop, trainer } = setup(0.5);
    const at: number[] = [];
    await loop.run({ steps: 100, everySteps: { every: 40, run: () => void at.push(trainer.step) } });
    expect(at).toEqual([40, 80]);
    const out = await loop.run({ until: () => trainer.step >= 250 });
    expect(out.kind).toBe('stopped');
    expect(trainer.step).toBeGreaterThanOrEqual(250);
  });

  it('stopAtStep ends a run exactly at a cap that may move while it runs', async () => {
    const { loop, trainer, clock } = setup(0.1);
    let cap: number | null = 150;
    expect(await loop.run({ stopAtStep: () => cap })).toEqual({ kind: 'done', steps: 150 });
    expect(trainer.step).toBe(150);
    // Already at the cap: nothing more.
    expect(await loop.run({ stopAtStep: () => cap })).toEqual({ kind: 'done', steps: 0 });
    // Moved further while running (a lesson's "try it" button): the run goes on to the new cap.
    let moved = false;
    clock.onYield = () => {
      if (!moved) cap = 400;
      moved = true;
    };
    cap = 200;
    expect(await loop.run({ stopAtStep: () => cap })).toEqual({ kind: 'done', steps: 250 });
    expect(trainer.step).toBe(400);
  });

  it('refuses a second run while one is going', async () => {
    const { loop, clock } = setup(1);
    let second: Promise<unknown> | null = null;
    clock.onYield = () => {
      second ??= loop.run({ steps: 1 }).catch((e: Error) => e.message);
      loop.stop();
    };
    await loop.run();
    expect(await second).toMatch(/already running/);
  });
});
