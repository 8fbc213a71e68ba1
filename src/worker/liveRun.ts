/**
 * The run the worker holds: a Trainer, its TrainingLoop, and the views sent while it trains
 * (metrics, pictures, quality, weights). The session builds one per init/reset and tells it to
 * train, step or stop; once disposed it sends nothing more.
 */
import type { QualityEvaluator } from '../core/metrics/qualityEvaluator';
import { METRIC_KEYS, packMetrics } from '../core/metrics/stepMetrics';
import { weightStats } from '../core/metrics/weightStats';
import type { Trainer } from '../core/trainer';
import { TrainingLoop, type LoopClock, type LoopOutcome, type MetricsBatch, type PeriodicHook } from '../core/trainingLoop';
import { pictureOf, pointsViewOf, type PointsView } from './pictures';
import type { ErrorCode, ErrorSource, WorkerEvent } from './protocol';

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

export interface RunOutput {
  post(event: WorkerEvent): void;
  fail(source: ErrorSource, code: ErrorCode, message: string): void;
}

export class LiveRun {
  readonly loop: TrainingLoop;
  private readonly view: PointsView | null;
  private quality: QualityEvaluator | null = null;
  private rate = { steps: 0, images: 0 };
  private training = false;
  private disposed = false;
  private current: Promise<void> = Promise.resolve();

  constructor(
    readonly trainer: Trainer,
    clock: LoopClock,
    private readonly out: RunOutput,
  ) {
    this.view = pointsViewOf(trainer.dataset);
    this.loop = new TrainingLoop(trainer, clock, (batch) => this.postMetrics(batch));
  }

  /** True while `start` trains (not during a `step N`). */
  get running(): boolean {
    return this.training;
  }

  private post(ev: WorkerEvent): void {
    if (!this.disposed) this.out.post(ev);
  }

  postState(): void {
    this.post({ type: 'state', running: this.training, step: this.trainer.step, epoch: this.trainer.epoch });
  }

  /** Takes the run's quality evaluator; false (and the caller disposes it) if the run is gone. */
  attachQuality(evaluator: QualityEvaluator | null): boolean {
    if (this.disposed) return false;
    this.quality = evaluator;
    return true;
  }

  async postPictures(): Promise<void> {
    const ev = await pictureOf(this.trainer, this.view);
    if (ev) this.post(ev);
  }

  async postQuality(): Promise<void> {
    const evaluator = this.quality;
    if (!evaluator || this.disposed) return;
    const t = this.trainer;
    const values = await evaluator.evaluate(t);
    this.post({ type: 'quality', step: t.step, epoch: t.epoch, values, labels: evaluator.labels });
  }

  async postWeights(): Promise<void> {
    const { generator, discriminator } = await this.trainer.kernels();
    this.post({ type: 'weights', step: this.trainer.step, generator: weightStats(generator), discriminator: weightStats(discriminator) });
  }

  private postMetrics({ rows, windowMs, elapsedMs }: MetricsBatch): void {
    if (rows.length === 0) return;
    if (windowMs > 0) {
      // Smoothed so the number reads calmly at 10 updates per second.
      const steps = (rows.length * 1000) / windowMs;
      const a = this.rate.steps === 0 ? 1 : 0.3;
      this.rate.steps += a * (steps - this.rate.steps);
      this.rate.images = this.rate.steps * this.trainer.config.batchSize;
    }
    const { images, steps } = this.rate;
    this.post({ type: 'metrics', keys: [...METRIC_KEYS], data: packMetrics(rows), imagesPerSec: images, stepsPerSec: steps, elapsedMs });
  }

  private periodicHooks(): PeriodicHook[] {
    const points = this.trainer.dataset.dim === 2;
    return [
      // Every epoch end gets a picture, but a tiny dataset (an epoch per step) not more than a few per second.
      points
        ? { everyMs: VIEW_INTERVALS_MS.points, dueAtStart: true, run: () => this.postPictures() }
        : { everyMs: VIEW_INTERVALS_MS.samples, afterEpoch: true, dueAtStart: true, run: () => this.postPictures() },
      { everyMs: VIEW_INTERVALS_MS.quality[points ? 'points' : 'image'], afterEpoch: true, run: () => this.postQuality() },
      { everyMs: VIEW_INTERVALS_MS.weights, run: () => this.postWeights() },
    ];
  }

  /** Trains until stop() (or a NaN); resolves when the loop has ended. Errors are reported, not thrown. */
  start(): Promise<void> {
    if (this.training || this.loop.running) return this.current;
    this.training = true;
    this.postState();
    this.current = this.loop
      .run({ periodic: this.periodicHooks() })
      .then(async (outcome) => void (await this.finish(outcome)))
      .catch((e) => this.out.fail('training', 'internal', `Training stopped: ${(e as Error).message}`))
      .finally(() => {
        this.training = false;
        this.postState();
      });
    return this.current;
  }

  /** Runs `count` steps (a pause stops them early), then sends the state and the pictures. */
  async steps(count: number): Promise<void> {
    this.current = this.loop.run({ steps: count }).then(async (outcome) => {
      if (await this.finish(outcome)) {
        this.postState();
        await this.postPictures();
        await this.postWeights();
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
    const { message, restoredStep } = outcome.divergence;
    const next = restoredStep === null ? 'Training is paused.' : 'Training is paused: change the setting, then press Start.';
    this.out.fail('training', 'nan-loss', `${message}. ${next}`);
    this.postState();
    await this.postPictures();
    return false;
  }

  dispose(): void {
    this.disposed = true;
    this.quality?.dispose();
    this.quality = null;
    this.trainer.dispose();
  }
}
