import { describe, expect, it } from 'vitest';
import { niceDomain, niceTicks, valueRange } from './ticks';

describe('niceTicks', () => {
  it('gives round steps inside the range', () => {
    expect(niceTicks(1, 618, 5)).toEqual([200, 400, 600]);
    expect(niceTicks(0, 1000, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(1, 10, 5)).toEqual([2, 4, 6, 8, 10]);
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(NaN, 5)).toEqual([]);
  });
  it('never gives more than about twice the count', () => {
    for (const max of [7, 99, 1234, 55555, 1e6]) expect(niceTicks(1, max, 5).length).toBeLessThanOrEqual(10);
  });
});

describe('niceDomain', () => {
  it('widens the range to whole round steps and lists their ticks', () => {
    expect(niceDomain(0.13, 0.87, 4)).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceDomain(-1.3, 2.2, 4)).toEqual({ domain: [-2, 3], ticks: [-2, -1, 0, 1, 2, 3] });
    expect(niceDomain(0.6931, 0.6932, 4)?.domain).toEqual([0.6931, 0.6932]);
  });
  it('keeps every value inside, with at most about twice the count of ticks', () => {
    for (const [a, b] of [
      [1e-7, 3e-7],
      [-5e4, 1],
      [0.5, 123456],
      [3, 3.0001],
    ]) {
      const d = niceDomain(a, b, 4)!;
      expect(d.domain[0]).toBeLessThanOrEqual(a);
      expect(d.domain[1]).toBeGreaterThanOrEqual(b);
      expect(d.ticks[0]).toBe(d.domain[0]);
      expect(d.ticks[d.ticks.length - 1]).toBe(d.domain[1]);
      expect(d.ticks.length).toBeLessThanOrEqual(10);
    }
  });
  it('gives a flat series a band around its value, and nothing without values', () => {
    expect(niceDomain(2, 2, 4)?.domain).toEqual([1.8, 2.2]);
    expect(niceDomain(0, 0, 4)?.domain).toEqual([-1, 1]);
    expect(niceDomain(Infinity, -Infinity)).toBeNull();
    expect(niceDomain(NaN, 1)).toBeNull();
  });
});

describe('valueRange', () => {
  it('spans the finite values of the keys over every list', () => {
    expect(valueRange<Record<string, number>>([[{ a: 1, b: 5 }, { a: -2 }], [{ a: 3, b: NaN, c: 99 }]], ['a', 'b'])).toEqual([-2, 5]);
    expect(valueRange<Record<string, number | undefined>>([[{ a: undefined }]], ['a'])).toEqual([Infinity, -Infinity]);
  });
});
