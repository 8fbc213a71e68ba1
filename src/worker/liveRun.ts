/**
 * The run the worker holds: one Trainer (or two in lockstep, a twin: docs/twin-runs.md), its
 * TrainingLoop, and the views sent while it trains (metrics, pictures, quality, weights). The
 * session builds one per init/reset/twin and tells it to train, step or stop; once disposed it
 * sends nothing more.
 */
import type { QualityEvaluator } from '../core/metrics/qualityEvaluator';
import type { Trainer } from '../core/train/trainer';
import { TrainingLoop, type LoopClock, type LoopOutcome, type MetricsBatch, type PeriodicHook } from '../core/train/trainingLoop';
import { Lockstep } from './lockstep';
import { liveGridHook } from './pictures';
import type { ErrorCode, ErrorSource, RunKey, WorkerEvent } from './protocol';
import { RunViews } from './runViews';
import { worded, type Worded } from './wording';

/** How often the views refresh while training (the loop's own cadence is in LOOP_TIMING). */
export const VIEW_INTERVALS_MS = {
  /** 2-D points and D's heatmap. */
  points: 250,
  /** Shortest gap between two sample grids (at epoch ends), for datasets where every step ends one. */
  samples: 500,
  /** Quality evaluations at epoch ends (each generates and scores a full sample). */
  quality: { points: 1000, image: 3000 },
  /** The weights view (a read-back of every kernel). */
  weights: 1000,
} as const;

/**
 * A run with a cap (a lesson) measures its quality on a step grid and at the cap instead of by
 * the clock: training is reproducible step for step, so every read-out a lesson shows is then the
 * same on a fast laptop and on a busy one (measured by the clock, the readings of one run landed
 * on other steps each time: 2.9% or 12% high quality at the same cap).
 */
export const CAPPED_QUALITY_EVERY_STEPS = 250;

export interface RunOutput {
  post(event: WorkerEvent): void;
  /** `text`: the English sentence, or a worded message (wording.ts). */
  fail(source: ErrorSource, code: ErrorCode, text: string | Worded): void;
}

export class LiveRun {
  readonly loop: TrainingLoop;
  /** A, then B when this is a twin. */
  readonly members: RunViews[];
  private readonly lockstep: Lockstep | null;
  private training = false;
  /** True when the last `start` ended in an error (a lost GPU device among the causes). */
  crashedTraining = false;
  private disposed = false;
  private current: Promise<void> = Promise.resolve();
  /** The step `start` pauses at (a lesson's cap, from the start command); null: none. May move while training. */
  stopAt: number | null = null;

  /** `twin`: B's trainer, stepped right after A's. */
  constructor(
    trainer: Trainer,
    clock: LoopClock,
    private readonly out: RunOutput,
    twin: Trainer | null = null,
  ) {
    const post = (ev: WorkerEvent) => {
      if (!this.disposed) this.out.post(ev);
    };
    this.members = [new RunViews('A', trainer, post)];
    if (twin) this.members.push(new RunViews('B', twin, post));
    this.lockstep = twin ? new Lockstep([trainer, twin]) : null;
    this.loop = new TrainingLoop(this.lockstep ?? trainer, clock, (batch) => this.postMetrics(batch));
  }

  /** Run A (the only run outside a twin). */
  get trainer(): Trainer {
    return this.members[0].trainer;
  }

  get isTwin(): boolean {
    return this.members.length === 2;
  }

  member(key: RunKey): RunViews | undefined {
    return this.members.find((m) => m.key === key);
  }

  /** True while `start` trains (not during a `step N`). */
  get running(): boolean {
    return this.training;
  }

  /** True while `key` is held: paused on its own while the other run of the twin trains. */
  isHeld(key: RunKey): boolean {
    const i = this.members.findIndex((m) => m.key === key);
    return i >= 0 && (this.lockstep?.held[i] ?? false);
  }

  /**
   * Holds (pauses) or lets go one run of a twin; the loop then steps only the others. Holding the
   * last free run is the caller's to refuse (it stops the loop instead). Sends the runs' states.
   */
  hold(key: RunKey, held: boolean): void {
    const i = this.members.findIndex((m) => m.key === key);
    if (!this.lockstep || i < 0) return;
    this.lockstep.held[i] = held;
    this.postState();
  }

  /** Lets every run go (a plain Start or Pause acts on both). */
  releaseAll(): void {
    this.lockstep?.held.fill(false);
  }

  /** Hands a run's quality evaluator over (to the LiveRun that replaces this one), so dispose keeps it. */
  takeQuality(key: RunKey): QualityEvaluator | null {
    const m = this.member(key);
    const q = m?.quality ?? null;
    if (m) m.quality = null;
    return q;
  }

  postState(): void {
    for (const m of this.members) m.postState(this.training && !this.isHeld(m.key));
  }

  /** Takes a run's quality evaluator; false (and the caller disposes it) if the run is gone. */
  attachQuality(evaluator: QualityEvaluator | null, key: RunKey = 'A'): boolean {
    const m = this.member(key);
    if (this.disposed || !m) return false;
    m.quality = evaluator;
    return true;
  }

