/** The app cell's result shape and its README line (no browser imports, so report.ts stays light). */

export const MOVES = 25;
export const MOVE_EVERY_MS = 400;

export interface AppScenarioResult {
  name: 'ring8' | 'mnist';
  query: string;
  /** Long tasks while training with slider moves (after the first steps, so start-up is apart). */
  count: number;
  worstMs: number;
  durations: number[];
  steps: number;
}

export interface AppCellResult {
  /** Seconds from Start until the quality read-out shows 8/8 modes (ring8 preset, `auto`); null: not within 90 s. */
  ring8ModesSeconds?: number | null;
  longTasks: { count: number; worstMs: number };
  scenarios: AppScenarioResult[];
  /** 1-minute load average of the host before and after: this cell shares the CPU with all else. */
  loadBefore: number;
  loadAfter: number;
}

/** The README/RESULTS line for the app cell. */
export function appCellLine(a: AppCellResult): string {
  const per = a.scenarios.map((s) => `${s.name} ${s.count} (worst ${s.worstMs} ms, ${s.steps} steps)`).join(', ');
  return `App cell (the built app with its recharts charts, a slider moved every ${MOVE_EVERY_MS} ms for ~${Math.round((MOVES * MOVE_EVERY_MS) / 1000)} s while training): main-thread long tasks ${a.longTasks.count}, worst ${a.longTasks.worstMs} ms (target ≤ 50 ms) — ${per}${a.ring8ModesSeconds !== undefined ? `; ring8 8/8 modes ${a.ring8ModesSeconds ?? '>90'} s after Start (target ≤ 5 s)` : ''}; host load ${a.loadBefore} → ${a.loadAfter}.`;
}

