import { expect, test } from '@playwright/test';
import { chartPoints, openApp, RING, stepCount, waitForStepAtLeast } from './helpers';

test('Start trains, Pause stops, Step adds exactly one, Reset returns to 0', async ({ page }) => {
  await openApp(page, RING);
  expect(await stepCount(page)).toBe(0);
  const start = page.getByRole('button', { name: 'Start', exact: true });
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const reset = page.getByRole('button', { name: 'Reset', exact: true });

  await start.click();
  await expect(page.getByTestId('run-state')).toHaveText('Training');
  const s1 = await waitForStepAtLeast(page, 20);
  await expect.poll(() => chartPoints(page, 'losses')).toBeGreaterThan(5);
  const p1 = await chartPoints(page, 'losses');
  await waitForStepAtLeast(page, s1 + 30);
  await expect.poll(() => chartPoints(page, 'losses')).toBeGreaterThan(p1);
  // The legend reads out numbers, not placeholders.
  await expect(page.getByTestId('latest-dLoss')).toHaveText(/^-?\d/);
  await expect(page.getByTestId('latest-gLoss')).toHaveText(/^-?\d/);

  await pause.click();
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  await expect(start).toBeEnabled();
  const paused = await stepCount(page);
  await page.waitForTimeout(1000);
  expect(await stepCount(page)).toBe(paused);

  await step.click();
  await expect.poll(() => stepCount(page)).toBe(paused + 1);
  await page.waitForTimeout(500);
  expect(await stepCount(page)).toBe(paused + 1);

  await reset.click();
  await expect.poll(() => stepCount(page)).toBe(0);
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  await expect.poll(() => chartPoints(page, 'losses')).toBe(0);
});

test('a structural change asks first, and only resets when confirmed', async ({ page }) => {
  await openApp(page, RING);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => stepCount(page)).toBe(1);
  const batch = page.getByLabel('Batch size', { exact: true });
  await batch.selectOption('64');
  const dialog = page.getByRole('dialog', { name: 'Start a new run?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep training' }).click();
  await expect(dialog).toBeHidden();
  await expect(batch).toHaveValue('32');
  expect(await stepCount(page)).toBe(1);

  await batch.selectOption('64');
  await dialog.getByRole('button', { name: 'Reset and apply' }).click();
  await expect(batch).toHaveValue('64');
  await expect.poll(() => stepCount(page)).toBe(0);
});
