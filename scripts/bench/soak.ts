/**
 * `npm run bench -- --soak MINUTES`: a lesson-long run of the BUILT app (dist/: `npx vite build`
 * first) in headless Chromium. The minutes cycle through three phases, as a class would:
 * ring8 → a twin run (A/B) of ring8 → MNIST → ring8 → …, with the Discriminator L2 slider moved
 * every 3 s. At each minute's end it records: the worker's TF.js tensors (from the heartbeat, shown
 * in the status bar), page and worker JS heap after a GC (CDP), DOM nodes, the metric history's
 * rows, main-thread long tasks while training (count, worst) and apart from them those of the
 * minute's phase switch, and steps/s. Writes bench/soak.json and bench/SOAK.md with a verdict per
 * target (soakReport.ts). Not part of CI.
 *
 * Robust by design, since a lesson-long run must not die on one stuck step: every await has a
 * timeout; a step that times out or fails is recorded in the minute's `stuck` list and skipped,
 * and the run ends on time whatever happens (a hung page gives rows of nulls, not a hang).
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/nodeAssets';
import { longTaskMark, longTasksSince, observeLongTasks, summarizeLongTasks } from '../lib/longTasks';
import { APP_CHROMIUM_ARGS, CHROMIUM, WorkerHeap } from './browser';
import { serveStatic } from './server';
import { PHASES, phaseOf, soakMarkdown, soakVerdicts, type Phase, type SoakRow } from './soakReport';

const SLIDER_EVERY_MS = 3000;
const SLIDER_LABEL = 'Discriminator L2';
/** Any single step of the script (a click, a read-out, a heap read). */
const STEP_TIMEOUT_MS = 15_000;
/** A new run (dataset switch, twin start) until Start is enabled again. */
const READY_TIMEOUT_MS = 90_000;
// The preset itself (no overrides): a later ring8 minute, reached through the dataset picker, runs
// the preset's settings too, so its steps/s compares with minute 1's.
const QUERY = 'dataset=ring8';

