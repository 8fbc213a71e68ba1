/**
 * The soak's script, row shape, verdicts and Markdown (no browser imports, so it is unit-tested in
 * Node: soakReport.test.ts). The targets are issue 16's: tensors and DOM flat, heap growth under
 * 20 MB after the first minute, no long task over 50 ms, steps/s within 10% of the first minute.
 * Phases differ in model and data (MNIST holds far more tensors and heap than ring8), so "flat"
 * and "growth" compare each minute with the first minute of the SAME phase.
 */

export const PHASES = ['ring8', 'twin', 'mnist'] as const;
export type Phase = (typeof PHASES)[number];

/** Minute m (from 1) runs phase m-1 of the cycle: ring8 → twin → mnist → ring8 → … */
export function phaseOf(minute: number): Phase {
  return PHASES[(minute - 1) % PHASES.length];
}

export interface SoakRow {
  minute: number;
  phase: Phase;
  step: number | null;
  /** Steps per second over the minute's training window (run A's in a twin). */
  stepsPerSec: number | null;
  /** TF.js tensors the worker held (its heartbeat's count, shown in the status bar). */
  tensors: number | null;
  pageHeapMB: number | null;
  workerHeapMB: number | null;
  domNodes: number | null;
  /** Rows of metric history held by the store (A's and, in a twin, B's). */
  historyRows: number | null;
  /** Main-thread long tasks while training (after the phase switch), count and worst (ms). */
  longTasks: number | null;
  worstTaskMs: number | null;
  /** The worst long task of the minute's phase switch (a new run being built and drawn). */
  switchWorstMs: number | null;
  sliderMoves: number;
  /**
   * The Discriminator L2 slider's value at the training window's start → end (the slider moves
   * one notch right, then back, every 3 s): an L2 penalty on costs the step kernels, so a minute
   * that trains with it on is slower. Absent in soaks from before it was recorded.
   */
  dL2?: string;
  /** The backend the run trained on (the status bar's), and the page's main-thread busy share of the window (%). */
  backend?: string;
  pageBusyPct?: number;
  /** 1-minute load average of the host at the row's end. */
  load: number;
  /** Steps of the script that failed or timed out (and were skipped) this minute. */
  stuck: string[];
}

export interface Verdict {
  target: string;
  /** null: not decidable from these rows (e.g. no phase ran twice). */
  pass: boolean | null;
  detail: string;
}

export const LIMITS = {
  /** Tensors may differ from the phase's first minute by this many (a step in flight holds some). */
  tensorSlack: 50,
  /** DOM nodes may differ from the phase's first minute by this share. */
  domShare: 0.05,
  heapGrowthMB: 20,
  longTaskMs: 50,
  speedShare: 0.1,
};

/** Each row paired with the first row of its phase that has the value (rows of other phases ignored). */
function againstFirst(rows: SoakRow[], value: (r: SoakRow) => number | null): { row: SoakRow; first: number; v: number }[] {
  const firsts = new Map<Phase, number>();
  const out: { row: SoakRow; first: number; v: number }[] = [];
  for (const r of rows) {
    const v = value(r);
    if (v === null) continue;
    const first = firsts.get(r.phase);
    if (first === undefined) firsts.set(r.phase, v);
    else out.push({ row: r, first, v });
  }
  return out;
}

const fmt = (x: number, d = 1) => (Math.round(x * 10 ** d) / 10 ** d).toString();
const NOT_TWICE = 'n/a: no phase ran twice (a run of at least 4 minutes repeats ring8)';

