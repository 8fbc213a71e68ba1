/**
 * The run: its config (the one copy of every value in force, live ones included), model and
 * dataset, the step counter and speed, and the run buttons, which turn into commands.
 */
import type { TrainConfig } from '../../core/config';
import type { DatasetInfo } from '../../core/data/types';
import type { ModelSummary } from '../../core/models/specs';
import { claimsOf } from '../lessonClaims';
import type { Slice, SliceContext } from './slice';

export interface RunSlice {
  /** What the worker runs with; live values are updated as the worker applies them. */
  config: TrainConfig | null;
  model: ModelSummary | null;
  dataset: DatasetInfo | null;
  datasets: DatasetInfo[];
  models: ModelSummary[];
  running: boolean;
  step: number;
  epoch: number;
  imagesPerSec: number;
  stepsPerSec: number;
  elapsedMs: number;
  /**
   * The step this run pauses at on its own (a lesson's cap, lessonClaims.ts), or null. A plain
   * Start keeps it (or the open lesson's) until the run has reached it; Start at the cap carries
   * on without one.
   */
  stopAt: number | null;
  /** `untilStep`: set a new cap (a lesson, its "try it" button). */
  start(untilStep?: number): void;
  pause(): void;
  stepOnce(): void;
  reset(config?: Partial<TrainConfig>): void;
  requestSamples(): void;
}

export function createRunSlice({ set, get, send, newRun }: SliceContext): Slice<RunSlice> {
  return {
    state: {
      config: null,
      model: null,
      dataset: null,
      datasets: [],
      models: [],
      running: false,
      step: 0,
      epoch: 0,
      imagesPerSec: 0,
      stepsPerSec: 0,
      elapsedMs: 0,
      stopAt: null,
      start(untilStep) {
        const s = get();
        // An open lesson's cap holds for any Start (a classroom link's autostart among them).
        const kept = s.stopAt ?? (s.activeLesson ? (claimsOf(s.activeLesson)?.stopAtStep ?? null) : null);
        const cap = untilStep ?? (kept !== null && s.step < kept ? kept : null);
        set({ stopAt: cap });
        s.flushLive();
        send(cap === null ? { type: 'start' } : { type: 'start', untilStep: cap });
      },
      pause() {
        send({ type: 'pause' });
      },
      stepOnce() {
        get().flushLive();
        send({ type: 'step', count: 1 });
      },
      reset(config) {
        set({ progress: null, stopAt: null });
        send(config ? { type: 'reset', config } : { type: 'reset' });
      },
      requestSamples() {
        send({ type: 'requestSamples' });
      },
    },
    onNewRun() {
      set({ imagesPerSec: 0, stepsPerSec: 0, elapsedMs: 0 });
    },
    onEvent(ev) {
      switch (ev.type) {
        case 'ready':
          newRun();
          set({ config: ev.config, model: ev.model, dataset: ev.dataset, datasets: ev.datasets, models: ev.models });
          return;
        case 'state': {
          const s = get();
          if (ev.step < s.step) newRun();
          set({ running: ev.running, step: ev.step, epoch: ev.epoch, progress: ev.running ? null : s.progress });
          return;
        }
        case 'metrics': {
          const { keys, data } = ev;
          const width = keys.length;
          const stepCol = keys.indexOf('step');
          const speed = { imagesPerSec: ev.imagesPerSec, stepsPerSec: ev.stepsPerSec, elapsedMs: ev.elapsedMs };
          if (!width || stepCol < 0 || data.length < width) {
            set(speed);
            return;
          }
          const lastRow = Math.floor(data.length / width) - 1;
          const newest = data[lastRow * width + stepCol];
          const epochCol = keys.indexOf('epoch');
          const newestEpoch = epochCol >= 0 ? data[lastRow * width + epochCol] : undefined;
          set((s) => ({
            ...speed,
            // The status counter never lags behind the charts.
            step: Math.max(s.step, newest),
            epoch: newestEpoch !== undefined && Number.isFinite(newestEpoch) ? Math.max(s.epoch, newestEpoch) : s.epoch,
          }));
          return;
        }
      }
    },
  };
}
