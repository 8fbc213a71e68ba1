/**
 * Maps slider positions to hyperparameter values on a log scale. Each decade has the same "nice"
 * notches (1, 1.2, 1.5, 2 … 8 × 10^k), so an arrow key moves by roughly ×1.2 and the number shown
 * is always round. Fields that allow 0 get an extra "off" notch at position 0, left of the minimum.
 * Pure TS (no DOM): unit-tested in Node.
 */

export const NOTCHES_PER_DECADE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8] as const;

export interface LogLadder {
  /** values[i] is the value at slider position i; values[0] is 0 when `allowZero`. */
  values: number[];
  allowZero: boolean;
  min: number;
  max: number;
}

/** Rounds away binary noise (0.1 × 3 = 0.30000000000000004) to 3 significant digits. */
function tidy(x: number): number {
  return Number(x.toPrecision(3));
}

export function makeLogLadder(min: number, max: number, allowZero = false): LogLadder {
  if (!(min > 0) || !(max > min)) throw new Error(`log ladder needs 0 < min < max; got ${min}, ${max}`);
  const values: number[] = [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const eps = 1e-9;
  for (let d = lo; d <= hi; d++) {
    for (const m of NOTCHES_PER_DECADE) {
      const v = tidy(m * 10 ** d);
      if (v >= min * (1 - eps) && v <= max * (1 + eps)) values.push(v);
    }
  }
  if (values[0] !== min) values.unshift(min);
  if (values[values.length - 1] !== max) values.push(max);
  if (allowZero) values.unshift(0);
  return { values, allowZero, min, max };
}

/** The slider position whose notch is nearest to `value` in log space (0 → the "off" notch). */
export function positionOf(ladder: LogLadder, value: number): number {
  const { values, allowZero } = ladder;
  if (allowZero && !(value > 0)) return 0;
  const first = allowZero ? 1 : 0;
  if (!(value > 0)) return first;
  const lv = Math.log10(value);
  let best = first;
  let bestDist = Infinity;
  for (let i = first; i < values.length; i++) {
    const dist = Math.abs(Math.log10(values[i]) - lv);
    if (dist < bestDist) {
      bestDist = dist;
      best = i;
    }
  }
  return best;
}

export function valueAt(ladder: LogLadder, position: number): number {
  const i = Math.min(ladder.values.length - 1, Math.max(0, Math.round(position)));
  return ladder.values[i];
}

/** How many positions make one decade (for PageUp / PageDown on an even, linear ladder). */
export const POSITIONS_PER_DECADE = NOTCHES_PER_DECADE.length;

/**
 * PageUp / PageDown on a log slider: the value ×10 or ÷10, snapped to the nearest notch. Up from
 * "off" (or 0) lands on the smallest non-zero notch; down past it lands on "off", so off → 1e-7
 * → 1e-6 → … are whole decades (counting positions would land off → 8e-7, a notch short).
 */
export function decadeStep(ladder: LogLadder, value: number, up: boolean): number {
  const { values } = ladder;
  const smallest = values.find((v) => v > 0) ?? values[0];
  const largest = values[values.length - 1];
  if (!(value > 0)) return up ? smallest : values[0];
  const target = up ? value * 10 : value / 10;
  if (target >= largest) return largest;
  // Below the smallest notch: the "off" notch (or a plain 0) where there is one, else the minimum.
  if (target < smallest * (1 - 1e-9)) return values[0];
  return valueAt(ladder, positionOf(ladder, target));
}

/**
 * Short text for a hyperparameter value: "off" for 0 when the field allows it, plain decimals
 * from 0.01 up ("0.05", "0.5"), exponent form below ("2e-4", "1.5e-6").
 */
export function formatHyperparam(value: number, allowZero = false): string {
  if (value === 0) return allowZero ? 'off' : '0';
  if (!Number.isFinite(value)) return String(value);
  const v = tidy(value);
  if (Math.abs(v) >= 0.01 && Math.abs(v) < 1e4) return String(v);
  return v.toExponential();
}

/**
 * Reads what a person typed into a value box: "off" (or 0) where allowed, decimals, exponent
 * form. Returns null when it is not a number at all; range checking is `checkField`'s job.
 */
export function parseHyperparam(text: string, allowZero = false): number | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (allowZero && (t === 'off' || t === 'none')) return 0;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}
