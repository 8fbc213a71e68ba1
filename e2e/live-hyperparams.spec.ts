import { expect, test } from '@playwright/test';
import { openApp, RING, slider, stepCount, waitForStepAtLeast } from './helpers';

test('moving Discriminator L2 while training changes the D L2 penalty and the applied value, without a reset', async ({ page }) => {
  await openApp(page, RING);
  await expect(page.getByTestId('value-l2D')).toHaveValue('off');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 20);
  await expect(page.getByTestId('latest-dL2')).toHaveText('0');

  // Drive the slider with the keyboard: from "off" a few notches up, then a decade at a time.
  const l2 = slider(page, 'Discriminator L2');
  await l2.focus();
  await page.keyboard.press('ArrowRight'); // 1e-7
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp'); // 1e-2
  const before = await stepCount(page);
  await expect(page.getByTestId('value-l2D')).toHaveValue('0.01');
  await expect(l2).toHaveAttribute('aria-valuetext', '0.01');
  // The worker confirms the value it applied (and from which step).
  await expect(page.getByTestId('applied-l2D')).toHaveText(/applied at step \d+/);

  await expect.poll(async () => Number(await page.getByTestId('latest-dL2').textContent())).toBeGreaterThan(0);
  const after = await stepCount(page);
  expect(after).toBeGreaterThanOrEqual(before); // no reset
  await waitForStepAtLeast(page, after + 10);

  // And back off: the penalty falls to 0 again.
  await l2.press('Home');
  await expect(page.getByTestId('value-l2D')).toHaveValue('off');
  await expect.poll(async () => page.getByTestId('latest-dL2').textContent()).toBe('0');
  expect(await stepCount(page)).toBeGreaterThan(after);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('typing a value into the box applies it; a bad value is refused with a message', async ({ page }) => {
  await openApp(page, RING);
  const box = page.getByTestId('value-lrG');
  await box.fill('5e-4');
  await box.press('Enter');
  await expect(box).toHaveValue('5e-4');
  await expect(slider(page, 'Generator learning rate')).toHaveAttribute('aria-valuetext', '5e-4');
  await box.fill('12');
  await box.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'lrG' })).toBeVisible();
  await box.press('Escape');
  await expect(box).toHaveValue('5e-4');
});

test('learning-rate decay: the rates in force fall to 5% over the set steps, and the decay can be switched off live', async ({ page }) => {
  await openApp(page, `${RING}&lrDecayStart=0&lrDecaySteps=60`);
  await expect(page.getByTestId('value-lrDecaySteps')).toHaveValue('60');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  // Partway the factor is below 1; after step 60 it rests at 0.05 while the sliders keep 1e-3.
  await expect(page.getByTestId('lr-scale')).toHaveText(/×0\.05 the values above/, { timeout: 60_000 });
  await expect(page.getByTestId('value-lrG')).toHaveValue('1e-3');

  const steps = slider(page, 'Learning-rate decay steps');
  await steps.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('value-lrDecaySteps')).toHaveValue('off');
  await expect(page.getByTestId('lr-scale')).toHaveText(/Decay off/);
  await expect(page.getByTestId('applied-lrDecaySteps')).toHaveText(/applied at step \d+/);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});
