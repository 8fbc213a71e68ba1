/**
 * A developer tool, not a bench cell: `npx tsx scripts/bench/appProfile.ts [ring8|mnist] [--minify]`
 * builds the app (unminified by default, so function names read), drives it as the app cell does
 * (Start, then a slider moved every 400 ms) while Chromium traces the main thread over CDP, and
 * prints every main-thread task over 50 ms with what filled it: the trace's own events (script,
 * style, layout, paint) and the JS functions the sampling profiler saw most in it. This is how the
 * long tasks of issue 12 were found (docs/performance.md).
 */
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from '../lib/nodeAssets';
import { APP_CHROMIUM_ARGS, CHROMIUM } from './browser';
import { serveStatic } from './server';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: { cpuProfile?: CpuProfileChunk; timeDeltas?: number[]; url?: string; functionName?: string } };
}
interface CpuProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfileChunk {
  nodes?: CpuProfileNode[];
  samples?: number[];
}

const QUERIES: Record<string, string> = {
  ring8: 'dataset=ring8&batchSize=32',
  mnist: 'dataset=mnist&model=dcgan28-small&batchSize=64',
};

async function main(): Promise<void> {
  const from = process.argv.indexOf('--from');
  if (from > 0) return report(JSON.parse(readFileSync(process.argv[from + 1], 'utf8')) as TraceEvent[]);
  const which = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'ring8';
  const minify = process.argv.includes('--minify');
  const outDir = resolve(REPO_ROOT, 'bench/tmp/app-profile');
  await build({ root: REPO_ROOT, configFile: resolve(REPO_ROOT, 'vite.config.ts'), publicDir: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, minify } });
  const server = await serveStatic([outDir, resolve(REPO_ROOT, 'public')]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: APP_CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/?${QUERIES[which]}`);
    await page.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 90_000 });
    await page.waitForTimeout(3000);
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.start', {
      // --no-samples: without the sampling profiler (its overhead inflates every task), for timings.
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel', ...(process.argv.includes('--no-samples') ? [] : ['disabled-by-default-v8.cpu_profiler'])] },
      transferMode: 'ReportEvents',
    });
    const slider = page.getByRole('slider', { name: 'Discriminator L2', exact: true });
    await slider.focus();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 8 < 4 ? 'ArrowRight' : 'ArrowLeft');
      await page.waitForTimeout(400);
    }
    await cdp.send('Tracing.end');
    await done;
    await page.screenshot({ path: resolve(REPO_ROOT, `bench/tmp/profile-${which}.png`) });
    writeFileSync(resolve(REPO_ROOT, `bench/tmp/trace-${which}.json`), JSON.stringify(events));
    report(events);
  } finally {
    await browser.close();
    await server.close();
  }
}

function report(events: TraceEvent[]): void {
  // The renderer main thread: the thread named CrRendererMain of the page's process.
  const mainThreads = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const onMain = (e: TraceEvent) => mainThreads.includes(`${e.pid}:${e.tid}`);
  const tasks = events.filter((e) => onMain(e) && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) > 50_000);
  // CPU profile samples: ProfileChunk events carry nodes and samples with time deltas.
  const nodes = new Map<number, CpuProfileNode>();
  const samples: { ts: number; node: number }[] = [];
  for (const chunks of groupBy(events.filter((e) => e.name === 'ProfileChunk' && onMainProfile(e, events, mainThreads)), (e) => e.id ?? '')) {
    let ts = events.find((e) => e.name === 'Profile' && e.id === chunks[0].id)?.ts ?? chunks[0].ts;
    for (const c of chunks) {
      const p = c.args?.data?.cpuProfile;
      for (const n of p?.nodes ?? []) nodes.set(n.id, n);
      const deltas = c.args?.data?.timeDeltas ?? [];
      (p?.samples ?? []).forEach((s, i) => {
        ts += deltas[i] ?? 0;
        samples.push({ ts, node: s });
      });
    }
  }
  console.log(`${tasks.length} main-thread tasks over 50 ms; ${samples.length} CPU samples`);
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    const inside = events.filter((e) => onMain(e) && e.ph === 'X' && e.ts >= t.ts && e.ts < end && e !== t);
    const byName = new Map<string, number>();
    for (const e of inside) if (['FunctionCall', 'EvaluateScript', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'HitTest', 'ParseHTML', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'v8.callFunction', 'IntersectionObserverController::computeIntersections', 'UpdateLayer', 'Commit'].includes(e.name)) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0));
    const parts = [...byName].sort((a, b) => b[1] - a[1]).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', ');
    // Self time per function, and "inclusive" per React component-ish frame.
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    for (const s of samples) {
      if (s.ts < t.ts || s.ts >= end) continue;
      const n = nodes.get(s.node);
      if (!n) continue;
      const label = (x: CpuProfileNode) => `${x.callFrame.functionName || '(anon)'}@${(x.callFrame.url ?? '').split('/').pop()}:${x.callFrame.lineNumber}`;
      self.set(label(n), (self.get(label(n)) ?? 0) + 1);
      const seen = new Set<string>();
      for (let x: CpuProfileNode | undefined = n; x; x = x.parent !== undefined ? nodes.get(x.parent) : undefined) {
        const l = label(x);
        if (seen.has(l)) continue;
        seen.add(l);
        incl.set(l, (incl.get(l) ?? 0) + 1);
      }
    }
    const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, c]) => `${n}×${c}`).join(' | ');
    console.log(`\n■ task ${((t.dur ?? 0) / 1000).toFixed(0)} ms at ${(t.ts / 1000).toFixed(0)}: ${parts}`);
    console.log(`  self: ${top(self, 12)}`);
    console.log(`  incl: ${top(incl, 25)}`);
  }
}

function onMainProfile(e: TraceEvent, all: TraceEvent[], mainThreads: string[]): boolean {
  const profile = all.find((p) => p.name === 'Profile' && p.id === e.id);
  return mainThreads.includes(`${(profile ?? e).pid}:${(profile ?? e).tid}`);
}

function groupBy<T>(xs: T[], key: (x: T) => string): T[][] {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return [...m.values()];
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
