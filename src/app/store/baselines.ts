/**
 * Baselines (docs/twin-runs.md): "Pin as baseline" freezes the current run's chart rows, newest
 * quality values and last sample grid under a label that states its settings; the charts draw
 * them faintly behind the live run, aligned by step. Up to MAX_BASELINES; each can be hidden or
 * removed. They outlive resets and new runs: comparing against an earlier run is their point.
 */
import { regularizerLabel } from '../lib/runLabel';
import type { ChartRow } from '../lib/metricHistory';
import type { ChartId } from './charts';
import type { SampleFrame } from './frames';
import type { Slice, SliceContext } from './slice';

export const MAX_BASELINES = 3;

export interface Baseline {
  id: number;
  label: string;
  hidden: boolean;
  charts: Record<ChartId, ChartRow[]>;
  samples: SampleFrame | null;
}

export interface BaselinesSlice {
  baselines: Baseline[];
  /** Freezes the current run (A); false (with a message) when three are pinned or nothing ran. */
  pinBaseline(): boolean;
  toggleBaseline(id: number): void;
  removeBaseline(id: number): void;
}

export function createBaselinesSlice({ set, get, pushError }: SliceContext): Slice<BaselinesSlice> {
  let nextId = 1;
  return {
    state: {
      baselines: [],
      pinBaseline() {
        const s = get();
        s.flushCharts();
        const { charts, config, dataset, step } = get();
        if (!config || charts.losses.length === 0) {
          pushError('bad-config', 'Nothing to pin yet: train a few steps first.');
          return false;
        }
        if (s.baselines.length >= MAX_BASELINES) {
          pushError('bad-config', `At most ${MAX_BASELINES} baselines: remove one first.`);
          return false;
        }
        const label = `${dataset?.name ?? config.dataset}, ${regularizerLabel(config)}, to step ${step}`;
        const samples = s.samples.at(-1) ?? null;
        set({ baselines: [...s.baselines, { id: nextId++, label, hidden: false, charts, samples }] });
        return true;
      },
      toggleBaseline(id) {
        set((s) => ({ baselines: s.baselines.map((b) => (b.id === id ? { ...b, hidden: !b.hidden } : b)) }));
      },
      removeBaseline(id) {
        set((s) => ({ baselines: s.baselines.filter((b) => b.id !== id) }));
      },
    },
  };
}
