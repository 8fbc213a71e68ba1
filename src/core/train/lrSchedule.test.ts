import { describe, expect, it } from 'vitest';
import { LR_DECAY_FLOOR, lrDecayFactor } from './lrSchedule';

describe('lrDecayFactor', () => {
  it('is 1 when off, and before and at the start step', () => {
    expect(lrDecayFactor(5000, 0, 0)).toBe(1);
    expect(lrDecayFactor(0, 100, 50)).toBe(1);
    expect(lrDecayFactor(100, 100, 50)).toBe(1);
  });

  it('falls linearly to the floor over the decay steps, then stays there', () => {
    expect(lrDecayFactor(125, 100, 50)).toBeCloseTo(1 - (1 - LR_DECAY_FLOOR) / 2, 12);
    expect(lrDecayFactor(150, 100, 50)).toBeCloseTo(LR_DECAY_FLOOR, 12);
    expect(lrDecayFactor(1e6, 100, 50)).toBeCloseTo(LR_DECAY_FLOOR, 12);
    const path = [100, 110, 120, 130, 140, 150].map((s) => lrDecayFactor(s, 100, 50));
    for (let i = 1; i < path.length; i++) expect(path[i]).toBeLessThan(path[i - 1]);
  });
});
