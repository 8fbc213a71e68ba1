/**
 * The Export menu's pure parts (no DOM, no TF.js): file names, and the CSV built from the store's
 * metric history with the shared column code (src/core/export/metricsCsv.ts).
 */
import type { TrainConfig } from '../../core/config';
import { metricsCsv, type MetricRow } from '../../core/export/metricsCsv';
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import type { ExportKind } from '../../worker/protocol';
import type { QualityRow } from './labState';
import type { MetricHistory } from './metricHistory';

export interface ExportStatus {
  kind: ExportKind;
  fraction: number;
  message: string;
  error?: string;
}

export interface ExportedFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

const EXTENSIONS: Record<ExportKind | 'png' | 'csv', string> = { model: '-generator.zip', timelapse: '-timelapse.gif', png: '.png', csv: '-metrics.csv' };

/** e.g. "ring8-mlp2d-step4200-timelapse.gif": what, where from and how far trained. */
export function exportFileName(kind: ExportKind | 'png' | 'csv', config: Pick<TrainConfig, 'dataset' | 'model'> | null, step: number): string {
  const safe = (x: string) => x.replace(/[^A-Za-z0-9._-]+/g, '_');
  const base = config ? `${safe(config.dataset)}-${safe(config.model)}` : 'gan';
  return `${base}-step${Math.round(step)}${EXTENSIONS[kind]}`;
}

/** One CSV row per history row (one per step, until a run passes MetricHistory's capacity). */
export function historyCsv(history: MetricHistory, qualityRows: readonly QualityRow[]): string {
  const cols = METRIC_KEYS.map((k) => history.column(k));
  function* rows(): Generator<MetricRow> {
    for (let r = 0; r < history.length; r++) yield Object.fromEntries(METRIC_KEYS.map((k, j) => [k, cols[j][r]])) as MetricRow;
  }
  const quality = new Map(qualityRows.map(({ step, ...values }) => [step, values as Record<string, number>]));
  return metricsCsv(rows(), quality);
}
