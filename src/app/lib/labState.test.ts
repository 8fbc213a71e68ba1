import { describe, expect, it } from 'vitest';
import { addQuality, EMPTY_QUALITY, formatQuality, parseLabel, qualitySeries } from './labState';
import type { QualityEvent } from './labState';

const ringLabels = { modesCovered: 'Modes covered (of 8)', highQuality: 'High-quality samples (%)', klModes: 'KL(generated ‖ real) over modes' };
const ev = (step: number, values: Record<string, number>, labels: Record<string, string> = ringLabels): QualityEvent => ({
  type: 'quality',
  step,
  epoch: 0,
  values,
  labels,
});

describe('quality history', () => {
  it('appends rows, keeps the labels object while they are the same, restarts on a new run', () => {
    let q = addQuality(EMPTY_QUALITY, ev(78, { modesCovered: 2, highQuality: 1, klModes: 3 }));
    const labels = q.labels;
    q = addQuality(q, ev(156, { modesCovered: 5, highQuality: 10, klModes: 1 }, { ...ringLabels }));
    expect(q.rows.map((r) => r.step)).toEqual([78, 156]);
    expect(q.rows[1].modesCovered).toBe(5);
    expect(q.labels).toBe(labels);
    q = addQuality(q, ev(78, { modesCovered: 1, highQuality: 0, klModes: 4 }));
    expect(q.rows.map((r) => r.step)).toEqual([78]);
  });
  it('replaces a measurement taken again at the newest step (Keep A / Keep B re-measure where the run stopped)', () => {
    let q = addQuality(EMPTY_QUALITY, ev(64, { modesCovered: 2 }));
    q = addQuality(q, ev(128, { modesCovered: 5 }));
    q = addQuality(q, ev(128, { modesCovered: 6 }));
    expect(q.rows.map((r) => [r.step, r.modesCovered])).toEqual([
      [64, 2],
      [128, 6],
    ]);
  });
  it('thins old rows past the cap, keeping the newest', () => {
    let q = EMPTY_QUALITY;
    for (let i = 1; i <= 50; i++) q = addQuality(q, ev(i * 10, { modesCovered: i }), 20);
    expect(q.rows.length).toBeLessThanOrEqual(20);
    expect(q.rows[q.rows.length - 1].step).toBe(500);
    expect(q.rows[0].step).toBe(10);
  });
});

describe('quality read-out', () => {
  it('names the series without the floor and parses "(of N)"', () => {
    expect(qualitySeries({ fid: 'x', fidFloor: 'y' })).toEqual(['fid']);
    expect(parseLabel('Modes covered (of 8)')).toEqual({ name: 'Modes covered', of: 8 });
    expect(parseLabel('Classifier FID (lower is better)')).toEqual({ name: 'Classifier FID', of: null });
  });
  it('formats counts, percentages and FID with its floor', () => {
    expect(formatQuality('modesCovered', 7, 'Modes covered (of 8)', {})).toBe('Modes 7/8');
    expect(formatQuality('highQuality', 62.4, 'High-quality samples (%)', {})).toBe('High quality 62%');
    expect(formatQuality('highQuality', 4.56, 'High-quality samples (%)', {})).toBe('High quality 4.6%');
    expect(formatQuality('fid', 41.234, 'Classifier FID (lower is better)', { fid: 41.234, fidFloor: 3.1 })).toBe('FID 41.23 (floor 3.1)');
    expect(formatQuality('klModes', 0.31, 'KL', {})).toBe('KL 0.31');
    expect(formatQuality('klModes', NaN, 'KL', {})).toBe('KL –');
  });
});
