/**
 * The cadence of a run, written once for the worker session, the CLI and the bench: training in
 * slices that yield to queued messages, reading metrics back from the device, checkpoints, the NaN
 * rule (divergence.ts) and the caller's periodic work (pictures, quality, weights). The clock and
 * the yield are injected, so tests drive it in Node with a fake clock.
 *
 * Time spent in the caller's hooks is not training time: it is left out of `elapsedMs` and of the
 * window each metrics batch reports, so images/s reads the training speed alone.
 */
import { divergenceMessage, findNonFinite, type NonFinite } from './divergence';
import type { StepMetrics } from '../metrics/stepMetrics';

/** The loop's constants, in one place. */
export const LOOP_TIMING = {
  /** A training slice's length before queued messages (pause, slider moves) get a turn. */
  sliceMs: 30,
  /** Metrics are read back at least this often while training, whatever the step rate… */
  flushMs: 100,
  /** …or once this many steps wait on the device, whichever comes first. */
  maxPendingSteps: 64,
  /** Training time between checkpoints that a NaN rolls back to. */
  checkpointMs: 5_000,
  /**
   * The largest share of the loop's time one periodic hook may take: after a run that took d ms,
   * the hook waits at least d·(1/share − 1) as well as its everyMs. On a slow or busy machine a
   * view that costs about its own interval (the points view every 250 ms, quality every 1–3 s)
   * would otherwise crowd training out; on a quick one the everyMs rule is the one that binds.
   */
  hookMaxShare: 0.25,
} as const;

/** What the loop needs of a Trainer (which has all of it); tests pass a fake. */
export interface LoopTrainer {
  readonly step: number;
  readonly pendingCount: number;
  readonly checkpointStep: number | null;
  trainStep(): { epochEnded: boolean };
  flushMetrics(): Promise<StepMetrics[]>;
  saveCheckpoint(): void | Promise<void>;
  restoreCheckpoint(): boolean | Promise<boolean>;
}

export interface LoopClock {
  now(): number;
  /** Lets queued messages in between slices (a MessageChannel turn in the worker). */
  yieldToEvents(): Promise<void>;
}

export interface MetricsBatch {
  /** Every step read back since the last batch, finite or not. */
  rows: StepMetrics[];
  /** Training milliseconds these rows took (0 when not meaningful, e.g. the very first flush). */
  windowMs: number;
  /** Training milliseconds over all of this loop's runs. */
  elapsedMs: number;
}

/** Caller's work on a timer: pictures, quality measures, the weights view. */
export interface PeriodicHook {
  /** Shortest gap between two runs, in ms of the loop's clock (longer for a slow hook: hookMaxShare). */
  everyMs: number;
  /** Run only once an epoch has ended since the last run (still at most every `everyMs`). */
  afterEpoch?: boolean;
  /** Due at the first slice of a run; otherwise `everyMs` after the run starts. */
  dueAtStart?: boolean;
  run(): Promise<void> | void;
}

export interface RunOptions {
  /** Stop after this many steps (a `step N` command, the CLI); by default run until stopped. */
  steps?: number;
  periodic?: readonly PeriodicHook[];
  /** Ends a slice at every multiple of `every` steps and runs `run` there (the CLI's quality). */
  everySteps?: { every: number; run(): Promise<void> | void };
  /** Checked after each slice; true ends the run (the bench's time caps). */
  until?(): boolean;
  /**
   * A step to end the run at, read before every step, so it may move while the run goes (a
   * lesson's cap: src/app/lessonClaims.ts); null for none. The run ends exactly there.
   */
  stopAtStep?(): number | null;
}

export interface Divergence extends NonFinite {
  /** The step the weights were rolled back to, or null when there was no checkpoint. */
  restoredStep: number | null;
  message: string;
}

export type LoopOutcome =
  /** `steps` reached, `until` said so, or stop() was called. */
  { kind: 'done' | 'stopped'; steps: number } | { kind: 'diverged'; steps: number; divergence: Divergence };

/**
 * One per trainer: runs may follow each other (start, pause, step 10, start…) and share the
 * training-time clock and the checkpoint cadence.
 */
export class TrainingLoop {
  /** Training milliseconds over every run so far. */
  elapsedMs = 0;
  private lastCheckpointMs = 0;
  private active = false;
  private stopRequested = false;

  constructor(
    private readonly trainer: LoopTrainer,
    private readonly clock: LoopClock,
    private readonly onMetrics: (batch: MetricsBatch) => void | Promise<void>,
  ) {}

  get running(): boolean {
    return this.active;
  }

  /** Ends the current run after the step in progress; its pending metrics are still flushed. */
  stop(): void {
    if (this.active) this.stopRequested = true;
  }

