/**
 * Turns bench measurements into results.json, a readable table and the README section. Pure
 * (strings and objects in, strings and objects out) except `writeReport`, so the formatting and
 * the target checks are unit-tested.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { appCellLine, type AppCellResult } from './appReport';
import type { CellResult, MnistRun, ProfileResult, RingRun, BackendReport } from './types';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
}

export interface Target {
  id: string;
  target: string;
  value: string;
  /** null: needs a human look (e.g. "digit shapes"), or not measured. */
  met: boolean | null;
}

export interface BenchResults {
  schema: 1;
  generatedAt: string;
  mode: 'browser' | 'node';
  quick: boolean;
  durationSec: number;
  machine: Machine;
  browser: { name: string; version: string; userAgent: string; flags: string[] } | null;
  tfjs: string;
  backends: BackendReport[];
  cells: CellResult[];
  longTasks: { count: number; worstMs: number; countAll: number; worstAllMs: number; supported: boolean; trainingSec: number } | null;
  leak: { tensorsBefore: number; tensorsAfter: number; heapBeforeMB: number | null; heapAfterMB: number | null; steps: number; tfBytesBeforeMB: number; tfBytesAfterMB: number } | null;
  timeToAllModesSec: number | null;
  ring: RingRun | null;
  mnist: (MnistRun & { png?: string }) | null;
  profile: ProfileResult | null;
  targets: Target[];
  notes: string[];
  /** The app cell (scripts/bench/appCell.ts): the built app's main thread while training. */
  app?: AppCellResult | null;
}

const fmt = (x: number | null | undefined, digits = 3): string => {
  if (x == null || !Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(digits)));
};

const MODEL_LABEL: Record<string, string> = {
  dcgan32: 'DCGAN 32×32×3 (article)',
  'dcgan32-small': 'DCGAN 32×32×3 small',
  dcgan28: 'DCGAN 28×28×1',
  'dcgan28-small': 'DCGAN 28×28×1 small',
  mlp2d: '2-D MLP',
};

/** WebGPU cells: the fused kernels against the unfused step, e.g. "fused ×2.1: 260 vs 549 ms/step, 80 vs 151 dispatches". */
function fusionNote(c: CellResult): string {
  const f = c.fusion;
  if (!f) return '';
  if (f.skipped) return `fused vs unfused: ${f.skipped}`;
  return `fused ×${fmt(f.speedup, 2)}: ${fmt(f.fusedMsPerStep)} vs ${fmt(f.unfusedMsPerStep)} ms/step, ${fmt(f.fusedDispatchesPerStep)} vs ${fmt(f.unfusedDispatchesPerStep)} dispatches`;
}

