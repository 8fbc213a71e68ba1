/**
 * npm run bench -- --soak MINUTES: drives the built app (dist/, `npx vite build` first) in headless
 * Chromium through a lesson-like script — ring8 on WASM, a live-value slider moved every 3 s,
 * Pause/Start every minute — and records once a minute: page and worker JS heap, DOM nodes, the
 * loss chart's drawn points, long tasks (count and longest), steps/s. Writes bench/soak.json and
 * bench/SOAK.md. Not part of CI.
 *
 * Not measured yet: TF.js tensor count (the worker does not expose tf to evaluate), the metric
 * history's row count (bounded by unit test instead), the MNIST switch and a twin run.
 */
import { chromium, type Page, type Worker } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/nodeAssets';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';
import { serveStatic } from './server';

interface Minute {
  minute: number;
  step: number;
  stepsPerSec: number;
  pageHeapMB: number | null;
  workerHeapMB: number | null;
  domNodes: number;
  chartPoints: number;
  longTasks: number;
  longestTaskMs: number;
  /** Slider moves the page did not take within 10 s. */
  missedMoves: number;
}

function usedHeapMB(): number | null {
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize / 2 ** 20 : null;
}
const heapOf = (target: Page | Worker): Promise<number | null> => (target as Page).evaluate(usedHeapMB);

async function stepOf(page: Page): Promise<number> {
  return Number(((await page.getByTestId('step-count').textContent()) ?? '').replace(/[^\d]/g, ''));
}

export async function runSoak(argv: string[]): Promise<number> {
  const minutes = Number(argv[argv.indexOf('--soak') + 1]);
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > 600) {
    console.error('error: --soak takes a number of minutes in [1, 600]');
    return 2;
  }
  const server = await serveStatic([join(REPO_ROOT, 'dist'), join(REPO_ROOT, 'public')]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const rows: Minute[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.url}/?dataset=ring8&batchSize=32&backend=wasm`);
    // click() waits until the button is enabled (the worker's ready).
    await page.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 120_000 });
    const worker = page.workers().find((w) => w.url().includes('training')) ?? null;
    const slider = page.getByRole('slider').first();
    let missedMoves = 0;
    let lastStep = await stepOf(page);
    let lastAt = performance.now();
    for (let m = 1; m <= minutes; m++) {
      for (let t = 0; t < 20; t++) {
        await page.waitForTimeout(3000);
        // focus() by script: the actionability wait of locator.focus() can stall behind chart redraws.
        // A page too busy to answer in 10 s is itself a finding: counted, not fatal.
        try {
          await slider.evaluate((el) => (el as HTMLElement).focus(), null, { timeout: 10_000 });
          await page.keyboard.press(t % 2 ? 'ArrowLeft' : 'ArrowRight');
        } catch {
          missedMoves++;
        }
      }
      const step = await stepOf(page);
      const now = performance.now();
      const long = await page.evaluate(() => {
        const w = window as unknown as { __long: number[] };
        const l = w.__long;
        w.__long = [];
        return { n: l.length, max: l.length ? Math.max(...l) : 0 };
      });
      const row: Minute = {
        minute: m,
        step,
        stepsPerSec: Math.round(((step - lastStep) / ((now - lastAt) / 1000)) * 10) / 10,
        pageHeapMB: await heapOf(page),
        workerHeapMB: worker ? await heapOf(worker) : null,
        domNodes: await page.evaluate(() => document.getElementsByTagName('*').length),
        chartPoints: Number(await page.getByTestId('chart-losses').getAttribute('data-points')),
        longTasks: long.n,
        longestTaskMs: Math.round(long.max),
        missedMoves,
      };
      missedMoves = 0;
      rows.push(row);
      console.log(JSON.stringify(row));
      lastStep = step;
      lastAt = now;
      // A pause and a start each minute, as a teacher does.
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.getByRole('button', { name: 'Start', exact: true }).click();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const dir = join(REPO_ROOT, 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'soak.json'), `${JSON.stringify({ schema: 1, generatedAt: new Date().toISOString(), minutes, rows }, null, 2)}\n`);
  const mb = (x: number | null) => (x === null ? '–' : x.toFixed(1));
  const table = rows.map((r) => `| ${r.minute} | ${r.step} | ${r.stepsPerSec} | ${mb(r.pageHeapMB)} | ${mb(r.workerHeapMB)} | ${r.domNodes} | ${r.chartPoints} | ${r.longTasks} | ${r.longestTaskMs} | ${r.missedMoves} |`);
  writeFileSync(
    join(dir, 'SOAK.md'),
    `# Soak (${minutes} min, ring8 on WASM, slider moves every 3 s)\n\nGenerated by \`npm run bench -- --soak ${minutes}\` on ${new Date().toISOString()}; the machine was shared with other jobs, so steps/s and long tasks are noisy.\n\n| minute | step | steps/s | page heap MB | worker heap MB | DOM nodes | loss-chart points | long tasks | longest ms | missed slider moves |\n|---|---|---|---|---|---|---|---|---|---|\n${table.join('\n')}\n`,
  );
  return 0;
}
