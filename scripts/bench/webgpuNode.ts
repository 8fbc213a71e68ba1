/**
 * The bench's cells on TF.js's WebGPU backend in Node through Dawn, for a machine with a real GPU
 * and no browser. Dawn's Node bindings (the npm package `webgpu`) are NOT a project dependency:
 * the folder of that package comes from --webgpu DIR or WEBGPU_NODE, and is loaded at run time.
 *
 *   npx tsx scripts/bench/webgpuNode.ts --webgpu DIR [--quick] [--wasm] [--wasm-budget S] [--ring-cap S]
 *     [--deadline S] [--out DIR]
 *
 * scripts/devbench-bundle.sh builds the same entry into a self-contained folder (.devbench/:
 * Node, dawn.node, one JS bundle) that travels to the GPU machine. What runs: the adapter's info;
 * matMul GFLOP/s at 1024² … 4096²; the plan's cells on webgpu (ours vs the plain loop, as
 * `npm run bench`); the ring of 8 on webgpu (time to 8/8 modes); with --wasm the same cells on
 * wasm for comparison. Writes webgpu-node.json and webgpu-node.md to --out (default $OUT, else
 * bench/), rewritten after every cell so a run stopped early keeps what it measured.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BackendReport, CellResult, ProfileResult, RingRun } from './types';
import { runMain } from '../lib/runMain';

interface Args {
  webgpu: string;
  out: string;
  quick: boolean;
  wasm: boolean;
  ringCapSec: number | null;
  wasmBudgetSec: number;
  deadlineSec: number;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const webgpu = value('--webgpu') ?? process.env.WEBGPU_NODE;
  if (!webgpu) throw new Error('give the folder of the npm package "webgpu" with --webgpu DIR or WEBGPU_NODE');
  const num = (name: string) => (value(name) === undefined ? null : Number(value(name)));
  return {
    webgpu: resolve(webgpu),
    out: resolve(value('--out') ?? process.env.OUT ?? 'bench'),
    quick: argv.includes('--quick'),
    wasm: argv.includes('--wasm'),
    ringCapSec: num('--ring-cap'),
    wasmBudgetSec: num('--wasm-budget') ?? 90,
    deadlineSec: num('--deadline') ?? 600,
  };
}

/** Loads dawn.node, installs navigator.gpu and the GPU* globals, returns what the adapter says. */
async function installWebGPU(dir: string): Promise<{ packageVersion: string; adapter: Record<string, unknown> }> {
  const index = statSync(dir).isDirectory() ? join(dir, 'index.js') : dir;
  const pkgDir = statSync(dir).isDirectory() ? dir : resolve(dir, '..');
  const packageVersion = String(JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version);
  const { create, globals } = await import(pathToFileURL(index).href);
  Object.assign(globalThis, globals);
  const flags = (process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean);
  const gpu = create(flags);
  // DAWN_FEATURE_LEVEL=compatibility: every requestAdapter (TF.js's too) asks for a compat
  // adapter, e.g. Dawn's OpenGL ES backend on Mesa llvmpipe (DAWN_FLAGS=backend=opengles,
  // EGL_PLATFORM=surfaceless) where no Vulkan driver suits Dawn: to check the path without a GPU.
  const featureLevel = process.env.DAWN_FEATURE_LEVEL;
  if (featureLevel) {
    const request = gpu.requestAdapter;
    gpu.requestAdapter = (options: object = {}) => request.call(gpu, { ...options, featureLevel });
  }
  // Node ≥ 21 has a navigator getter: define, don't assign.
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('Dawn found no WebGPU adapter (requestAdapter() returned null)');
  const info = adapter.info ?? (typeof adapter.requestAdapterInfo === 'function' ? await adapter.requestAdapterInfo() : {});
  const limits = ['maxBufferSize', 'maxStorageBufferBindingSize', 'maxComputeWorkgroupStorageSize', 'maxComputeInvocationsPerWorkgroup'];
  return {
    packageVersion,
    adapter: {
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
      isFallbackAdapter: Boolean(adapter.isFallbackAdapter ?? info.isFallbackAdapter),
      features: [...adapter.features].sort(),
      limits: Object.fromEntries(limits.map((k) => [k, adapter.limits[k]])),
      dawnFlags: flags,
      featureLevel: featureLevel ?? 'core',
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const t0 = performance.now();
  const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
  let webgpu: Awaited<ReturnType<typeof installWebGPU>>;
  try {
    webgpu = await installWebGPU(args.webgpu);
  } catch (e) {
    // No adapter (or no dawn.node): say so in the output folder too, then stop.
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, 'webgpu-node.json'), `${JSON.stringify({ schema: 1, finished: false, error: (e as Error).message }, null, 2)}\n`);
    throw e;
  }
  const { packageVersion, adapter } = webgpu;
  log(`webgpu ${packageVersion} (Dawn): adapter ${JSON.stringify(adapter)}`);

  // TF.js registers its webgpu backend at import time only where navigator.gpu exists: import after.
  const tf = await import('@tensorflow/tfjs');
  const { matmulGflops } = await import('./cells/ceilings');
  const { ringRun } = await import('./cells/ring');
  const { sig } = await import('./stats');
  const { nodeBenchHost, runNodeBackend } = await import('./node');
  const { makePlan } = await import('./plan');
  const { cellsTable } = await import('./report');
  const host = nodeBenchHost(log);
  const plan = makePlan(args.quick, args.wasm ? ['webgpu', 'wasm'] : ['webgpu']);
  for (const task of plan.backends) if (task.backend === 'wasm') task.budgetSec = Math.min(task.budgetSec, args.wasmBudgetSec);

  const cpu = cpus();
  const results = {
    schema: 1,
    generatedAt: new Date().toISOString(),
    durationSec: 0,
    finished: false,
    quick: args.quick,
    runtime: `Node ${process.version} + Dawn (npm webgpu ${packageVersion}); no browser`,
    tfjs: tf.version.tfjs,
    webgpuPackage: packageVersion,
    machine: { cpuModel: cpu[0]?.model.trim() ?? 'unknown CPU', cores: cpu.length, memoryGB: Math.round(totalmem() / 2 ** 30), os: `${type()} ${release()}` },
    adapter,
    tfAdapterInfo: null as unknown,
    matmul: [] as { size: number; gflops: number | null }[],
    backends: [] as BackendReport[],
    cells: [] as CellResult[],
    ring: null as RingRun | null,
    profile: null as ProfileResult | null,
    notes: [] as string[],
  };
  mkdirSync(args.out, { recursive: true });
  const save = () => {
    results.durationSec = Math.round((performance.now() - t0) / 1000);
    writeFileSync(join(args.out, 'webgpu-node.json'), `${JSON.stringify(results, null, 2)}\n`);
    const ring = results.ring;
    const md = [
      `**WebGPU in Node (Dawn)** — ${results.generatedAt.slice(0, 10)}; GPU: ${[adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' / ')}; ` +
        `${results.machine.cpuModel} (${results.machine.cores} cores); ${results.runtime}; TF.js ${results.tfjs}${args.quick ? '; --quick' : ''}.`,
      '',
      cellsTable(results.cells),
      '',
      `matMul (float32, square): ${results.matmul.map((m) => `${m.size}²: ${m.gflops ?? '—'} GFLOP/s`).join(', ') || '—'}.`,
      ring ? `Ring of 8 on ${ring.backend}: 8/8 modes ${ring.timeToAllModesSec === null ? `not reached in ${ring.seconds} s` : `at ${ring.timeToAllModesSec} s (step ${ring.stepsToAllModes})`}; ${ring.steps} steps in ${ring.seconds} s; tensors ${ring.tensorsBefore} → ${ring.tensorsAfter}.` : '',
      ...results.notes.map((n) => `Note: ${n}`),
      '',
    ];
    writeFileSync(join(args.out, 'webgpu-node.md'), md.join('\n'));
  };
  const stop = setTimeout(() => {
    results.notes.push(`stopped at the ${args.deadlineSec} s deadline`);
    save();
    log('deadline: results so far written');
    process.exit(3);
  }, args.deadlineSec * 1000);
  save();

  for (const task of plan.backends) {
    const out = await runNodeBackend(task, host, (c) => {
      results.cells.push(c);
      save();
    });
    if (task.backend === 'webgpu' && out.report.started) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      results.tfAdapterInfo = (tf.backend() as any).adapterInfo ?? null;
      out.report.note = `${out.report.note}; Dawn adapter: ${[adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' / ')}`;
      results.backends.push(out.report);
      for (const size of args.quick ? [1024] : [1024, 2048, 4096]) {
        const gflops = sig(await matmulGflops(host, size, 4000), 4);
        log(`webgpu: matMul ${size}² ${gflops} GFLOP/s`);
        results.matmul.push({ size, gflops });
        save();
      }
      const capSec = args.ringCapSec ?? plan.ring.capSec;
      if (capSec > 0) results.ring = await ringRun('webgpu', [], plan.ring.minSteps, capSec, host);
    } else {
      results.backends.push(out.report);
      results.profile = out.profile ?? results.profile;
      if (!out.report.started) log(`${task.backend}: did not start — ${out.report.note}`);
    }
    save();
  }
  clearTimeout(stop);
  results.finished = true;
  save();
  console.log(`\n${cellsTable(results.cells)}\n`);
  log(`wrote ${join(args.out, 'webgpu-node.json')} and webgpu-node.md`);
  return results.backends.some((b) => b.name === 'webgpu' && b.started) ? 0 : 1;
}

runMain(() => main(process.argv.slice(2)));
