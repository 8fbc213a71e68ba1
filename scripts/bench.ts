/**
 * npm run bench [-- --quick] [-- --node] [-- --backends wasm,cpu]
 *
 * Browser (default): builds the bench page, launches Debian Chromium headless with the WebGPU
 * flags of docs/ARCHITECTURE.md (TF.js facts) and, in a Web Worker, measures every backend that starts × every model in
 * one run; writes bench/results.json. --node: the same cells in Node (wasm, cpu); writes
 * bench/results-node.json. Both update bench/RESULTS.md and README.md's bench section.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join, relative } from 'node:path';
import { longTasksWithin } from './bench/stats';
import type { BenchBackend, RingRun } from './bench/types';
import { REPO_ROOT } from './lib/nodeAssets';
import { writePng } from './lib/runOutputs';
import { CHROMIUM_ARGS, runBrowserBench } from './bench/browser';
import { runNodeBench } from './bench/node';
import { makePlan, MODEL_IDS } from './bench/plan';
import type { ModelId } from '../src/core/config';
import { runSoak } from './bench/soak';
import { cellsTable, evaluateTargets, targetsTable, writeReport, type BenchResults, type Machine } from './bench/report';
import { runMain } from './lib/runMain';
import { runAppCell, runAppCellOnly } from './bench/appCell';

const USAGE = `usage: npm run bench [-- --quick] [-- --node] [-- --backends webgpu,webgl,wasm,cpu]
  --quick      ~2-minute run: the 2-D MLP and DCGAN 28×28×1 small only, short caps, no MNIST minute
  --node       the same cells in Node (wasm, cpu), no browser; writes bench/results-node.json
  --app        only the app cell (the built app's main-thread long tasks), into bench/results.json
  --soak MIN   a lesson-long run of the built app (dist/: npx vite build first), a row a minute,
               into bench/soak.json and bench/SOAK.md
  --backends   which backends to try (default: all four in the browser, wasm,cpu in Node)
  --models     only these models' cells (e.g. --backends webgpu --models mlp2d), merged into the
               existing results file: no ring run, MNIST minute or app cell`;

/** The whole browser bench must end within 15 minutes here. */
const DEADLINE_SEC = 14 * 60;

/** The long run's before/after figures, as results.json's `leak`. */
function leakOf(ring: RingRun | null | undefined): BenchResults['leak'] {
  if (!ring) return null;
  const { tensorsBefore, tensorsAfter, heapBeforeMB, heapAfterMB, steps, tfBytesBeforeMB, tfBytesAfterMB } = ring;
  return { tensorsBefore, tensorsAfter, heapBeforeMB, heapAfterMB, steps, tfBytesBeforeMB, tfBytesAfterMB };
}

