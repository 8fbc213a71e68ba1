import { describe, expect, it } from 'vitest';
import { METRIC_KEYS, type StepMetrics } from '../metrics/stepMetrics';
import { metricsCsv, metricsCsvColumns } from './metricsCsv';

const row = (step: number): StepMetrics => Object.fromEntries(METRIC_KEYS.map((k, i) => [k, k === 'step' ? step : step + i / 10])) as StepMetrics;

describe('metricsCsv', () => {
  it('has a header of every metric, then one row per step', () => {
    const csv = metricsCsv([row(1), row(2), row(3)]);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(METRIC_KEYS.join(','));
    expect(lines).toHaveLength(4);
    expect(lines[2].split(',').map(Number)).toEqual(METRIC_KEYS.map((k, i) => (k === 'step' ? 2 : 2 + i / 10)));
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('adds each quality measure as a column, filled only on the steps it was measured', () => {
    const quality = new Map<number, Record<string, number>>([
      [2, { modesCovered: 5, highQuality: 0.5 }],
      [3, { modesCovered: 8, fid: 12.5 }],
    ]);
    expect(metricsCsvColumns(quality).slice(METRIC_KEYS.length)).toEqual(['modesCovered', 'highQuality', 'fid']);
    const lines = metricsCsv([row(1), row(2), row(3)], quality)
      .trimEnd()
      .split('\n');
    const tail = (l: string) => l.split(',').slice(METRIC_KEYS.length);
    expect(tail(lines[0])).toEqual(['modesCovered', 'highQuality', 'fid']);
    expect(tail(lines[1])).toEqual(['', '', '']);
    expect(tail(lines[2])).toEqual(['5', '0.5', '']);
    expect(tail(lines[3])).toEqual(['8', '', '12.5']);
  });

  it('writes NaN for a metric a step did not have, and a header alone for no rows', () => {
    const r = { ...row(1), r1: NaN };
    expect(metricsCsv([r]).split('\n')[1].split(',')[METRIC_KEYS.indexOf('r1')]).toBe('NaN');
    expect(metricsCsv([])).toBe(METRIC_KEYS.join(',') + '\n');
  });
});