  async run(options: RunOptions = {}): Promise<LoopOutcome> {
    if (this.active) throw new Error('the training loop is already running');
    this.active = true;
    this.stopRequested = false;
    try {
      return await this.loop(options);
    } finally {
      this.active = false;
      this.stopRequested = false;
    }
  }

  private async loop({ steps, periodic = [], everySteps, until, stopAtStep }: RunOptions): Promise<LoopOutcome> {
    const { trainer, clock } = this;
    const stepsTarget = steps === undefined ? Infinity : trainer.step + steps;
    // Past a cap that has not moved, the run ends at once (not one step later).
    const capped = () => Math.min(stepsTarget, stopAtStep?.() ?? Infinity);
    let target = capped();
    const startStep = trainer.step;
    const start = clock.now();
    const hooks = periodic.map((hook) => ({ hook, last: hook.dueAtStart ? -Infinity : start, spentMs: 0, epochPending: false }));
    const hookGapFactor = 1 / LOOP_TIMING.hookMaxShare - 1;
    // Start of the training time not yet added to elapsedMs (moved past hook time).
    let windowStart = start;
    let lastFlush = start;
    const done = (kind: 'done' | 'stopped'): LoopOutcome => ({ kind, steps: trainer.step - startStep });
    // A run starts from weights whose every step read back finite: a NaN can always roll back.
    if (trainer.checkpointStep === null) await trainer.saveCheckpoint();

    while (!this.stopRequested && trainer.step < (target = capped())) {
      const sliceStart = clock.now();
      let epochEnded = false;
      let stepHookDue = false;
      do {
        target = capped();
        if (trainer.step >= target) break;
        epochEnded = trainer.trainStep().epochEnded || epochEnded;
        stepHookDue = everySteps !== undefined && trainer.step % everySteps.every === 0 && trainer.step < target;
      } while (
        !epochEnded &&
        !stepHookDue &&
        trainer.step < target &&
        trainer.pendingCount < LOOP_TIMING.maxPendingSteps &&
        clock.now() - sliceStart < LOOP_TIMING.sliceMs
      );

      const now = clock.now();
      if (trainer.step >= target || now - lastFlush >= LOOP_TIMING.flushMs || trainer.pendingCount >= LOOP_TIMING.maxPendingSteps) {
        const diverged = await this.flush(windowStart, now - lastFlush);
        windowStart = lastFlush = clock.now();
        if (diverged) return { kind: 'diverged', steps: trainer.step - startStep, divergence: diverged };
        // A finite-steps run (a step command, the CLI) ends on a checkpoint: the state the user stepped to.
        const due = this.elapsedMs - this.lastCheckpointMs >= LOOP_TIMING.checkpointMs || trainer.step >= target;
        if (due && trainer.checkpointStep !== trainer.step) {
          await trainer.saveCheckpoint();
          this.lastCheckpointMs = this.elapsedMs;
        }
      }

      const hookStart = clock.now();
      if (stepHookDue) await everySteps!.run();
      for (const h of hooks) {
        h.epochPending ||= epochEnded;
        const gap = Math.max(h.hook.everyMs, h.spentMs * hookGapFactor);
        if ((h.hook.afterEpoch && !h.epochPending) || clock.now() - h.last < gap) continue;
        const ran = clock.now();
        await h.hook.run();
        h.last = clock.now();
        h.spentMs = h.last - ran;
        h.epochPending = false;
      }
      if (until?.()) this.stopRequested = true;
      await clock.yieldToEvents();
      const hookMs = clock.now() - hookStart;
      windowStart += hookMs;
      lastFlush += hookMs;
    }

    if (trainer.pendingCount > 0) {
      const diverged = await this.flush(windowStart, 0);
      if (diverged) return { kind: 'diverged', steps: trainer.step - startStep, divergence: diverged };
    }
    return done(trainer.step >= target ? 'done' : 'stopped');
  }

  /** Reads back pending metrics, hands them on, and applies the NaN rule. */
  private async flush(windowStart: number, windowMs: number): Promise<Divergence | null> {
    const rows = await this.trainer.flushMetrics();
    this.elapsedMs += this.clock.now() - windowStart;
    await this.onMetrics({ rows, windowMs: rows.length ? windowMs : 0, elapsedMs: this.elapsedMs });
    const bad = findNonFinite(rows);
    if (!bad) return null;
    const restored = await this.trainer.restoreCheckpoint();
    const restoredStep = restored ? this.trainer.step : null;
    return { ...bad, restoredStep, message: divergenceMessage(bad, restoredStep) };
  }
}
