/** Makes docs/latent-explorer.png (the latent explorer on MNIST). Runs only with SCREENSHOT=1. */
import { expect, test } from '@playwright/test';
import { MNIST_SMALL, openApp, waitForStepAtLeast } from './helpers';

test('screenshot of the latent explorer', async ({ page }) => {
  test.skip(!process.env.SCREENSHOT, 'set SCREENSHOT=1 to refresh docs/latent-explorer.png');
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1366, height: 1400 });
  await openApp(page, MNIST_SMALL);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, Number(process.env.SCREENSHOT_STEPS ?? 250), 300_000);
  await page.getByRole('button', { name: 'Sample 2', exact: true }).click();
  await page.getByRole('button', { name: 'Sample 31', exact: true }).click();
  const explorer = page.getByTestId('latent-explorer');
  await explorer.getByRole('button', { name: 'Interpolate', exact: true }).click();
  await explorer.getByRole('button', { name: 'Walk', exact: true }).click();
  await expect
    .poll(() => page.getByTestId('latent-frame').evaluateAll((els) => els.filter((e) => e.getAttribute('data-drawn') === 'true').length), { timeout: 60_000 })
    .toBe(10);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await explorer.getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(page.getByTestId('latent-explore').getByRole('img')).toHaveAttribute('data-drawn', 'true', { timeout: 60_000 });
  await page.waitForTimeout(1500);
  // The samples panel from its title to the end of the explore view (the quality views below are left out).
  const panel = (await page.locator('.samples-panel').boundingBox())!;
  const explore = (await page.getByTestId('latent-explore').boundingBox())!;
  await page.screenshot({
    path: process.env.SCREENSHOT_PATH ?? 'docs/latent-explorer.png',
    clip: { x: panel.x, y: panel.y, width: panel.width, height: explore.y + explore.height + 12 - panel.y },
  });
});
