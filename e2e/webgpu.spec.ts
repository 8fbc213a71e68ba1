/** Runs in the `chromium-webgpu` project (playwright.config.ts), with SwiftShader WebGPU flags. */
import { expect, test } from '@playwright/test';
import { openApp, RING, stepCount, waitForStepAtLeast } from './helpers';

test('?backend=webgpu trains a few steps on WebGPU', async ({ page }) => {
  test.setTimeout(180_000);
  const { consoleErrors } = await openApp(page, `${RING}&backend=webgpu`, { waitReady: false });
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText('Backend: webgpu', { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 5, 150_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  console.log(`webgpu: ${await stepCount(page)} steps, ${await page.getByTestId('images-per-sec').textContent()} images/s`);
  await expect(page.getByTestId('latest-dLoss')).toHaveText(/^-?\d/);
  await expect(page.getByTestId('error-message')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
