/**
 * A hidden tab keeps training in the worker but its charts stop drawing; when it comes back the
 * charts catch up at once. With "Pause training while this tab is hidden" on, it pauses instead
 * and resumes when shown. Visibility is simulated: headless Chromium pages are always "visible".
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, RING, settledStep, stepCount, waitForStepAtLeast } from './helpers';

/** The newest step the loss chart has drawn, from its table of values (the same rows it plots). */
async function newestDrawnStep(page: Page): Promise<number> {
  const text = await page.getByTestId('table-losses').locator('tbody tr').last().locator('th').textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

const pauseWhenHidden = (page: Page) => page.getByRole('checkbox', { name: 'Pause training while this tab is hidden' });

/** The step once it stopped moving (a pause lets the steps in flight land). */
test('a hidden tab trains on without drawing charts, and catches up when shown', async ({ page }) => {
  await openApp(page, RING);
  // The setting is off by default: this is the "off" case.
  await expect(pauseWhenHidden(page)).not.toBeChecked();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 20);
  const losses = page.getByTestId('chart-losses');
  await losses.getByText('Table of values').click();
  await setHidden(page, true);
  // Let a chart update that was already queued land, then read what is drawn.
  await page.waitForTimeout(500);
  const drawn = await newestDrawnStep(page);
  const stepHidden = await stepCount(page);
  await waitForStepAtLeast(page, stepHidden + 100);
  expect(await newestDrawnStep(page)).toBe(drawn);
  await setHidden(page, false);
  await expect.poll(() => newestDrawnStep(page)).toBeGreaterThanOrEqual(stepHidden + 100);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('with "Pause training while this tab is hidden" on, hiding pauses and showing resumes; a run the user paused stays paused; the setting is remembered', async ({
  page,
}) => {
  await openApp(page, RING);
  await pauseWhenHidden(page).check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 20);
  await setHidden(page, true);
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  const paused = await settledStep(page, 400);
  await page.waitForTimeout(1000);
  expect(await stepCount(page)).toBe(paused);
  await setHidden(page, false);
  await expect(page.getByTestId('run-state')).toHaveText('Training');
  await waitForStepAtLeast(page, paused + 20);

  // Paused by the user, it stays paused when the tab comes back.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const userPaused = await settledStep(page, 400);
  await setHidden(page, true);
  await setHidden(page, false);
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  expect(await stepCount(page)).toBe(userPaused);

  await page.reload();
  await expect(pauseWhenHidden(page)).toBeChecked();
});