export function soakVerdicts(rows: SoakRow[]): Verdict[] {
  const out: Verdict[] = [];

  const tensors = againstFirst(rows, (r) => r.tensors);
  const worstTensor = tensors.reduce<{ d: number; at: string } | null>((w, p) => (Math.abs(p.v - p.first) > (w?.d ?? -1) ? { d: Math.abs(p.v - p.first), at: `minute ${p.row.minute} (${p.row.phase}): ${p.v} vs ${p.first}` } : w), null);
  out.push({
    target: 'tensors flat',
    pass: worstTensor ? worstTensor.d <= LIMITS.tensorSlack : null,
    detail: worstTensor ? `largest change from the phase's first minute ${worstTensor.d} (${worstTensor.at}); allowed ${LIMITS.tensorSlack}` : NOT_TWICE,
  });

  const dom = againstFirst(rows, (r) => r.domNodes);
  const worstDom = dom.reduce<{ share: number; at: string } | null>((w, p) => {
    const share = Math.abs(p.v - p.first) / p.first;
    return share > (w?.share ?? -1) ? { share, at: `minute ${p.row.minute} (${p.row.phase}): ${p.v} vs ${p.first}` } : w;
  }, null);
  out.push({
    target: 'DOM flat',
    pass: worstDom ? worstDom.share <= LIMITS.domShare : null,
    detail: worstDom ? `largest change ${fmt(100 * worstDom.share)}% (${worstDom.at}); allowed ${100 * LIMITS.domShare}%` : NOT_TWICE,
  });

  for (const [name, value] of [
    ['page', (r: SoakRow) => r.pageHeapMB],
    ['worker', (r: SoakRow) => r.workerHeapMB],
  ] as const) {
    const pairs = againstFirst(rows, value);
    const worst = pairs.reduce<{ d: number; at: string } | null>((w, p) => (p.v - p.first > (w?.d ?? -Infinity) ? { d: p.v - p.first, at: `minute ${p.row.minute} (${p.row.phase}): ${fmt(p.v)} vs ${fmt(p.first)} MB` } : w), null);
    out.push({
      target: `${name} heap growth < ${LIMITS.heapGrowthMB} MB after minute 1`,
      pass: worst ? worst.d < LIMITS.heapGrowthMB : null,
      detail: worst ? `largest growth over the phase's first minute ${fmt(worst.d)} MB (${worst.at})` : NOT_TWICE,
    });
  }

  const timed = rows.filter((r) => r.worstTaskMs !== null);
  const worstTask = timed.reduce<SoakRow | null>((w, r) => ((r.worstTaskMs ?? 0) > (w?.worstTaskMs ?? -1) ? r : w), null);
  const loads = rows.map((r) => r.load);
  out.push({
    target: `no long task > ${LIMITS.longTaskMs} ms while training`,
    pass: worstTask ? (worstTask.worstTaskMs ?? 0) <= LIMITS.longTaskMs : null,
    detail: worstTask
      ? `worst ${worstTask.worstTaskMs} ms (minute ${worstTask.minute}, ${worstTask.phase}); ${timed.reduce((a, r) => a + (r.longTasks ?? 0), 0)} long tasks in all; host load ${Math.min(...loads)}–${Math.max(...loads)}${rows.some((r) => (r.switchWorstMs ?? 0) > 0) ? `; phase switches (not counted): worst ${Math.max(...rows.map((r) => r.switchWorstMs ?? 0))} ms` : ''}`
      : 'n/a: no minute was measured',
  });

  const speed = againstFirst(rows, (r) => r.stepsPerSec);
  const worstSpeed = speed.reduce<{ share: number; at: string } | null>((w, p) => {
    const share = p.first > 0 ? Math.abs(p.v - p.first) / p.first : Infinity;
    return share > (w?.share ?? -1) ? { share, at: `minute ${p.row.minute} (${p.row.phase}): ${p.v} vs ${p.first} steps/s` } : w;
  }, null);
  out.push({
    target: `steps/s within ${100 * LIMITS.speedShare}% of the phase's first minute`,
    pass: worstSpeed ? worstSpeed.share <= LIMITS.speedShare : null,
    detail: worstSpeed ? `largest change ${fmt(100 * worstSpeed.share)}% (${worstSpeed.at})` : NOT_TWICE,
  });

  const stuck = rows.flatMap((r) => r.stuck.map((s) => `minute ${r.minute}: ${s}`));
  out.push({ target: 'no stuck step', pass: stuck.length === 0, detail: stuck.length ? stuck.slice(0, 5).join('; ') + (stuck.length > 5 ? `; … ${stuck.length} in all` : '') : 'every step of the script answered in time' });
  return out;
}

export interface SoakResult {
  generatedAt: string;
  minutes: number;
  sliderEveryMs: number;
  loadBefore: number;
  loadAfter: number;
  notes: string[];
  verdicts: Verdict[];
  rows: SoakRow[];
}

const cell = (x: number | null | undefined, d?: number) => (x === null || x === undefined ? '–' : d === undefined ? String(x) : x.toFixed(d));

export function soakMarkdown(r: SoakResult): string {
  const head = '| minute | phase | step | steps/s | tensors | page heap MB | worker heap MB | DOM nodes | history rows | long tasks | worst ms | switch worst ms | slider moves | D L2 | backend | page busy % | load | stuck |';
  const table = r.rows.map(
    (x) =>
      `| ${x.minute} | ${x.phase} | ${cell(x.step)} | ${cell(x.stepsPerSec)} | ${cell(x.tensors)} | ${cell(x.pageHeapMB, 1)} | ${cell(x.workerHeapMB, 1)} | ${cell(x.domNodes)} | ${cell(x.historyRows)} | ${cell(x.longTasks)} | ${cell(x.worstTaskMs)} | ${cell(x.switchWorstMs)} | ${x.sliderMoves} | ${x.dL2 ?? ''} | ${x.backend ?? ''} | ${cell(x.pageBusyPct)} | ${x.load} | ${x.stuck.length ? x.stuck.join('; ') : ''} |`,
  );
  const verdicts = r.verdicts.map((v) => `| ${v.target} | ${v.pass === null ? 'n/a' : v.pass ? '**pass**' : '**FAIL**'} | ${v.detail} |`);
  return [
    `# Soak: ${r.minutes} min`,
    '',
    `Generated by \`npm run bench -- --soak ${r.minutes}\` on ${r.generatedAt} (the built app in headless Chromium; host load ${r.loadBefore} → ${r.loadAfter}). ` +
      `The minutes cycle ring8 → twin run (A/B) of ring8 → MNIST → ring8 …, the Discriminator L2 slider moved every ${r.sliderEveryMs / 1000} s. ` +
      "Tensors, DOM and heap compare each minute with the first minute of the same phase (their models differ). " +
      'Long tasks count the training window of each minute; the phase switch (a new run built and drawn) is listed apart. ' +
      'On a shared machine, load inflates long tasks and lowers steps/s: read them with the load column.',
    '',
    '## Verdicts',
    '',
    '| target | verdict | detail |',
    '|---|---|---|',
    ...verdicts,
    '',
    '## Per minute',
    '',
    head,
    '|' + '---|'.repeat(head.split('|').length - 2),
    ...table,
    ...(r.notes.length ? ['', '## Notes', '', ...r.notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}
