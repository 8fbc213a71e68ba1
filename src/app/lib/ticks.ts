/** Round axis ticks inside [min, max] (1, 2 or 5 × 10^k apart), so labels never collide at the ends. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/**
 * A y-axis for values in [min, max]: the range widened to whole steps of a round size (1, 2 or
 * 5 × 10^k, about `count` of them) and its ticks. Charts pass both to recharts, which then skips
 * its own nice-tick search (decimal arithmetic on every redraw, a large share of a chart's
 * render). A flat series gets a small band around its value; no finite value gives null.
 */
export function niceDomain(min: number, max: number, count = 4): { domain: [number, number]; ticks: number[] } | null {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return null;
  if (max === min) {
    const pad = Math.abs(min) * 0.1 || 1;
    return niceDomain(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const lo = Number((Math.floor(min / step + 1e-9) * step).toPrecision(12));
  const hi = Number((Math.ceil(max / step - 1e-9) * step).toPrecision(12));
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) ticks.push(Number((lo + i * step).toPrecision(12)));
  return { domain: [lo, hi], ticks };
}

/** Smallest and largest finite value of `keys` over every row of every list. */
export function valueRange<R extends Record<string, unknown>>(lists: readonly (readonly R[])[], keys: readonly string[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const rows of lists)
    for (const r of rows)
      for (const k of keys) {
        const v = r[k];
        if (typeof v === 'number' && Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
  return [lo, hi];
}
