/**
 * A saved run file as a baseline (docs/twin-runs.md, "Pin from file…"): its metric rows through
 * the same `MetricHistory` downsampling as the live charts, its quality measures as the quality
 * chart holds them, its last sample grid, and a label from its settings. Decoding is the app's
 * run-file decoder (src/core/runfile/runFile.ts: pure, TF-free, so it runs here on the main thread, and
 * it checks the whole file, so a damaged one is refused with the decoder's message). Nothing of
 * the current run is touched: this only reads bytes and returns plain data.
 */
import { decodeRunFile } from '../../core/runfile/runFile';
import type { RunHistory } from '../../core/runfile/runFile';
import { chartRowsOf } from '../store/charts';
import type { ChartId } from '../store/charts';
import type { SampleFrame } from '../store/frames';
import { addQuality, EMPTY_QUALITY } from './labState';
import type { QualityState } from './labState';
import { MetricHistory } from './metricHistory';
import type { ChartRow } from './metricHistory';
import { baselineLabel } from './runLabel';

/** A baseline's content (the slice adds its id and shown/hidden state). */
export interface BaselineData {
  label: string;
  charts: Record<ChartId, ChartRow[]>;
  quality: QualityState;
  samples: SampleFrame | null;
}

export type FileBaselineResult = { ok: true; value: BaselineData } | { ok: false; message: string };

/**
 * `datasetName`: the display name for a dataset id (the store's list), else the id is shown.
 * Never throws: a bad file gives `{ ok: false, message }` saying why.
 */
export function baselineFromRunFile(
  bytes: Uint8Array | ArrayBuffer,
  fileName: string,
  datasetName: (id: string) => string | undefined = () => undefined,
): FileBaselineResult {
  const decoded = decodeRunFile(bytes);
  if (!decoded.ok) return decoded;
  const { snapshot, history } = decoded.value;
  const config = { ...snapshot.config, ...snapshot.live };
  const charts = chartsOf(history, config.model === 'dirac');
  if (!charts) return { ok: false, message: 'This run file holds no metric history to draw (it was saved before its first step).' };
  return {
    ok: true,
    value: {
      label: `${baselineLabel(datasetName(config.dataset) ?? config.dataset, config, snapshot.step)} (${fileName})`,
      charts,
      quality: qualityOf(history),
      samples: lastSamples(history),
    },
  };
}

function chartsOf(history: RunHistory | undefined, dirac: boolean): Record<ChartId, ChartRow[]> | null {
  const m = history?.metrics;
  if (!m || !m.keys.length || m.rows.length < m.keys.length) return null;
  const h = new MetricHistory();
  h.append(m.keys, m.rows);
  return chartRowsOf(h, dirac);
}

function qualityOf(history: RunHistory | undefined): QualityState {
  const q = history?.quality;
  let out = EMPTY_QUALITY;
  for (const p of q?.points ?? []) out = addQuality(out, { type: 'quality', step: p.step, epoch: p.epoch, values: p.values, labels: q!.labels });
  return out;
}

function lastSamples(history: RunHistory | undefined): SampleFrame | null {
  const f = history?.sampleFrames?.at(-1);
  if (!f) return null;
  return {
    step: f.step,
    epoch: f.epoch,
    width: f.width,
    height: f.height,
    pixels: new Uint8ClampedArray(f.pixels.buffer, f.pixels.byteOffset, f.pixels.byteLength),
  };
}