/** Resolves to null (and notes why in `stuck`) when `p` fails or takes longer than `ms`. */
async function bounded<T>(p: Promise<T>, what: string, stuck: string[], ms = STEP_TIMEOUT_MS): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((ok) => (timer = setTimeout(() => ok('timeout'), ms)));
  p.catch(() => undefined); // a late failure after the timeout must not be unhandled
  try {
    const r = await Promise.race([p, timeout]);
    if (r === 'timeout') {
      stuck.push(`${what}: no answer in ${ms / 1000} s`);
      return null;
    }
    return r as T;
  } catch (e) {
    stuck.push(`${what}: ${(e as Error).message.split('\n')[0]}`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Repeated notes once each, with a count: "read the page: … (×12)". */
function tally(notes: string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${n} (×${c})` : n));
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

interface Readout {
  step: number;
  tensors: number | null;
  historyRows: number | null;
  domNodes: number;
  dataset: string;
  twin: boolean;
  startEnabled: boolean;
  /** The Discriminator L2 slider's value as shown (its aria-valuetext), or null. */
  dL2: string | null;
  /** The status bar's backend ("Backend: wasm"), without the label. */
  backend: string;
}

/**
 * Everything the page shows that a row needs, in one cheap evaluate (CSS lookups, no role queries).
 * No named functions inside page callbacks: tsx compiles them with a `__name` helper the page lacks.
 */
function readout(page: Page): Promise<Readout> {
  return page.evaluate(() => {
    const [step, tensors, historyRows] = ['step-count', 'worker-tensors', 'history-rows'].map((id) => {
      const t = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
      return /\d/.test(t) ? Number(t.replace(/[^\d]/g, '')) : null;
    });
    const start = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Start');
    const l2Label = [...document.querySelectorAll('label')].find((x) => x.textContent?.trim() === 'Discriminator L2');
    const l2 = l2Label?.htmlFor ? (document.getElementById(l2Label.htmlFor) as HTMLInputElement | null) : null;
    return {
      dL2: l2 ? (l2.getAttribute('aria-valuetext') ?? l2.value) : null,
      backend: (document.querySelector('[data-testid="backend"]')?.textContent ?? '').replace(/^[^:]*:\s*/, ''),
      step: step ?? 0,
      tensors,
      historyRows,
      domNodes: document.getElementsByTagName('*').length,
      dataset: (document.querySelector('#pick-dataset') as HTMLSelectElement | null)?.value ?? '',
      twin: [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Keep A'),
      startEnabled: Boolean(start && !start.disabled),
    };
  });
}

/** Clicks the button whose text is exactly `text` (in the page: no actionability wait to stall on). */
function clickButton(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === t && !x.disabled);
    b?.click();
    return Boolean(b);
  }, text);
}

/** Focuses the slider labelled `label` and presses one arrow key on it. */
async function moveSlider(page: Page, key: 'ArrowRight' | 'ArrowLeft'): Promise<boolean> {
  const focused = await page.evaluate((label) => {
    const l = [...document.querySelectorAll('label')].find((x) => x.textContent?.trim() === label);
    const el = l?.htmlFor ? document.getElementById(l.htmlFor) : null;
    if (!el || (el as HTMLInputElement).disabled) return false;
    el.focus();
    return true;
  }, SLIDER_LABEL);
  if (focused) await page.keyboard.press(key);
  return focused;
}

/** Waits until Start is enabled (the worker's ready after a new run), then presses it. */
async function startTraining(page: Page, stuck: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const r = await bounded(readout(page), 'read the page', stuck);
    if (r?.startEnabled) {
      await bounded(clickButton(page, 'Start'), 'click Start', stuck);
      return;
    }
    // Already training (a twin keeps running) is fine too.
    const running = await bounded(page.evaluate(() => document.querySelector('[data-testid="run-state"]')?.textContent === 'Training'), 'read the run state', stuck);
    if (running) return;
    await sleep(500);
  }
  stuck.push(`Start: not enabled within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Picks a dataset in the setup form and confirms the new run. */
async function switchDataset(page: Page, id: string, stuck: string[]): Promise<void> {
  await bounded(page.selectOption('#pick-dataset', id, { timeout: STEP_TIMEOUT_MS }), `pick dataset ${id}`, stuck);
  // The "Start a new run?" dialog, when steps were trained.
  await sleep(300);
  await bounded(clickButton(page, 'Reset and apply'), 'confirm the new run', stuck);
  await bounded(page.waitForFunction((want) => (document.querySelector('#pick-dataset') as HTMLSelectElement | null)?.value === want, id, { timeout: READY_TIMEOUT_MS }), `dataset ${id} loaded`, stuck, READY_TIMEOUT_MS + 1000);
}

/** Brings the app from whatever it runs to `phase`, training. */
async function enterPhase(page: Page, phase: Phase, stuck: string[]): Promise<void> {
  const now = await bounded(readout(page), 'read the page', stuck);
  if (now?.twin && phase !== 'twin') await bounded(clickButton(page, 'Keep A'), 'end the twin (Keep A)', stuck);
  const dataset = phase === 'mnist' ? 'mnist' : 'ring8';
  if (now && now.dataset !== dataset) await switchDataset(page, dataset, stuck);
  if (phase === 'twin' && !now?.twin) {
    await startTraining(page, stuck);
    await sleep(1000);
    await bounded(clickButton(page, 'Twin run (A/B)'), 'start the twin run', stuck);
    await bounded(page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Keep A'), null, { timeout: READY_TIMEOUT_MS }), 'twin run ready', stuck, READY_TIMEOUT_MS + 1000);
  }
  await startTraining(page, stuck);
}

export async function runSoak(argv: string[]): Promise<number> {
  const minutes = Number(argv[argv.indexOf('--soak') + 1]);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 600) {
    console.error('error: --soak takes a whole number of minutes in [1, 600]');
    return 2;
  }
  const dist = join(REPO_ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error('error: no built app in dist/: run `npx vite build` first');
    return 2;
  }
  const t0 = Date.now();
  const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${s}`);
  // Past hardDeadline the run stops and writes what it has, whatever is stuck.
  let hardDeadline: number;
  let soakStart: number;
  const server = await serveStatic([dist, join(REPO_ROOT, 'public')]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: APP_CHROMIUM_ARGS, headless: true });
  const rows: SoakRow[] = [];
  const notes: string[] = [];
  const loadBefore = loadavg()[0];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('crash', () => notes.push(`the page crashed at ${((Date.now() - t0) / 1000).toFixed(0)} s`));
    page.on('pageerror', (e) => notes.length < 20 && notes.push(`page error: ${e.message.split('\n')[0]}`));
    await observeLongTasks(page);
    const cdp = await page.context().newCDPSession(page);
    const workerHeap = new WorkerHeap(cdp);
    await workerHeap.init();
    const pageHeapMB = async (): Promise<number | null> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const r = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return r.usedSize / 2 ** 20;
    };
    // The page's main-thread busy time (CDP's TaskDuration, seconds), to tell a busier page from a slower worker.
    await cdp.send('Performance.enable');
    const pageTaskSeconds = async (): Promise<number | null> => {
      const r = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return r.metrics.find((x) => x.name === 'TaskDuration')?.value ?? null;
    };
    const setupStuck: string[] = [];
    await bounded(page.goto(`${server.url}/?${QUERY}`, { timeout: READY_TIMEOUT_MS }), 'open the app', setupStuck, READY_TIMEOUT_MS);
    await startTraining(page, setupStuck);
    if (setupStuck.length) notes.push(`start-up: ${setupStuck.join('; ')}`);
    // The minutes count from here: start-up (loading TF.js and the data) is not part of the lesson.
    soakStart = Date.now();
    hardDeadline = soakStart + minutes * 60_000 + 5 * 60_000;
    log(`soak: ${minutes} min, phases ${PHASES.join(' → ')} (one a minute), slider every ${SLIDER_EVERY_MS / 1000} s`);

    for (let m = 1; m <= minutes && Date.now() < hardDeadline; m++) {
      const minuteEnd = soakStart + m * 60_000;
      const phase = phaseOf(m);
      const stuck: string[] = [];
      const switchMark = await bounded(longTaskMark(page), 'mark long tasks', stuck);
      await enterPhase(page, phase, stuck);
      const switchTasks = switchMark !== null ? await bounded(longTasksSince(page, switchMark), 'read long tasks', stuck) : null;
      await sleep(2000); // the new run's first steps and pictures
      const mark = await bounded(longTaskMark(page), 'mark long tasks', stuck);
      const first = await bounded(readout(page), 'read the page', stuck);
      const firstAt = Date.now();
      const busy0 = await bounded(pageTaskSeconds(), 'page busy time', stuck);
      let moves = 0;
      for (let i = 0; Date.now() + SLIDER_EVERY_MS < minuteEnd && Date.now() < hardDeadline; i++) {
        await sleep(SLIDER_EVERY_MS);
        if (await bounded(moveSlider(page, i % 2 ? 'ArrowLeft' : 'ArrowRight'), 'move the slider', stuck)) moves++;
      }
      await sleep(Math.max(0, minuteEnd - Date.now()));
      const last = await bounded(readout(page), 'read the page', stuck);
      const lastAt = Date.now();
      const busy1 = await bounded(pageTaskSeconds(), 'page busy time', stuck);
      const tasks = mark !== null ? await bounded(longTasksSince(page, mark), 'read long tasks', stuck) : null;
      // Heaps last: the forced GCs are long tasks of their own, outside the window above.
      const pageHeap = await bounded(pageHeapMB(), 'page heap', stuck);
      const workerHeapMB = await bounded(workerHeap.heapMB('training'), 'worker heap', stuck, 25_000);
      const lt = tasks ? summarizeLongTasks(tasks) : null;
      const row: SoakRow = {
        minute: m,
        phase,
        step: last?.step ?? null,
        stepsPerSec: first && last && last.step >= first.step ? Math.round(((last.step - first.step) / ((lastAt - firstAt) / 1000)) * 10) / 10 : null,
        tensors: last?.tensors ?? null,
        pageHeapMB: pageHeap === null ? null : Math.round(pageHeap * 10) / 10,
        workerHeapMB: workerHeapMB === null ? null : Math.round(workerHeapMB * 10) / 10,
        domNodes: last?.domNodes ?? null,
        historyRows: last?.historyRows ?? null,
        longTasks: lt?.count ?? null,
        worstTaskMs: lt?.worstMs ?? null,
        switchWorstMs: switchTasks ? summarizeLongTasks(switchTasks).worstMs : null,
        sliderMoves: moves,
        dL2: `${first?.dL2 ?? '—'} → ${last?.dL2 ?? '—'}`,
        backend: last?.backend ?? undefined,
        pageBusyPct: busy0 !== null && busy1 !== null ? Math.round(((busy1 - busy0) / ((lastAt - firstAt) / 1000)) * 1000) / 10 : undefined,
        load: Math.round(loadavg()[0] * 10) / 10,
        stuck: tally(stuck),
      };
      rows.push(row);
      log(JSON.stringify(row));
    }
    if (Date.now() >= hardDeadline && rows.length < minutes) notes.push(`stopped at the hard deadline after ${rows.length} of ${minutes} minutes`);
  } finally {
    await bounded(browser.close(), 'close the browser', notes, 30_000);
    await server.close();
  }
  const verdicts = soakVerdicts(rows);
  const result = {
    schema: 2,
    generatedAt: new Date().toISOString(),
    minutes,
    phases: PHASES,
    sliderEveryMs: SLIDER_EVERY_MS,
    loadBefore: Math.round(loadBefore * 10) / 10,
    loadAfter: Math.round(loadavg()[0] * 10) / 10,
    notes,
    verdicts,
    rows,
  };
  const dir = join(REPO_ROOT, 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, 'SOAK.md'), soakMarkdown(result));
  for (const v of verdicts) log(`${v.pass === null ? 'n/a ' : v.pass ? 'PASS' : 'FAIL'} ${v.target}: ${v.detail}`);
  log('wrote bench/soak.json and bench/SOAK.md');
  return 0;
}
