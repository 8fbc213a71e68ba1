import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import { MetricHistory } from './metricHistory';

function batch(fromStep: number, count: number, keys: readonly string[] = METRIC_KEYS): Float64Array {
  const out = new Float64Array(count * keys.length);
  for (let r = 0; r < count; r++) {
    keys.forEach((k, c) => (out[r * keys.length + c] = k === 'step' ? fromStep + r : k === 'dLoss' ? Math.sin(fromStep + r) : 0.5));
  }
  return out;
}

describe('MetricHistory', () => {
  it('appends batches and grows past its initial size', () => {
    const h = new MetricHistory(100_000, 4);
    h.append(METRIC_KEYS, batch(1, 3));
    h.append(METRIC_KEYS, batch(4, 10));
    expect(h.length).toBe(13);
    expect(Array.from(h.column('step'))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(h.last('step')).toBe(13);
    expect(h.last('gLoss')).toBe(0.5);
    expect(h.version).toBe(2);
  });

  it('follows the keys order the event gives, and fills absent keys with NaN', () => {
    const h = new MetricHistory();
    h.append(['dLoss', 'step'], new Float64Array([0.7, 5, 0.6, 6]));
    expect(Array.from(h.column('step'))).toEqual([5, 6]);
    expect(Array.from(h.column('dLoss'))).toEqual([0.7, 0.6]);
    expect(Number.isNaN(h.last('gLoss'))).toBe(true);
  });

  it('clears', () => {
    const h = new MetricHistory();
    h.append(METRIC_KEYS, batch(1, 5));
    h.clear();
    expect(h.length).toBe(0);
    expect(h.last('step')).toBeUndefined();
  });

  it('stays bounded on long runs and keeps recent steps exact', () => {
    const h = new MetricHistory(1000);
    for (let s = 1; s <= 10_000; s += 50) h.append(METRIC_KEYS, batch(s, 50));
    expect(h.length).toBeLessThanOrEqual(1000);
    expect(h.last('step')).toBe(10_000);
    const steps = h.column('step');
    expect(h.length).toBeGreaterThanOrEqual(500);
    // Rows stand for the mean step of what they merged, evenly over the run.
    expect(steps[0]).toBeGreaterThan(1);
    expect(steps[0]).toBeLessThan(20);
    expect(steps[steps.length - 1]).toBeGreaterThan(9_970);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
  });

  it('a 1,000,000-step history stays under its memory cap (20 MB at the default capacity)', () => {
    const h = new MetricHistory();
    const chunk = 1000;
    const rows = batch(1, chunk);
    const stepCol = METRIC_KEYS.indexOf('step');
    let peak = 0;
    for (let s = 1; s <= 1_000_000; s += chunk) {
      for (let r = 0; r < chunk; r++) rows[r * METRIC_KEYS.length + stepCol] = s + r;
      h.append(METRIC_KEYS, rows);
      peak = Math.max(peak, h.byteLength);
    }
    expect(h.last('step')).toBe(1_000_000);
    expect(h.length).toBeLessThanOrEqual(100_000);
    expect(h.length).toBeGreaterThanOrEqual(50_000);
    expect(peak).toBeLessThan(20 * 1024 ** 2);
    // The newest rows are still near the end of the run, the oldest near its start.
    const steps = h.column('step');
    expect(steps[steps.length - 1]).toBeGreaterThan(999_960);
    expect(steps[0]).toBeLessThan(40);
  });

  it('builds downsampled chart rows with all requested series', () => {
    const h = new MetricHistory();
    h.append(METRIC_KEYS, batch(1, 5000));
    const rows = h.rows(['dLoss', 'gLoss'], 200);
    expect(rows.length).toBeGreaterThanOrEqual(100);
    expect(rows.length).toBeLessThanOrEqual(200);
    expect(rows[0].step).toBe(1);
    expect(rows[rows.length - 1].step).toBe(5000);
    expect(rows.every((r) => typeof r.dLoss === 'number' && r.gLoss === 0.5)).toBe(true);
    const small = new MetricHistory();
    small.append(METRIC_KEYS, batch(1, 3));
    expect(small.rows(['dLoss']).map((r) => r.step)).toEqual([1, 2, 3]);
  });
});
