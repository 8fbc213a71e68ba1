import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from './float16';
import { Random } from '../random';

describe('float16', () => {
  it('encodes known values', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(0.1)).toBe(0x2e66);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(toFloat16Bits(1e-9)).toBe(0);
    expect(toFloat16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(fromFloat16Bits(0x3c00)).toBe(1);
    expect(fromFloat16Bits(0x0001)).toBe(2 ** -24);
    expect(fromFloat16Bits(0x7c00)).toBe(Infinity);
  });

  it('round-trips with relative error ≤ 2^-11 in the normal range', () => {
    const rng = new Random(1);
    for (let i = 0; i < 2000; i++) {
      const v = rng.normal(0, 0.3);
      if (Math.abs(v) < 2 ** -14) continue;
      expect(Math.abs(fromFloat16Bits(toFloat16Bits(v)) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 1e-12);
    }
  });
});
