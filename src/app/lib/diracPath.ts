/** Helpers for drawing the Dirac-GAN's (θ, ψ) path (pure TS, unit-tested). */
import type { ChartRow } from './metricHistory';

/**
 * Half the side of the square view, centred on (0, 0): the farthest the newest `recent` share of
 * the path has been from the equilibrium on either axis, with a margin, never below 0.05 (so a
 * converged run still shows a readable plane). The first steps often swing far out; framing the
 * recent part keeps the circling (or the spiral in) large enough to see, and the early swing
 * simply leaves the frame.
 */
export function diracExtent(rows: readonly ChartRow[], { margin = 1.15, floor = 0.05, recent = 0.75 } = {}): number {
  let m = 0;
  const from = Math.floor(rows.length * (1 - recent));
  for (let i = from; i < rows.length; i++) {
    const r = rows[i];
    if (r.theta !== undefined && Number.isFinite(r.theta)) m = Math.max(m, Math.abs(r.theta));
    if (r.psi !== undefined && Number.isFinite(r.psi)) m = Math.max(m, Math.abs(r.psi));
  }
  return Math.max(floor, m * margin);
}

/** Early (t = 0, light amber) to late (t = 1, dark blue), as an rgb() string. */
export function timeColor(t: number): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const from = [251, 191, 36];
  const to = [30, 58, 138];
  const c = from.map((a, i) => Math.round(a + (to[i] - a) * u));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
