/** Twin runs (A/B in lockstep) and baselines on the charts, in the real app. */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, RING, slider, waitForStepAtLeast } from './helpers';

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/[^\d.eE+-]/g, ''));

/** Curves drawn in a chart: [A's solid, B's dashed, baselines' faint]. */
async function curves(page: Page, chart: string): Promise<[number, number, number]> {
  return page.getByTestId(`chart-${chart}`).evaluate((el) => {
    const paths = Array.from(el.querySelectorAll('path.recharts-line-curve')).filter((p) => (p.getAttribute('d') ?? '').length > 20);
    const faint = paths.filter((p) => p.getAttribute('stroke-opacity') === '0.25').length;
    const dashed = paths.filter((p) => p.getAttribute('stroke-dasharray') === '5 4').length;
    return [paths.length - faint - dashed, dashed, faint];
  });
}

test('a twin run: D L2 for B only, both series drawn and diverging, two points views, a pinned baseline', async ({ page }) => {
  // A twin does twice the work per step, on a machine the other e2e runs share.
  test.setTimeout(process.env.TWIN_SCREENSHOT ? 600_000 : 240_000);
  await openApp(page, RING);
  await page.getByRole('button', { name: 'Twin run (A/B)' }).click();
  await expect(page.getByTestId('twin-status')).toBeVisible();
  await expect(page.getByTestId('twin-pictures')).toBeVisible();

  // Target B, then move D L2 with the keyboard: off → 1e-7 → five decades up → 1e-2.
  await page.getByRole('radio', { name: 'B only' }).check();
  const l2 = slider(page, 'Discriminator L2');
  await l2.focus();
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
  await expect(page.getByTestId('value-l2D')).toHaveValue('0.01');
  await expect(page.getByTestId('twin-legend').first()).toContainText('B: D L2 1e-2 (A: off)');
  // A keeps its value.
  await page.getByRole('radio', { name: 'A only' }).check();
  await expect(page.getByTestId('value-l2D')).toHaveValue('off');

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 25, 120_000);
  await expect.poll(() => num(page, 'step-count-b')).toBeGreaterThanOrEqual(25);

  // Both runs' series are on the charts; A has no D L2 term, B has one; their losses part ways.
  await expect.poll(async () => Number(await page.getByTestId('chart-losses').getAttribute('data-points-b'))).toBeGreaterThan(2);
  await expect.poll(() => curves(page, 'losses')).toEqual([2, 2, 0]);
  await expect(page.getByTestId('latest-dL2')).toHaveText('0');
  await expect.poll(() => num(page, 'latest-B-dL2')).toBeGreaterThan(0);
  await expect.poll(async () => (await page.getByTestId('latest-dLoss').textContent()) !== (await page.getByTestId('latest-B-dLoss').textContent())).toBe(true);

  // Two points views, both drawn at a step past the start.
  for (const id of ['samples-canvas', 'samples-canvas-B']) {
    await expect.poll(async () => Number(await page.getByTestId(id).getAttribute('data-step'))).toBeGreaterThan(0);
  }
  const inked = await page.getByTestId('samples-canvas-B').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(1000);

  if (process.env.TWIN_SCREENSHOT) {
    await waitForStepAtLeast(page, Number(process.env.TWIN_STEPS ?? 400), 500_000);
    await page.screenshot({ path: process.env.TWIN_SCREENSHOT });
  }

  // Keep A: the twin ends; then pin A as a baseline and see it faint behind the live run.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Keep A' }).click();
  await expect(page.getByTestId('twin-status')).toHaveCount(0);
  await expect(page.getByTestId('samples-canvas-B')).toHaveCount(0);
  await page.getByRole('button', { name: 'Pin as baseline' }).click();
  await expect(page.getByTestId('baseline')).toHaveCount(1);
  await expect(page.getByTestId('baseline')).toContainText('no regularizer');
  await expect.poll(() => curves(page, 'losses')).toEqual([2, 0, 2]);
  await expect(page.getByTestId('twin-legend').first()).toContainText('faint');
  // Hidden, it leaves the chart; removed, it leaves the list.
  await page.getByRole('button', { name: /^Hide baseline/ }).click();
  await expect.poll(() => curves(page, 'losses')).toEqual([2, 0, 0]);
  await page.getByRole('button', { name: /^Remove baseline/ }).click();
  await expect(page.getByTestId('baseline')).toHaveCount(0);
});

test('a twin lesson starts A without and B with the regularizer', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, RING);
  await page.getByRole('button', { name: /^Lessons/ }).click();
  await page.getByRole('menuitem', { name: /L2 on D, side by side/ }).click();
  await expect(page.getByTestId('twin-status')).toBeVisible();
  await expect(page.getByTestId('twin-legend').first()).toContainText('B: D L2 1e-2 (A: off)');
  await expect(page.getByTestId('run-state')).toHaveText('Training');
  await expect.poll(() => num(page, 'step-count-b'), { timeout: 120_000 }).toBeGreaterThan(5);
  await expect.poll(() => num(page, 'latest-B-dL2')).toBeGreaterThan(0);
  await expect(page.getByTestId('latest-dL2')).toHaveText('0');
});
