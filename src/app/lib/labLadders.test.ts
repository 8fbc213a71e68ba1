import { describe, expect, it } from 'vitest';
import { checkField } from '../../core/config';
import { makeIntegerLogLadder, makeLinearLadder } from './labLadders';
import { positionOf, valueAt } from './logSlider';

describe('lab slider ladders', () => {
  it('label smoothing: 0 (off) to 0.5 in steps of 0.01, every notch valid', () => {
    const l = makeLinearLadder(0, 0.5, 0.01);
    expect(l.values).toHaveLength(51);
    expect(l.values[0]).toBe(0);
    expect(l.values[10]).toBe(0.1);
    expect(l.values[50]).toBe(0.5);
    expect(l.allowZero).toBe(true);
    for (const v of l.values) expect(checkField('labelSmoothing', v)).toBeNull();
    expect(positionOf(l, 0)).toBe(0);
    expect(valueAt(l, positionOf(l, 0.2))).toBe(0.2);
    expect(valueAt(l, positionOf(l, 0.5))).toBe(0.5);
  });

  it('anneal steps: whole numbers only, 1 … 1e6, every notch valid', () => {
    const l = makeIntegerLogLadder(1, 1_000_000);
    expect(l.values[0]).toBe(1);
    expect(l.values[l.values.length - 1]).toBe(1_000_000);
    expect(l.values.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 8, 10]);
    for (const v of l.values) expect(checkField('instanceNoiseSteps', v)).toBeNull();
    expect(valueAt(l, positionOf(l, 2000))).toBe(2000);
    expect(valueAt(l, positionOf(l, 2100))).toBe(2000);
  });

  it('decay length: an "off" notch, then whole steps; decay start: a plain 0 first', () => {
    const steps = makeIntegerLogLadder(1, 1_000_000, 'off');
    expect(steps.values.slice(0, 3)).toEqual([0, 1, 2]);
    expect(steps.allowZero).toBe(true);
    for (const v of steps.values) expect(checkField('lrDecaySteps', v)).toBeNull();
    expect(positionOf(steps, 0)).toBe(0);
    expect(valueAt(steps, positionOf(steps, 2500))).toBe(2500);
    const start = makeIntegerLogLadder(1, 1_000_000, 'value');
    expect(start.values.slice(0, 3)).toEqual([0, 1, 2]);
    expect(start.allowZero).toBe(false);
    for (const v of start.values) expect(checkField('lrDecayStart', v)).toBeNull();
    expect(positionOf(start, 0)).toBe(0);
    expect(valueAt(start, positionOf(start, 5000))).toBe(5000);
  });
});
