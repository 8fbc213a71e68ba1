import { describe, expect, it } from 'vitest';
import { niceTicks } from './ticks';

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
