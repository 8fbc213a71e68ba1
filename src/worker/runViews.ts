/**
 * One run's views in the worker: its pictures, quality, weights, state and metrics events, each
 * tagged with the run's key when it is B of a twin (A's events stay untagged, as outside a twin).
 */
import type { QualityEvaluator } from '../core/metrics/qualityEvaluator';
import { METRIC_KEYS, packMetrics, type StepMetrics } from '../core/metrics/stepMetrics';
import { weightStats } from '../core/metrics/weightStats';
import type { Trainer } from '../core/train/trainer';
import { classGridOf, pictureOf, pointsViewOf, type PointsView } from './pictures';
import type { RunKey, WorkerEvent } from './protocol';

export class RunViews {
  private readonly view: PointsView | null;
  quality: QualityEvaluator | null = null;
  private rate = { steps: 0, images: 0 };
  disposed = false;

  constructor(
    readonly key: RunKey,
    readonly trainer: Trainer,
    private readonly out: (ev: WorkerEvent) => void,
  ) {
    this.view = pointsViewOf(trainer.dataset);
  }

  post(ev: WorkerEvent): void {
    if (this.disposed) return;
    this.out(this.key === 'B' ? ({ ...ev, run: 'B' } as WorkerEvent) : ev);
  }

  postState(running: boolean): void {
    this.post({ type: 'state', running, step: this.trainer.step, epoch: this.trainer.epoch });
  }

  postHyperparams(): void {
    this.post({ type: 'hyperparams', applied: this.trainer.hyperparams, step: this.trainer.step });
  }

  /**
   * A conditional run's chosen grid class ("Generate class"), or null for the mixed grid. While set,
   * the live refreshes draw that class; an epoch's grid (the scrubber's) stays mixed, and the class
   * grid follows it at once.
   */
  gridClass: number | null = null;

  async postPictures(live = false): Promise<void> {
    const one = this.gridClass !== null && this.trainer.dataset.info.kind === 'image';
    if (!one || !live) {
      const ev = await pictureOf(this.trainer, this.view, live);
      if (ev) this.post(ev);
    }
    if (one) this.post(await classGridOf(this.trainer, this.gridClass as number));
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

  postMetrics(rows: StepMetrics[], windowMs: number, elapsedMs: number): void {
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

  dispose(keepTrainer = false): void {
    this.disposed = true;
    this.quality?.dispose();
    this.quality = null;
    if (!keepTrainer) this.trainer.dispose();
  }
}
