import { describe, expect, it } from 'vitest';
import { summarizeModel } from '../../core/models/specs';
import { formatCount, formatDuration, formatFlops, formatInt, formatMetric, formatRate, modelOptionLabel, speedHint } from './format';

describe('formatters', () => {
  it('formats counts, durations and rates', () => {
    expect(formatInt(1234567)).toBe('1,234,567');
    expect(formatInt(999)).toBe('999');
    expect(formatInt(0)).toBe('0');
    expect(formatInt(-1234.4)).toBe('-1,234');
    expect(formatCount(860416)).toBe('860 k');
    expect(formatCount(2730000)).toBe('2.73 M');
    expect(formatCount(42)).toBe('42');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(723_000)).toBe('12:03');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatRate(0)).toBe('–');
    expect(formatRate(3.456)).toBe('3.5');
    expect(formatRate(123.4)).toBe('123');
    expect(formatMetric(0.693147)).toBe('0.6931');
    expect(formatMetric(1.5e-5)).toBe('1.50e-5');
    expect(formatMetric(NaN)).toBe('–');
    expect(formatFlops(2.5e9)).toBe('2.5 GFLOP');
  });

  it('scales a measured speed to the other models by FLOPs', () => {
    const small = summarizeModel('dcgan28-small', 100);
    const big = summarizeModel('dcgan28', 100);
    expect(speedHint(small, small, 100, 'wasm')).toBe('100 img/s on wasm');
    const hint = speedHint(big, small, 100, 'wasm');
    expect(hint).toMatch(/^≈ [\d.]+ img\/s on wasm$/);
    expect(parseFloat(hint.slice(2))).toBeLessThan(20);
    expect(speedHint(big, null, 0, null)).toMatch(/FLOP\/image$/);
    expect(modelOptionLabel(small, small, 100, 'wasm')).toMatch(/^DCGAN 28×28×1 small — [\d.]+ k params — 100 img\/s on wasm$/);
  });
});
