/**
 * Slider notches for the lab's two settings that are not plain log-scale fields: label smoothing
 * (linear, 0 = off) and lengths or step numbers (whole steps, spanning decades). Both return the
 * `LogLadder` shape HyperparamSlider takes.
 */
import type { LogLadder } from './logSlider';
import { makeLogLadder } from './logSlider';

/** min, min + step, … max (rounded to 3 significant digits); 0 is the "off" notch when min is 0. */
export function makeLinearLadder(min: number, max: number, step: number): LogLadder {
  if (!(step > 0) || !(max > min)) throw new Error(`linear ladder needs min < max and step > 0; got ${min}, ${max}, ${step}`);
  const n = Math.round((max - min) / step);
  const values = Array.from({ length: n + 1 }, (_, i) => Number((min + i * step).toPrecision(3)));
  values[values.length - 1] = max;
  return { values, allowZero: min === 0, min, max };
}

/**
 * The log ladder's notches that are whole numbers: 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, …
 * `zero`: 'off' puts an "off" notch first; 'value' a plain 0 (a step number, say).
 */
export function makeIntegerLogLadder(min: number, max: number, zero: 'none' | 'off' | 'value' = 'none'): LogLadder {
  const ladder = makeLogLadder(Math.max(1, min), max);
  const values = ladder.values.filter((v) => Number.isInteger(v));
  return { ...ladder, values: zero === 'none' ? values : [0, ...values], allowZero: zero === 'off' };
}
