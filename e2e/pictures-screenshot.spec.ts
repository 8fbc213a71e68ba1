/**
 * Makes docs/pictures-lab.png: an emoji run on the recommended preset (resize-conv, G_ema, 256
 * held-out reals) after a few epochs, with the image controls of the regularization lab and
 * D's overfitting chart. Runs only with SCREENSHOT=1.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('screenshot of the image lab and D’s overfitting chart', async ({ page }) => {
  test.skip(!process.env.SCREENSHOT, 'set SCREENSHOT=1 to refresh docs/pictures-lab.png');
  test.setTimeout(900_000);
  await page.setViewportSize({ width: 1400, height: 1600 });
  await openApp(page, `dataset=emoji&batchSize=${process.env.SCREENSHOT_BATCH ?? 128}`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const chart = page.getByTestId('chart-overfitting');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 840_000 })
    .toBeGreaterThanOrEqual(Number(process.env.SCREENSHOT_POINTS ?? 3));
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByLabel('Augmentation probability', { exact: true }).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: process.env.SCREENSHOT_PATH ?? 'docs/pictures-lab.png', fullPage: true });
});
