/**
 * Baselines (docs/twin-runs.md): "Pin as baseline" freezes the current run's chart rows, quality
 * measures and last sample grid under a label that states its settings; "Pin from file…" does the
 * same from a saved .ganrun file, leaving the current run alone. The charts draw them faintly
 * behind the live run, aligned by step. Up to MAX_BASELINES; each can be hidden or removed. They
 * outlive resets and new runs: comparing against an earlier run is their point.
 */
import type { QualityState } from '../lib/labState';
import type { ChartRow } from '../lib/metricHistory';
import { baselineLabel } from '../lib/runLabel';
import { datasetName } from '../lib/displayNames';
import { runFileReasonText } from '../lib/runFileReasons';
import { t } from '../i18n/i18n';
import type { ChartId } from './charts';
import type { SampleFrame } from './frames';
import type { Slice, SliceContext } from './slice';

export const MAX_BASELINES = 3;

export interface Baseline {
  id: number;
  label: string;
  hidden: boolean;
  charts: Record<ChartId, ChartRow[]>;
  /** The quality measures over the run (empty rows when none were taken). */
  quality: QualityState;
  samples: SampleFrame | null;
}

export interface BaselinesSlice {
  baselines: Baseline[];
  /** Freezes the current run (A); false (with a message) when three are pinned or nothing ran. */
  pinBaseline(): boolean;
  /**
   * Adds a saved run file's history as a baseline; the current run is not touched. Resolves false
   * (with a message, nothing changed) for a broken file or when three are pinned.
   */
  pinBaselineFile(file: Blob & { name: string }): Promise<boolean>;
  /** True when another baseline fits; otherwise says so (a message) and returns false. */
  checkBaselineRoom(): boolean;
  toggleBaseline(id: number): void;
  removeBaseline(id: number): void;
}

const tooMany = () => t('notices.tooManyBaselines', { max: MAX_BASELINES });

export function createBaselinesSlice({ set, get, pushError }: SliceContext): Slice<BaselinesSlice> {
  let nextId = 1;
  const add = (b: Omit<Baseline, 'id' | 'hidden'>) => set((s) => ({ baselines: [...s.baselines, { ...b, id: nextId++, hidden: false }] }));
  return {
    state: {
      baselines: [],
      pinBaseline() {
        const s = get();
        s.flushCharts();
        const { charts, config, dataset, step, quality } = get();
        if (!config || charts.losses.length === 0) {
          pushError('bad-config', t('notices.nothingToPin'));
          return false;
        }
        if (s.baselines.length >= MAX_BASELINES) {
          pushError('bad-config', tooMany());
          return false;
        }
        add({ label: baselineLabel(dataset ? datasetName(dataset) : config.dataset, config, step), charts, quality, samples: s.samples.at(-1) ?? null });
        return true;
      },
      checkBaselineRoom() {
        if (get().baselines.length < MAX_BASELINES) return true;
        pushError('bad-config', tooMany());
        return false;
      },
      async pinBaselineFile(file) {
        if (!get().checkBaselineRoom()) return false;
        const refuse = (why: string) => {
          pushError('bad-run-file', t('notices.cannotPin', { name: file.name, why }));
          return false;
        };
        let bytes: ArrayBuffer;
        try {
          bytes = await file.arrayBuffer();
        } catch (e) {
          return refuse(t('notices.unreadableFile', { detail: (e as Error).message }));
        }
        // Loaded on first use: the decoder and the dataset checks it brings are not needed before.
        const { baselineFromRunFile } = await import('../lib/runFileBaseline');
        const names = new Map(get().datasets.map((d) => [d.id, datasetName(d)]));
        const made = baselineFromRunFile(bytes, file.name, (id) => names.get(id));
        if (!made.ok) return refuse(runFileReasonText(made.message));
        // Another pin may have landed while the file was read.
        if (!get().checkBaselineRoom()) return false;
        add(made.value);
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