  /** `stepping`: only the runs not held (a held run's views do not change). */
  async postPictures(stepping = false, live = false): Promise<void> {
    for (const m of this.viewed(stepping)) await m.postPictures(live);
  }

  async postQuality(stepping = false): Promise<void> {
    for (const m of this.viewed(stepping)) await m.postQuality();
  }

  async postWeights(stepping = false): Promise<void> {
    for (const m of this.viewed(stepping)) await m.postWeights();
  }

  private viewed(stepping: boolean): RunViews[] {
    return stepping ? this.members.filter((m) => !this.isHeld(m.key)) : this.members;
  }

  private postMetrics({ rows, windowMs, elapsedMs }: MetricsBatch): void {
    const perRun = this.lockstep ? this.lockstep.lastRows : [rows];
    this.members.forEach((m, i) => m.postMetrics(perRun[i] ?? [], windowMs, elapsedMs));
  }

  private periodicHooks(): PeriodicHook[] {
    const points = this.trainer.dataset.dim === 2;
    return [
      // Every epoch end gets a picture, but a tiny dataset (an epoch per step) not more than a few per second.
      ...(points
        ? [{ everyMs: VIEW_INTERVALS_MS.points, dueAtStart: true, run: () => this.postPictures(true) }]
        : [
            { everyMs: VIEW_INTERVALS_MS.samples, afterEpoch: true, dueAtStart: true, run: () => this.postPictures(true) },
            // Timed by the loop, so a paused or stalled run draws nothing new.
            liveGridHook(
              () => this.postPictures(true, true),
              () => performance.now(),
            ),
          ]),
      {
        everyMs: VIEW_INTERVALS_MS.quality[points ? 'points' : 'image'],
        afterEpoch: true,
        run: () => (this.stopAt === null ? this.postQuality(true) : undefined),
      },
      { everyMs: VIEW_INTERVALS_MS.weights, run: () => this.postWeights(true) },
    ];
  }

  /** Trains until stop() (or a NaN); resolves when the loop has ended. Errors are reported, not thrown. */
  start(): Promise<void> {
    if (this.training || this.loop.running) return this.current;
    this.training = true;
    this.crashedTraining = false;
    this.postState();
    this.current = this.loop
      .run({
        periodic: this.periodicHooks(),
        stopAtStep: () => this.stopAt,
        everySteps: { every: CAPPED_QUALITY_EVERY_STEPS, run: () => (this.stopAt === null ? undefined : this.postQuality(true)) },
      })
      .then(async (outcome) => {
        if ((await this.finish(outcome)) && this.atCap()) {
          // The views of the step the lesson stops at, before the state says it has paused.
          await this.postQuality(true);
          await this.postPictures(true);
        }
      })
      .catch((e) => {
        this.crashedTraining = true;
        const detail = (e as Error).message;
        this.out.fail('training', 'internal', worded('trainingStopped', { detail }, `Training stopped: ${detail}`));
      })
      .finally(() => {
        this.training = false;
        // A run held on its own is let go when the loop stops: a Step or Start then moves both.
        this.releaseAll();
        this.postState();
      });
    return this.current;
  }

  private atCap(): boolean {
    return this.stopAt !== null && this.trainer.step >= this.stopAt;
  }

  /** Runs `count` steps (a pause stops them early), then sends the state and the pictures. */
  async steps(count: number): Promise<void> {
    this.current = this.loop.run({ steps: count }).then(async (outcome) => {
      if (await this.finish(outcome)) {
        this.postState();
        await this.postPictures(true);
        await this.postWeights(true);
      }
    });
    return this.current;
  }

  /** Ends training or a step command; resolves once the loop has stopped. */
  async stop(): Promise<void> {
    this.loop.stop();
    await this.current.catch(() => undefined);
  }

  /** False after a divergence, which it reports (with the rolled-back state and picture). */
  private async finish(outcome: LoopOutcome): Promise<boolean> {
    if (outcome.kind !== 'diverged') return true;
    this.training = false;
    const { message, restoredStep, term, value, step } = outcome.divergence;
    const next = restoredStep === null ? 'Training is paused.' : 'Training is paused: change the setting, then press Start.';
    // The page words it from the term (its name and the setting to lower) and the steps.
    const values = { term, value: String(value), step: String(step), restored: restoredStep === null ? 'none' : String(restoredStep) };
    this.out.fail('training', 'nan-loss', worded('diverged', values, `${message}. ${next}`));
    this.postState();
    await this.postPictures();
    return false;
  }

  /** `keep`: the trainer that lives on in a new LiveRun (Keep A / Keep B), not disposed here. */
  dispose(keep: Trainer | null = null): void {
    // Once only: a run lost with its GPU device is disposed before the session replaces it.
    if (this.disposed) return;
    this.disposed = true;
    for (const m of this.members) m.dispose(m.trainer === keep);
  }
}
