/**
 * The metric history as CSV: a header, one row per step, every metric (METRIC_KEYS order) and then
 * the quality measures, empty on steps where none was taken. The CLI's metrics.csv and the app's
 * Export share this; it imports no TF.js, so the UI may use it.
 */
import { METRIC_KEYS, type MetricKey } from '../metrics/stepMetrics';

export type MetricRow = Readonly<Record<MetricKey, number>>;
export type QualityByStep = ReadonlyMap<number, Readonly<Record<string, number>>>;

/** The header's columns: every metric, then each quality measure in the order first seen. */
export function metricsCsvColumns(quality: QualityByStep): string[] {
  const qualityKeys = [...new Set([...quality.values()].flatMap((v) => Object.keys(v)))];
  return [...METRIC_KEYS, ...qualityKeys];
}

export function metricsCsv(rows: Iterable<MetricRow>, quality: QualityByStep = new Map()): string {
  const columns = metricsCsvColumns(quality);
  const qualityKeys = columns.slice(METRIC_KEYS.length);
  const lines = [columns.join(',')];
  for (const r of rows) {
    const q = quality.get(r.step);
    lines.push([...METRIC_KEYS.map((k) => String(r[k])), ...qualityKeys.map((k) => (q && k in q ? String(q[k]) : ''))].join(','));
  }
  return lines.join('\n') + '\n';
}
