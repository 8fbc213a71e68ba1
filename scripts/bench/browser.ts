/**
 * The browser half of `npm run bench`: builds the bench page, serves it, launches Debian
 * Chromium headless with the WebGPU flags of docs/ARCHITECTURE.md (TF.js facts), and runs each task in a fresh bench worker.
 * The worker's JS heap is read over CDP (`Runtime.getHeapUsage` after a GC), since
 * `performance.memory` does not exist in workers.
 */
import { chromium, type CDPSession } from '@playwright/test';
import { resolve } from 'node:path';
import { build } from 'vite';
import type { LongTaskReport, TaskResult } from './page/main';
import type { BackendReport, BenchTask, CellResult, MnistRun, ProfileResult, RingRun } from './types';
import { skippedCell } from './cells/backend';
import { matmulSizeFor } from './cells/ceilings';
import { REPO_ROOT } from '../lib/nodeAssets';
import type { BenchPlan } from './plan';
import { serveStatic } from './server';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
];
/**
 * For the built app (app cell, soak, profiles): the e2e flags, without the SwiftShader
 * WebGPU/ANGLE ones: with those the page itself is composited in software and every Playwright
 * call takes seconds on a 2-core machine.
 */
export const APP_CHROMIUM_ARGS = CHROMIUM_ARGS.filter((a) => !/webgpu|vulkan|angle/i.test(a));

export interface BrowserBenchOutput {
  browserVersion: string;
  userAgent: string;
  backends: BackendReport[];
  cells: CellResult[];
  profile: ProfileResult | null;
  ring: RingRun | null;
  mnist: MnistRun | null;
  mnistGrid: { width: number; height: number; rgba: Uint8Array } | null;
  longTasks: LongTaskReport;
  gpuErrors: string[];
}

/** Finds the newest dedicated worker target and asks it for its heap after a GC (MB). */
export class WorkerHeap {
  private sessions: { sessionId: string; url: string }[] = [];
  private pending = new Map<number, (m: { result?: { usedSize: number } }) => void>();
  private id = 0;
  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') this.sessions.push({ sessionId: e.sessionId, url: e.targetInfo.url });
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
      if (m.id !== undefined) this.pending.get(m.id)?.(m);
    });
  }
  async init(): Promise<void> {
    await this.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  }
  private ask(sessionId: string, method: string): Promise<{ result?: { usedSize: number } }> {
    return new Promise((ok) => {
      const id = ++this.id;
      const timer = setTimeout(() => ok({}), 10_000);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        this.pending.delete(id);
        ok(m);
      });
      void this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => ok({}));
    });
  }
  /** `urlPart`: the newest worker whose script URL contains it (the app also starts pthread workers). */
  async heapMB(urlPart = ''): Promise<number | null> {
    const s = this.sessions.filter((w) => w.url.includes(urlPart)).at(-1);
    if (!s) return null;
    await this.ask(s.sessionId, 'HeapProfiler.collectGarbage');
    const r = await this.ask(s.sessionId, 'Runtime.getHeapUsage');
    return r.result ? r.result.usedSize / 2 ** 20 : null;
  }
}

export async function runBrowserBench(plan: BenchPlan, log: (s: string) => void, deadlineMs: number): Promise<BrowserBenchOutput> {
  log('building the bench page (vite, scripts/bench/vite.bench.config.ts → bench/tmp/)…');
  await build({ configFile: resolve(REPO_ROOT, 'scripts', 'bench', 'vite.bench.config.ts') });
  const server = await serveStatic([resolve(REPO_ROOT, 'bench', 'tmp'), resolve(REPO_ROOT, 'public')]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    const cdp = await page.context().newCDPSession(page);
    const heap = new WorkerHeap(cdp);
    await heap.init();
    await page.exposeFunction('__benchLog', (text: string) => log(text));
    await page.exposeFunction('__benchHeap', async () => heap.heapMB());
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => Boolean(window.bench));
    const isolated = await page.evaluate(() => crossOriginIsolated);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    log(`Chromium ${browser.version()}, cross-origin isolated: ${isolated}`);

    const runTask = async (task: BenchTask, budgetSec: number): Promise<TaskResult | null> => {
      const left = (deadlineMs - performance.now()) / 1000;
      const budget = Math.min(budgetSec, left);
      if (budget < 10) return null;
      return page.evaluate(([t, ms]) => window.bench.runTask(t as BenchTask, ms as number), [task, budget * 1000] as const);
    };

    const out: BrowserBenchOutput = {
      browserVersion: browser.version(),
      userAgent,
      backends: [],
      cells: [],
      profile: null,
      ring: null,
      mnist: null,
      mnistGrid: null,
      longTasks: { supported: false, tasks: [], training: [] },
      gpuErrors: [],
    };

    if (!plan.models) {
      log('ring of 8 on the auto backend (time to 8/8 modes, tensors and heap over the long run)…');
      const ring = await runTask({ kind: 'ring', minSteps: plan.ring.minSteps, capSec: plan.ring.capSec }, plan.ring.capSec * 2 + 30);
      if (ring?.output?.ring) out.ring = ring.output.ring;
      else log(`ring run failed: ${ring?.error ?? (ring?.timedOut ? 'timed out' : 'no time left')}`);
    }

    if (plan.mnistSec > 0) {
      log(`MNIST for ${plan.mnistSec} s on the auto backend…`);
      const m = await runTask({ kind: 'mnist', seconds: plan.mnistSec }, plan.mnistSec + 60);
      if (m?.output?.mnist) {
        out.mnist = m.output.mnist;
        const g = m.output.grid!;
        out.mnistGrid = { width: g.width, height: g.height, rgba: Uint8Array.from(Object.values(g.rgba as unknown as Record<string, number>)) };
      } else log(`mnist run failed: ${m?.error ?? (m?.timedOut ? 'timed out' : 'no time left')}`);
    }

    for (const task of plan.backends) {
      log(`── ${task.backend} (budget ${task.budgetSec} s) ──`);
      const r = await runTask(task, task.budgetSec + 20);
      const done = new Set(r?.cells.map((c) => c.model) ?? []);
      const cells = [...(r?.cells ?? [])];
      const why = !r ? 'time cap (bench deadline)' : r.timedOut ? 'time cap (backend budget; worker terminated mid-step)' : r.error ? `error: ${r.error.split('\n')[0]}` : 'not started';
      const started = r?.output?.backend.started ?? (r ? r.cells.length > 0 : false);
      for (const c of task.cells) {
        if (!done.has(c.model) && (started || r?.timedOut)) cells.push(skippedCell(task.backend, c.model, c.batchSize, 'browser-worker', why));
      }
      out.cells.push(...cells);
      if (r?.output?.profile) out.profile = r.output.profile;
      if (r?.output?.gpuErrors?.length) out.gpuErrors.push(...r.output.gpuErrors.map((e) => `${task.backend}: ${e}`));
      const matmul = r?.output?.matmulGflops ?? cells.find((c) => c.ceilingGflops !== null)?.ceilingGflops ?? null;
      out.backends.push({
        name: task.backend,
        started: started || Boolean(r?.timedOut),
        note: r?.output?.backend.note ?? (r?.error ? r.error.split('\n')[0] : why),
        matmulGflops: matmul,
        matmulSize: matmul !== null ? matmulSizeFor(task.backend) : null,
        seconds: Math.round(r?.seconds ?? 0),
      });
    }
    out.longTasks = await page.evaluate(() => window.bench.longTasks());
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