/** A Markdown table of the cells, one row per backend × model. */
export function cellsTable(cells: readonly CellResult[]): string {
  const head = ['backend', 'model', 'batch', 'D steps', 'img/s', 'steps/s', 'ms/step', 'kernels/step', 'dispatches/step', 'plain img/s', 'plain ms/step', 'plain kernels/step', 'plain dispatches/step', 'ours ÷ plain', 'GFLOP/s', 'matMul GFLOP/s', '% of matMul', 'conv GFLOP/s', 'note'];
  const rows = cells.map((c) => [
    c.backend,
    MODEL_LABEL[c.model] ?? c.model,
    String(c.batchSize),
    c.dSteps == null ? '—' : String(c.dSteps),
    fmt(c.imagesPerSec),
    fmt(c.stepsPerSec),
    fmt(c.msPerStep ?? null),
    fmt(c.kernelsPerStep ?? null),
    fmt(c.dispatchesPerStep ?? null),
    fmt(c.plainImagesPerSec),
    fmt(c.plainMsPerStep ?? null),
    fmt(c.plainKernelsPerStep ?? null),
    fmt(c.plainDispatchesPerStep ?? null),
    c.speedupVsPlain == null ? '—' : `×${fmt(c.speedupVsPlain, 2)}`,
    fmt(c.achievedGflops),
    fmt(c.ceilingGflops),
    c.pctOfCeiling == null ? '—' : `${fmt(c.pctOfCeiling, 2)}%`,
    fmt(c.convGflops),
    [c.skipped ?? (c.plain.skipped ? `plain: ${c.plain.skipped}` : ''), fusionNote(c)].filter(Boolean).join('; ').replace(/\|/g, '/'),
  ]);
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The checks of issue 5's targets, from the figures measured. */
export function evaluateTargets(r: Pick<BenchResults, 'mode' | 'cells' | 'longTasks' | 'leak' | 'timeToAllModesSec' | 'mnist' | 'profile'>): Target[] {
  const t: Target[] = [];
  const where = r.mode === 'browser' ? 'in the browser' : 'in Node';
  t.push({
    id: 'ring8-modes',
    target: `ring of 8 covers 8/8 modes within 30 s of Start ${where}`,
    value: r.timeToAllModesSec == null ? 'not reached within the cap' : `${fmt(r.timeToAllModesSec)} s`,
    met: r.timeToAllModesSec == null ? false : r.timeToAllModesSec <= 30,
  });
  if (r.mnist) {
    t.push({
      id: 'mnist-digits',
      target: 'MNIST samples show digit shapes within 60 s',
      value: `${r.mnist.steps} steps (${fmt(r.mnist.imagesPerSec)} img/s) in ${fmt(r.mnist.seconds)} s on ${r.mnist.backend}${r.mnist.png ? `; samples in ${r.mnist.png}` : ''}`,
      met: null,
    });
  }
  const wasmConv = r.cells.filter((c) => c.backend === 'wasm' && c.model !== 'mlp2d' && c.pctOfCeiling != null);
  if (wasmConv.length) {
    const worst = Math.min(...wasmConv.map((c) => c.pctOfCeiling!));
    t.push({
      id: 'conv-vs-wasm-ceiling',
      target: "conv models' train step ≥ 30% of the wasm matMul ceiling (same run)",
      value: wasmConv.map((c) => `${c.model} ${fmt(c.pctOfCeiling, 2)}%`).join(', '),
      met: worst >= 30,
    });
  }
  if (r.profile) {
    const top5 = r.profile.top.reduce((a, k) => a + k.share, 0);
    t.push({
      id: 'profile',
      target: 'per-kernel profile (tf.profile), top five kernels reported',
      value: `${r.profile.model} on ${r.profile.backend}: ${r.profile.top.map((k) => `${k.name} ${(k.share * 100).toFixed(0)}%`).join(', ')} (top 5 = ${(top5 * 100).toFixed(0)}%)`,
      met: true,
    });
  }
  for (const [backends, min, label] of [
    [['webgpu', 'webgl'], 1.5, 'ours ≥ 1.5× the plain loop on webgpu/webgl'],
    [['wasm', 'cpu'], 1.0, 'ours never slower than the plain loop on wasm/cpu'],
  ] as const) {
    const cs = r.cells.filter((c) => (backends as readonly string[]).includes(c.backend) && c.speedupVsPlain != null);
    if (!cs.length) continue;
    t.push({
      id: `speedup-${backends.join('-')}`,
      target: label,
      value: cs.map((c) => `${c.backend}/${c.model} ×${fmt(c.speedupVsPlain, 2)}`).join(', '),
      met: cs.every((c) => c.speedupVsPlain! >= min),
    });
  }
  if (r.longTasks) {
    t.push({
      id: 'long-tasks',
      target: '0 main-thread long tasks over 50 ms while training',
      value: r.longTasks.supported ? `${r.longTasks.count} (worst ${fmt(r.longTasks.worstMs)} ms) over ${fmt(r.longTasks.trainingSec)} s of training` : 'longtask entries not supported',
      met: r.longTasks.supported ? r.longTasks.count === 0 : null,
    });
  }
  if (r.leak) {
    const heapGrowth = r.leak.heapAfterMB != null && r.leak.heapBeforeMB != null ? r.leak.heapAfterMB - r.leak.heapBeforeMB : null;
    t.push({
      id: 'flat-memory',
      target: 'tensors and heap flat over the long run (≥ 2,000 steps of the 2-D MLP)',
      value: `tensors ${r.leak.tensorsBefore} → ${r.leak.tensorsAfter}, heap ${fmt(r.leak.heapBeforeMB)} → ${fmt(r.leak.heapAfterMB)} MB over ${r.leak.steps} steps`,
      // "Flat": same tensor count; heap within 1 MB (GC'd before each reading).
      met: r.leak.tensorsAfter === r.leak.tensorsBefore && (heapGrowth === null || heapGrowth <= 1),
    });
  }
  return t;
}

export function targetsTable(targets: readonly Target[]): string {
  const mark = (m: boolean | null) => (m === true ? 'met' : m === false ? '**missed**' : 'look');
  return ['| target | measured | |', '| --- | --- | --- |', ...targets.map((t) => `| ${t.target} | ${t.value.replace(/\|/g, '/')} | ${mark(t.met)} |`)].join('\n');
}

export function machineLine(r: Pick<BenchResults, 'machine' | 'browser' | 'mode' | 'generatedAt' | 'tfjs' | 'quick'>): string {
  const m = r.machine;
  const where = r.mode === 'browser' && r.browser ? `${r.browser.name} ${r.browser.version} headless, bench in a Web Worker` : `Node ${m.node}`;
  return `${r.generatedAt.slice(0, 10)}, ${m.cpuModel} (${m.cores} cores, ${m.memoryGB} GB), ${m.os}; ${where}; TF.js ${r.tfjs}${r.quick ? '; --quick' : ''}`;
}

/** The Markdown block for one results file. */
export function resultsMarkdown(r: BenchResults): string {
  const parts = [
    `**${r.mode === 'browser' ? 'Browser' : 'Node'}** — ${machineLine(r)}. Medians of ≥ 2 timed windows after warm-up; the machine is shared and noisy.`,
    '',
    cellsTable(r.cells),
    '',
  ];
  const b = r.backends.map((x) => `${x.name}: ${x.started ? x.note : `did not start (${x.note})`}`).join('; ');
  if (b) parts.push(`Backends — ${b}.`, '');
  if (r.profile) {
    parts.push(
      `Per-kernel profile (tf.profile, one ${r.profile.model} step, batch ${r.profile.batchSize}, ${r.profile.backend}, ${r.profile.stepMs} ms): ` +
        r.profile.top.map((k) => `${k.name} ${(k.share * 100).toFixed(0)}%`).join(', ') +
        '.',
      '',
    );
  }
  parts.push(targetsTable(r.targets));
  if (r.app) parts.push('', appCellLine(r.app));
  return parts.join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the text between the bench markers; null when the markers are missing. */
export function replaceMarked(text: string, body: string): string | null {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return null;
  return `${text.slice(0, a + START.length)}\n${body.trim()}\n${text.slice(b)}`;
}

/** Writes bench/RESULTS.md and README.md's marked section from whichever results files exist. */
export function writeReport(paths: { browser: string; node: string; resultsMd: string; readme: string }): string[] {
  const blocks: string[] = [];
  for (const p of [paths.browser, paths.node]) {
    if (existsSync(p)) blocks.push(resultsMarkdown(JSON.parse(readFileSync(p, 'utf8')) as BenchResults));
  }
  const body = blocks.join('\n\n');
  const written = [paths.resultsMd];
  writeFileSync(paths.resultsMd, `# Benchmark results\n\nWritten by \`npm run bench\` (browser) and \`npm run bench -- --node\`.\n\n${body}\n`);
  if (existsSync(paths.readme)) {
    const next = replaceMarked(readFileSync(paths.readme, 'utf8'), body);
    if (next !== null) {
      writeFileSync(paths.readme, next);
      written.push(paths.readme);
    }
  }
  return written;
}
