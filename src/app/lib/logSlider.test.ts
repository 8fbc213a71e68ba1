import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS } from '../../core/config';
import { makeIntegerLogLadder } from './labLadders';
import { decadeStep, formatHyperparam, makeLogLadder, parseHyperparam, positionOf, valueAt } from './logSlider';

describe('log slider ladder', () => {
  it('covers a learning-rate range with round notches, ends included', () => {
    const l = makeLogLadder(1e-6, 1);
    expect(l.values[0]).toBe(1e-6);
    expect(l.values[l.values.length - 1]).toBe(1);
    expect(l.values).toContain(1e-3);
    expect(l.values).toContain(2e-4);
    expect(l.values).toContain(0.0015);
    // ten notches per decade, six decades, plus the top end
    expect(l.values.length).toBe(61);
    for (let i = 1; i < l.values.length; i++) expect(l.values[i]).toBeGreaterThan(l.values[i - 1]);
  });

  it('puts an "off" notch (0) at the left end when zero is allowed', () => {
    const spec = CONFIG_FIELDS.l2D;
    if (spec.kind !== 'number') throw new Error('l2D must be numeric');
    const l = makeLogLadder(spec.min, spec.max, spec.allowZero);
    expect(l.values[0]).toBe(0);
    expect(l.values[1]).toBe(1e-7);
    expect(valueAt(l, 0)).toBe(0);
    expect(positionOf(l, 0)).toBe(0);
    expect(positionOf(l, 1e-7)).toBe(1);
  });

  it('round-trips every notch and snaps other values to the nearest notch in log space', () => {
    const l = makeLogLadder(1e-7, 1, true);
    l.values.forEach((v, i) => expect(positionOf(l, v)).toBe(i));
    expect(valueAt(l, positionOf(l, 1.09e-3))).toBe(1e-3);
    expect(valueAt(l, positionOf(l, 1.1e-3))).toBe(1.2e-3);
    expect(valueAt(l, positionOf(l, 5))).toBe(1); // beyond the top
    expect(valueAt(l, -3)).toBe(0);
    expect(valueAt(l, 1e9)).toBe(1);
  });

  it('a notch step moves by at most ×1.5 (fine enough for arrow keys)', () => {
    const l = makeLogLadder(1e-6, 1);
    for (let i = 1; i < l.values.length; i++) expect(l.values[i] / l.values[i - 1]).toBeLessThanOrEqual(1.5 + 1e-9);
  });

  it('rejects a nonsense range', () => {
    expect(() => makeLogLadder(0, 1)).toThrow();
    expect(() => makeLogLadder(1, 1)).toThrow();
  });
});

describe('formatting and parsing values', () => {
  it('formats', () => {
    expect(formatHyperparam(0, true)).toBe('off');
    expect(formatHyperparam(0)).toBe('0');
    expect(formatHyperparam(2e-4)).toBe('2e-4');
    expect(formatHyperparam(1.5e-6)).toBe('1.5e-6');
    expect(formatHyperparam(0.05)).toBe('0.05');
    expect(formatHyperparam(0.3 * 0.1 * 10)).toBe('0.3');
    expect(formatHyperparam(1)).toBe('1');
  });
  it('parses what people type', () => {
    expect(parseHyperparam('off', true)).toBe(0);
    expect(parseHyperparam('off', false)).toBeNull();
    expect(parseHyperparam(' 2e-4 ')).toBe(2e-4);
    expect(parseHyperparam('0.001')).toBe(0.001);
    expect(parseHyperparam('.5')).toBe(0.5);
    expect(parseHyperparam('1E-3')).toBe(1e-3);
    expect(parseHyperparam('abc')).toBeNull();
    expect(parseHyperparam('')).toBeNull();
    expect(parseHyperparam('1e')).toBeNull();
    expect(parseHyperparam('Infinity')).toBeNull();
  });
});

describe('decade steps (PageUp / PageDown)', () => {
  const l2D = makeLogLadder(1e-7, 1, true);

  it('takes D L2 from off to 1e-4 in four presses, whole decades, and back to off', () => {
    const up: number[] = [];
    let v = 0;
    for (let i = 0; i < 4; i++) up.push((v = decadeStep(l2D, v, true)));
    expect(up).toEqual([1e-7, 1e-6, 1e-5, 1e-4]);
    // One arrow notch below 1e-4 is 8e-5: five key presses from off instead of thirty.
    expect(valueAt(l2D, positionOf(l2D, 1e-4) - 1)).toBe(8e-5);
    const down: number[] = [];
    for (let i = 0; i < 5; i++) down.push((v = decadeStep(l2D, v, false)));
    expect(down).toEqual([1e-5, 1e-6, 1e-7, 0, 0]);
  });

  it('keeps the mantissa of an in-between value and stops at the ends', () => {
    expect(decadeStep(l2D, 3e-5, true)).toBe(3e-4);
    expect(decadeStep(l2D, 3e-5, false)).toBe(3e-6);
    expect(decadeStep(l2D, 0.5, true)).toBe(1);
    expect(decadeStep(l2D, 1, true)).toBe(1);
    expect(decadeStep(l2D, 5e-7, false)).toBe(0);
  });

  it('stops at the minimum where a field has no "off" notch', () => {
    const lr = makeLogLadder(1e-6, 1);
    expect(decadeStep(lr, 2e-6, false)).toBe(1e-6);
    expect(decadeStep(lr, 1e-6, false)).toBe(1e-6);
    expect(decadeStep(lr, 2e-4, true)).toBe(2e-3);
  });

  it('works on whole-step ladders (decay steps: off, 1, 10, 100 …)', () => {
    const steps = makeIntegerLogLadder(1, 1_000_000, 'off');
    expect(decadeStep(steps, 0, true)).toBe(1);
    expect(decadeStep(steps, 250, true)).toBe(2500);
    expect(decadeStep(steps, 2500, false)).toBe(250);
    expect(decadeStep(steps, 1, false)).toBe(0);
  });
});
