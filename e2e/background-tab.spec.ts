/**
 * A hidden tab keeps training in the worker but its charts stop drawing; when it comes back the
 * charts catch up at once. Visibility is simulated: headless Chromium pages are always "visible".
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chartPoints, openApp, RING, stepCount, waitForStepAtLeast } from './helpers';

async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('a hidden tab trains on without drawing charts, and catches up when shown', async ({ page }) => {
  await openApp(page, RING);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 20);
  await setHidden(page, true);
  // Let a chart update that was already queued land, then read what is drawn.
  await page.waitForTimeout(500);
  const drawn = await chartPoints(page, 'losses');
  const stepHidden = await stepCount(page);
  await waitForStepAtLeast(page, stepHidden + 100);
  expect(await chartPoints(page, 'losses')).toBe(drawn);
  await setHidden(page, false);
  await expect.poll(() => chartPoints(page, 'losses')).toBeGreaterThan(drawn);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});
