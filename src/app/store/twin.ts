/**
 * Twin runs in the UI (docs/twin-runs.md): run B's status, settings and newest pictures (its
 * chart history is in the charts slice), the A / B / both target of the live controls, and the
 * Twin / Keep A / Keep B actions. Events tagged `run: 'B'` reach only this slice and the charts.
 */
import type { LiveHyperparams, LiveKey } from '../../core/config';
import type { RunKey, RunTarget, WorkerEvent } from '../../worker/protocol';
import { addQuality, EMPTY_QUALITY } from '../lib/labState';
import type { QualityState, WeightsFrame } from '../lib/labState';
import type { PointsFrame, SampleFrame } from './frames';
import type { Slice, SliceContext } from './slice';

export interface TwinSlice {
  /** True from B's first event after a twin starts until Keep A / Keep B or a reset. */
  twinOn: boolean;
  /** Which run a live control changes while a twin is on. */
  liveTarget: RunTarget;
  /** B's live values in force. */
  configB: LiveHyperparams | null;
  stepB: number;
  /** B trains (false while B is held on its own, or everything is paused). */
  runningB: boolean;
  /** The step B was (last) forked from A at: B's chart line starts there. */
  forkStep: number;
  stepsPerSecB: number;
  imagesPerSecB: number;
  samplesB: SampleFrame | null;
  pointsB: PointsFrame | null;
  /** B's quality measures over the run (A's are the lab slice's `quality`), drawn dashed over A's. */
  qualityB: QualityState;
  /** B's newest weight statistics, shown beside A's. */
  weightsB: WeightsFrame | null;
  /** Forks B from A where A is (A trains on); `b`: B's live values from the fork on (a lesson's). */
  startTwin(b?: Partial<LiveHyperparams>): void;
  /** Start / Pause of one run of the twin (the other keeps its state). */
  startRunOf(key: RunKey): void;
  pauseRunOf(key: RunKey): void;
  /** Re-forks B from A's current state, keeping B's live values. */
  resetB(): void;
  keepRun(key: 'A' | 'B'): void;
  setLiveTarget(target: RunTarget): void;
  /** A live value for B alone (the live slice sends A's). */
  setLiveB(key: LiveKey, value: number): void;
  /** Sends B's coalesced live values now (see LiveSlice.flushLive). */
  flushLiveB(): void;
}

const OFF = {
  twinOn: false,
  configB: null,
  stepB: 0,
  runningB: false,
  forkStep: 0,
  stepsPerSecB: 0,
  imagesPerSecB: 0,
  samplesB: null,
  pointsB: null,
  qualityB: EMPTY_QUALITY,
  weightsB: null as WeightsFrame | null,
  liveTarget: 'B' as RunTarget,
};

export function isTwinEvent(ev: WorkerEvent): boolean {
  return 'run' in ev && ev.run === 'B';
}

export function createTwinSlice({ set, get, send }: SliceContext): Slice<TwinSlice> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let unsent: Partial<LiveHyperparams> = {};
  const flushB = () => {
    timer = null;
    const values = unsent;
    unsent = {};
    if (Object.keys(values).length) send({ type: 'setHyperparams', values, run: 'B' });
  };
  return {
    state: {
      ...OFF,
      startTwin(b) {
        send({ type: 'twin', action: 'start' });
        if (b && Object.keys(b).length) send({ type: 'setHyperparams', values: b, run: 'B' });
      },
      startRunOf(key) {
        send({ type: 'start', run: key });
      },
      pauseRunOf(key) {
        send({ type: 'pause', run: key });
      },
      resetB() {
        if (get().twinOn) send({ type: 'reset', run: 'B' });
      },
      keepRun(key) {
        const s = get();
        if (!s.twinOn) return;
        // The kept run becomes the only one: its history, settings, quality and weights become A's
        // (this slice writes the run and lab slices' `config`, `quality` and `weights` here).
        s.endTwinCharts(key);
        const keptB = key === 'B' ? { quality: s.qualityB, weights: s.weightsB ?? s.weights } : {};
        set({ ...OFF, ...keptB, ...(key === 'B' && s.config && s.configB ? { config: { ...s.config, ...s.configB } } : {}) });
        send({ type: 'twin', action: key === 'A' ? 'keepA' : 'keepB' });
      },
      setLiveTarget(target) {
        set({ liveTarget: target });
      },
      setLiveB(key, value) {
        set((s) => ({ configB: s.configB ? { ...s.configB, [key]: value } : s.configB }));
        unsent = { ...unsent, [key]: value };
        if (!timer) timer = setTimeout(flushB, 50);
      },
      flushLiveB() {
        if (!timer) return;
        clearTimeout(timer);
        flushB();
      },
    },
    onEvent(ev) {
      if (ev.type === 'ready') {
        set(OFF);
        return;
      }
      if (!isTwinEvent(ev)) return;
      switch (ev.type) {
        case 'hyperparams':
          set({ twinOn: true, configB: unsent && timer ? { ...ev.applied, ...unsent } : ev.applied });
          return;
        case 'forked':
          set({ twinOn: true, forkStep: ev.step, samplesB: null, pointsB: null, qualityB: EMPTY_QUALITY, weightsB: null, stepsPerSecB: 0, imagesPerSecB: 0 });
          return;
        case 'state':
          set({ stepB: ev.step, runningB: ev.running });
          return;
        case 'metrics': {
          const width = ev.keys.length;
          const stepCol = ev.keys.indexOf('step');
          const newest = width && stepCol >= 0 && ev.data.length >= width ? ev.data[ev.data.length - width + stepCol] : get().stepB;
          set((s) => ({ stepsPerSecB: ev.stepsPerSec, imagesPerSecB: ev.imagesPerSec, stepB: Math.max(s.stepB, newest) }));
          return;
        }
        case 'samples':
          set({ samplesB: { step: ev.step, epoch: ev.epoch, width: ev.width, height: ev.height, pixels: ev.pixels } });
          return;
        case 'points':
          set({ pointsB: ev });
          return;
        case 'quality':
          set((s) => ({ qualityB: addQuality(s.qualityB, ev) }));
          return;
        case 'weights':
          set({ weightsB: ev });
          return;
      }
    },
  };
}
