import { expect, test } from '@playwright/test';
import { openApp, RING, stepCount, waitForStepAtLeast } from './helpers';

test('?backend=webgl trains on WebGL', async ({ page }) => {
  test.setTimeout(120_000);
  const { consoleErrors } = await openApp(page, `${RING}&backend=webgl`);
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText('Backend: webgl');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 5, 90_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  console.log(`webgl: ${await stepCount(page)} steps, ${await page.getByTestId('images-per-sec').textContent()} images/s`);
  await expect(page.getByTestId('latest-dLoss')).toHaveText(/^-?\d/);
  expect(consoleErrors).toEqual([]);
});

test('?backend=cpu trains on the plain JS backend', async ({ page }) => {
  await openApp(page, `${RING}&backend=cpu`);
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText('Backend: cpu');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => stepCount(page)).toBe(1);
});
