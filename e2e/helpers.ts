/** Shared steps for the end-to-end specs. */
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Small, fast settings: each spec must finish well under a minute on SwiftShader / WASM. */
export const RING = 'dataset=ring8&batchSize=32';
export const MNIST_SMALL = 'dataset=mnist&model=dcgan28-small&batchSize=64';

export interface Opened {
  consoleErrors: string[];
}

/** Opens the app with URL parameters, collects console errors, and waits for the worker's `ready`. */
export async function openApp(page: Page, query = RING, { waitReady = true } = {}): Promise<Opened> {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(`/?${query}`);
  if (waitReady) await waitReadyState(page);
  return { consoleErrors };
}

/** The run buttons in English or Chinese (i18n.spec opens the page with lang=zh-CN). */
const START = /^(Start|开始)$/;
const PAUSE = /^(Pause|暂停)$/;
export const startButton = (page: Page) => page.getByRole('button', { name: START });
export const pauseButton = (page: Page) => page.getByRole('button', { name: PAUSE });

export async function waitReadyState(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.getByTestId('backend')).toHaveText(/(Backend|后端)(: |：)(webgpu|webgl|wasm|cpu)/, { timeout });
  await expect(startButton(page)).toBeEnabled({ timeout });
}

export async function stepCount(page: Page): Promise<number> {
  const t = await page.getByTestId('step-count').textContent();
  return Number((t ?? '').replace(/[^\d]/g, ''));
}

export async function waitForStepAtLeast(page: Page, n: number, timeout = 30_000): Promise<number> {
  await expect.poll(() => stepCount(page), { timeout }).toBeGreaterThanOrEqual(n);
  return stepCount(page);
}

/** Polls a counter until two reads `intervalMs` apart agree (the last metrics batch is in). */
export async function settled(read: () => Promise<number>, intervalMs = 300): Promise<number> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const now = await read();
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [intervalMs], timeout: 30_000 },
    )
    .toBe(true);
  return last;
}

/** The step counter once it has stopped moving. */
export const settledStep = (page: Page, intervalMs = 300): Promise<number> => settled(() => stepCount(page), intervalMs);

export const clickStart = (page: Page) => startButton(page).click();
export const clickPause = (page: Page) => pauseButton(page).click();

/** Starts, trains to at least `steps`, pauses; returns the step it settled on. */
export async function trainThenPause(page: Page, steps: number): Promise<number> {
  await clickStart(page);
  await waitForStepAtLeast(page, steps, 60_000);
  await clickPause(page);
  await expect(startButton(page)).toBeEnabled();
  return settledStep(page);
}

/** Points currently drawn in a chart (after downsampling). */
export async function chartPoints(page: Page, chart: 'losses' | 'penalties' | 'outputs'): Promise<number> {
  return Number(await page.getByTestId(`chart-${chart}`).getAttribute('data-points'));
}

export const slider = (page: Page, name: string) => page.getByRole('slider', { name, exact: true });

/** A hash of a canvas's pixels and its size, read in the page: equal hashes, equal pictures. */
export function pixelHash(canvas: Locator): Promise<string> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 16777619);
    return `${c.width}x${c.height}:${(h >>> 0).toString(16)}`;
  });
}

/** A cheap fingerprint of the sample canvas's pixels, read in the page. */
export async function canvasFingerprint(page: Page): Promise<string> {
  return page.getByRole('img', { name: 'Generated samples' }).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    let nonBlank = 0;
    for (let i = 0; i < data.length; i++) {
      h = Math.imul(h ^ data[i], 16777619);
      if (i % 4 !== 3 && data[i] !== 0) nonBlank++;
    }
    return `${c.width}x${c.height}:${(h >>> 0).toString(16)}:${nonBlank}`;
  });
}

// The long-task observer is shared with the bench's app cell and the soak.
export { longTasks, observeLongTasks } from '../scripts/lib/longTasks';

/** axe's serious and critical violations on the page, one line each with up to three targets. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** Visible text smaller than `min` px: every element with its own text, if it is on screen. */
export async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minPx) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      // Off screen, clipped away (visually-hidden) or in a closed disclosure: not read from the room.
      if (r.width <= 1 || r.height <= 1 || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      if (el.closest('.visually-hidden') || getComputedStyle(el).visibility === 'hidden') continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minPx) out.push(`${size}px: ${el.tagName.toLowerCase()}.${el.className} “${text.slice(0, 40)}”`);
    }
    return out;
  }, min);
}
