/**
 * `npm run bench -- --node`: the same cells as the browser bench, in this Node process on the
 * wasm and cpu backends, plus the ring-of-8 run (time to 8/8 modes, tensors and heap).
 */
import * as tf from '@tensorflow/tfjs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { selectBackend } from '../../src/core/backend/backend';
import { runBackend } from './cells/backend';
import { matmulSizeFor } from './cells/ceilings';
import type { BenchHost } from './cells/host';
import { ringRun } from './cells/ring';
import type { BackendReport, BackendTask, CellResult, ProfileResult, RingRun } from './types';
import { nodeReadAsset } from '../lib/nodeAssets';
import type { BenchPlan } from './plan';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

export interface NodeBenchOutput {
  backends: BackendReport[];
  cells: CellResult[];
  profile: ProfileResult | null;
  ring: RingRun | null;
}

/** The bench host in a Node process: performance.now, heapUsed after a forced GC, assets from public/. */
export function nodeBenchHost(log: (s: string) => void): BenchHost {
  return {
    context: 'node',
    now: () => performance.now(),
    log,
    async heapMB() {
      gc();
      return process.memoryUsage().heapUsed / 2 ** 20;
    },
    training: () => undefined,
    readAsset: nodeReadAsset,
  };
}

/** One backend's task in this process: starts it (forced) and runs its cells; one that does not start is reported with why. */
export async function runNodeBackend(
  task: BackendTask,
  host: BenchHost,
  onCell: (c: CellResult) => void = () => undefined,
): Promise<{ report: BackendReport; cells: CellResult[]; profile: ProfileResult | null }> {
  const t0 = performance.now();
  let started = false;
  let note: string;
  try {
    const r = await selectBackend(task.backend);
    started = r.name === task.backend;
    note = r.reasons.join('; ');
  } catch (e) {
    note = (e as Error).message;
  }
  if (!started) return { report: { name: task.backend, started, note, matmulGflops: null, matmulSize: null, seconds: 0 }, cells: [], profile: null };
  const out = await runBackend(task, host, onCell);
  const seconds = Math.round((performance.now() - t0) / 1000);
  const report: BackendReport = { name: task.backend, started, note: `TF.js ${tf.version.tfjs} in Node ${process.version}`, matmulGflops: out.matmulGflops, matmulSize: matmulSizeFor(task.backend), seconds };
  return { report, cells: out.cells, profile: out.profile };
}

export async function runNodeBench(plan: BenchPlan, log: (s: string) => void): Promise<NodeBenchOutput> {
  const host = nodeBenchHost(log);
  const backends: BackendReport[] = [];
  const cells: CellResult[] = [];
  let profile: ProfileResult | null = null;

  const auto = await selectBackend('auto');
  log(`auto backend in Node: ${auto.name}`);
  const ring: RingRun = await ringRun(auto.name, auto.reasons, plan.ring.minSteps, plan.ring.capSec, host);

  for (const task of plan.backends.filter((b) => b.backend === 'wasm' || b.backend === 'cpu')) {
    const out = await runNodeBackend(task, host);
    backends.push(out.report);
    cells.push(...out.cells);
    if (out.profile) profile = out.profile;
  }
  return { backends, cells, profile, ring };
}