function machine(): Machine {
  const c = cpus();
  return {
    cpuModel: c[0]?.model.trim() ?? 'unknown CPU',
    cores: c.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.includes('--soak')) return runSoak(argv);
  const unknown = argv.filter(
    (a, i) => !['--quick', '--node', '--app', '--backends', '--models'].includes(a) && !['--backends', '--models'].includes(argv[i - 1]),
  );
  if (unknown.length) {
    console.error(`error: unknown argument ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const quick = argv.includes('--quick');
  const node = argv.includes('--node');
  const bi = argv.indexOf('--backends');
  const backends = (bi >= 0 ? (argv[bi + 1] ?? '').split(',') : node ? ['wasm', 'cpu'] : ['wasm', 'webgl', 'webgpu', 'cpu']) as BenchBackend[];
  if (backends.some((b) => !['webgpu', 'webgl', 'wasm', 'cpu'].includes(b))) {
    console.error(`error: --backends takes a comma list of webgpu, webgl, wasm, cpu\n${USAGE}`);
    return 2;
  }
  const mi = argv.indexOf('--models');
  const models = mi >= 0 ? ((argv[mi + 1] ?? '').split(',') as ModelId[]) : null;
  if (models?.some((m) => !MODEL_IDS.includes(m))) {
    console.error(`error: --models takes a comma list of ${MODEL_IDS.join(', ')}\n${USAGE}`);
    return 2;
  }
  const plan = makePlan(quick, backends, models);
  const loadBefore = loadavg()[0];
  const t0 = performance.now();
  const stamp = () => `[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s]`;
  const log = (s: string) => console.log(`${stamp()} ${s}`);
  const benchDir = join(REPO_ROOT, 'bench');
  mkdirSync(benchDir, { recursive: true });

  if (argv.includes('--app')) {
    await runAppCellOnly(join(benchDir, 'results.json'), log);
    if (!process.env.APP_CELL_ONLY)
      writeReport({
        browser: join(benchDir, 'results.json'),
        node: join(benchDir, 'results-node.json'),
        resultsMd: join(benchDir, 'RESULTS.md'),
        readme: join(REPO_ROOT, 'README.md'),
      });
    return 0;
  }
  let results: BenchResults;
  if (node) {
    const out = await runNodeBench(plan, log);
    const ring = out.ring;
    results = {
      schema: 1,
      generatedAt: new Date().toISOString(),
      mode: 'node',
      quick,
      durationSec: Math.round((performance.now() - t0) / 1000),
      machine: machine(),
      browser: null,
      tfjs: tf.version.tfjs,
      backends: out.backends,
      cells: out.cells,
      longTasks: null,
      leak: leakOf(ring),
      timeToAllModesSec: ring?.timeToAllModesSec ?? null,
      ring,
      mnist: null,
      profile: out.profile,
      targets: [],
      notes: ['Node: no main thread to observe (longTasks null); heap = process heapUsed after a forced GC.'],
    };
  } else {
    const out = await runBrowserBench(plan, log, t0 + DEADLINE_SEC * 1000);
    const ring = out.ring;
    const lt = out.longTasks;
    const during = longTasksWithin(lt.tasks, lt.training);
    let png: string | undefined;
    if (out.mnistGrid) {
      const file = join(benchDir, 'mnist-60s.png');
      writePng(file, { width: out.mnistGrid.width, height: out.mnistGrid.height, pixels: new Uint8ClampedArray(out.mnistGrid.rgba) });
      png = relative(REPO_ROOT, file);
    }
    results = {
      schema: 1,
      generatedAt: new Date().toISOString(),
      mode: 'browser',
      quick,
      durationSec: Math.round((performance.now() - t0) / 1000),
      machine: machine(),
      browser: { name: 'Chromium', version: out.browserVersion, userAgent: out.userAgent, flags: CHROMIUM_ARGS },
      tfjs: tf.version.tfjs,
      backends: out.backends,
      cells: out.cells,
      longTasks: {
        count: during.count,
        worstMs: during.worstMs,
        countAll: lt.tasks.length,
        worstAllMs: lt.tasks.reduce((a, t) => Math.max(a, t.duration), 0),
        supported: lt.supported,
        trainingSec: Math.round(lt.training.reduce((a, [s, e]) => a + (e - s), 0) / 1000),
      },
      leak: leakOf(ring),
      timeToAllModesSec: ring?.timeToAllModesSec ?? null,
      ring,
      mnist: out.mnist && { ...out.mnist, ...(png ? { png } : {}) },
      profile: out.profile,
      targets: [],
      notes: [
        'Heap: the bench worker’s V8 heap (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage); performance.memory does not exist in workers.',
        'Long tasks: PerformanceObserver("longtask") on the bench page’s main thread, counted while the worker trains.',
        ...out.gpuErrors.map((e) => `GPU error: ${e}`),
      ],
    };
  }
  const file = join(benchDir, node ? 'results-node.json' : 'results.json');
  if (models) results = mergeCells(file, results, `host load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`);
  else if (!node) results.app = await runAppCell(log);
  results.targets = evaluateTargets(results);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\n${cellsTable(results.cells)}\n`);
  if (results.profile) {
    const p = results.profile;
    console.log(`profile (${p.model}, ${p.backend}, batch ${p.batchSize}, step ${p.stepMs} ms, ${p.kernelCount} kernels):`);
    for (const k of p.top) console.log(`  ${k.name.padEnd(24)} ${(k.share * 100).toFixed(1).padStart(5)}%  ${k.ms} ms in ${k.calls} calls`);
    console.log('');
  }
  console.log(`${targetsTable(results.targets)}\n`);
  const written = writeReport({
    browser: join(benchDir, 'results.json'),
    node: join(benchDir, 'results-node.json'),
    resultsMd: join(benchDir, 'RESULTS.md'),
    readme: join(REPO_ROOT, 'README.md'),
  });
  console.log(`wrote ${relative(REPO_ROOT, file)}, ${written.map((w) => relative(REPO_ROOT, w)).join(', ')} in ${results.durationSec} s`);
  return 0;
}

/**
 * `--models`: the cells just measured replace the same backend × model cells of the results file;
 * everything else in it (other cells, the ring run, the app cell) stays, with a note saying which
 * cells are newer.
 */
function mergeCells(file: string, fresh: BenchResults, load: string): BenchResults {
  if (!existsSync(file)) return fresh;
  const old = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const key = (c: { backend: string; model: string }) => `${c.backend}/${c.model}`;
  const replaced = new Set(fresh.cells.map(key));
  const cells = old.cells.map((c) => fresh.cells.find((f) => key(f) === key(c)) ?? c);
  for (const f of fresh.cells) if (!old.cells.some((c) => key(c) === key(f))) cells.push(f);
  const backends = [...old.backends.filter((b) => !fresh.backends.some((f) => f.name === b.name)), ...fresh.backends];
  const note = `Cells ${[...replaced].join(', ')} re-measured ${fresh.generatedAt} (--models; ${load}); the rest as noted or from ${old.generatedAt}.`;
  return {
    ...old,
    cells,
    backends,
    notes: [
      ...old.notes.map((n) => withoutCells(n, replaced)).filter((n): n is string => n !== null),
      note,
      ...fresh.notes.filter((n) => n.startsWith('GPU error')),
    ],
  };
}

/** An earlier --models note without the cells measured again now (null when none of its cells is left). */
function withoutCells(note: string, replaced: Set<string>): string | null {
  const m = /^Cells (.+?) re-measured (.*)$/.exec(note);
  if (!m || !note.includes('(--models')) return note;
  const left = m[1].split(', ').filter((c) => !replaced.has(c));
  return left.length ? `Cells ${left.join(', ')} re-measured ${m[2]}` : null;
}

runMain(() => main(process.argv.slice(2)));
