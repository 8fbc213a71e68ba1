/** Twin runs (A/B in lockstep) and baselines on the charts, in the real app. */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, RING, slider, stepCount, waitForStepAtLeast } from './helpers';

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/[^\d.eE+-]/g, ''));

/** Curves drawn in a chart: [A's solid, B's dashed, baselines' faint]. */
async function curves(page: Page, chart: string): Promise<[number, number, number]> {
  return page.getByTestId(`chart-${chart}`).evaluate((el) => {
    // A drawn line has at least one segment (a quality series may have only two points).
    const paths = Array.from(el.querySelectorAll('path.recharts-line-curve')).filter((p) => /L/.test(p.getAttribute('d') ?? ''));
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

  // B's quality measures are drawn dashed over A's on the quality chart (step 0 and the first
  // epoch end give each run two points), and the weights view shows both runs side by side.
  const quality = page.getByTestId('chart-quality');
  await expect.poll(async () => Number(await quality.getAttribute('data-points-b')), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(async () => Number(await quality.getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
  await expect.poll(() => curves(page, 'quality')).toEqual([1, 1, 0]);
  await expect(quality.getByTestId('twin-legend')).toContainText('A solid, B dashed');
  await expect(page.getByTestId('quality-readout-B')).toContainText(/^B: High quality [\d.]+% · Modes \d\/8/);
  const weightsView = page.getByTestId('weights-view');
  await expect(page.getByTestId('weights-run-A')).toBeVisible();
  await expect(page.getByTestId('weights-run-B')).toBeVisible();
  await expect.poll(async () => Number(await weightsView.getAttribute('data-step-b'))).toBeGreaterThan(0);
  for (const id of ['weights-G', 'weights-D', 'weights-B-G', 'weights-B-D']) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('nearzero-B-D')).toHaveText(/^\d+(\.\d)?%$/);
  // Side by side: B's column is to the right of A's, on the same row.
  const [boxA, boxB] = [await page.getByTestId('weights-run-A').boundingBox(), await page.getByTestId('weights-run-B').boundingBox()];
  expect(boxB!.x).toBeGreaterThan(boxA!.x + boxA!.width - 1);
  expect(Math.abs(boxB!.y - boxA!.y)).toBeLessThan(2);
  if (process.env.TWIN_VIEWS_SHOT) {
    // Tall enough for the whole pictures column (it scrolls on its own at 768 px).
    await page.setViewportSize({ width: 1366, height: 1500 });
    await page.screenshot({ path: `${process.env.TWIN_VIEWS_SHOT}/twin-views.png` });
    await page.getByTestId('weights-view').screenshot({ path: `${process.env.TWIN_VIEWS_SHOT}/twin-weights.png` });
    await page.getByTestId('chart-quality').screenshot({ path: `${process.env.TWIN_VIEWS_SHOT}/twin-quality.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  if (process.env.TWIN_SCREENSHOT) {
    await waitForStepAtLeast(page, Number(process.env.TWIN_STEPS ?? 400), 500_000);
    await page.screenshot({ path: process.env.TWIN_SCREENSHOT });
  }

  // Keep A: the twin ends; then pin A as a baseline and see it faint behind the live run.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Keep A' }).click();
  await expect(page.getByTestId('twin-status')).toHaveCount(0);
  await expect(page.getByTestId('samples-canvas-B')).toHaveCount(0);
  await expect(page.getByTestId('weights-run-B')).toHaveCount(0);
  await expect.poll(() => curves(page, 'quality')).toEqual([1, 0, 0]);
  await page.getByRole('button', { name: 'Pin as baseline' }).click();
  await expect(page.getByTestId('baseline')).toHaveCount(1);
  await expect(page.getByTestId('baseline')).toContainText('no regularizer');
  await expect.poll(() => curves(page, 'losses')).toEqual([2, 0, 2]);
  // The pin took A's quality history too: it is drawn faintly on the quality chart.
  await expect(quality).toHaveAttribute('data-baselines', '1');
  await expect.poll(() => curves(page, 'quality')).toEqual([1, 0, 1]);
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

test('Pin from file: a saved run becomes a baseline behind a new run, which trains on untouched; a broken file changes nothing', async ({ page }, info) => {
  test.setTimeout(180_000);
  const { consoleErrors } = await openApp(page, RING);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 40, 60_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save run' }).click();
  const download = await downloading;
  const name = download.suggestedFilename();
  const saved = Number(/step(\d+)\.ganrun$/.exec(name)![1]);
  expect(saved).toBeGreaterThanOrEqual(40);
  const file = info.outputPath(name);
  await download.saveAs(file);

  // A new run, then the saved one pinned from its file, with the keyboard: Tab to the button, Enter.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect.poll(() => stepCount(page)).toBe(0);
  const pin = page.getByRole('button', { name: 'Pin from file…' });
  // Pin as baseline is disabled (nothing trained yet), so Tab goes from the Twin button to it.
  await page.getByRole('button', { name: 'Twin run (A/B)' }).focus();
  await page.keyboard.press('Tab');
  await expect(pin).toBeFocused();
  const choosing = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await choosing).setFiles(file);
  const baseline = page.getByTestId('baseline');
  await expect(baseline).toHaveCount(1);
  await expect(baseline).toContainText(`8 Gaussians on a ring, no regularizer, to step ${saved} (${name})`);
  // The current run was not replaced: still at step 0, and it trains from there, here with D L2
  // 1e-2 (the same seed would otherwise retrace the baseline exactly).
  expect(await stepCount(page)).toBe(0);
  const l2 = slider(page, 'Discriminator L2');
  await l2.focus();
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
  await expect(page.getByTestId('value-l2D')).toHaveValue('0.01');
  // Step, not Start: three exact steps show the run counting from 0, whatever the machine's speed.
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => stepCount(page)).toBe(i);
  }
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 20, 60_000);
  await expect.poll(() => curves(page, 'losses')).toEqual([2, 0, 2]);
  await expect(page.getByTestId('twin-legend').first()).toContainText('faint: the baseline');
  const running = await stepCount(page);

  // A broken file: a clear message; the baseline list and the training run are as they were.
  await page
    .getByTestId('pin-file-input')
    .setInputFiles({ name: 'broken.ganrun', mimeType: 'application/octet-stream', buffer: Buffer.from('GANRUN but not really a run file') });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.ganrun cannot be pinned as a baseline' })).toContainText('Nothing was changed');
  await expect(baseline).toHaveCount(1);
  await waitForStepAtLeast(page, running + 5);
  if (process.env.TWIN_VIEWS_SHOT) {
    await page.screenshot({ path: `${process.env.TWIN_VIEWS_SHOT}/file-baseline.png` });
    await page.getByTestId('chart-losses').screenshot({ path: `${process.env.TWIN_VIEWS_SHOT}/file-baseline-losses.png` });
  }
  expect(consoleErrors).toEqual([]);
});
