/** Makes docs/screenshot.png (the app mid-training). Runs only with SCREENSHOT=1. */
import { test } from '@playwright/test';
import { openApp, slider, waitForStepAtLeast } from './helpers';

test('screenshot of the app mid-training', async ({ page }) => {
  test.skip(!process.env.SCREENSHOT, 'set SCREENSHOT=1 to refresh docs/screenshot.png');
  test.setTimeout(120_000);
  const dataset = process.env.SCREENSHOT_DATASET ?? 'ring8';
  await openApp(page, `dataset=${dataset}&batchSize=32`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 300, 60_000);
  const l2 = slider(page, 'Discriminator L2');
  await l2.focus();
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 4; i++) await page.keyboard.press('PageUp');
  await page.waitForTimeout(Number(process.env.SCREENSHOT_WAIT ?? 6000));
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.screenshot({ path: process.env.SCREENSHOT_PATH ?? 'docs/screenshot.png' });
});
