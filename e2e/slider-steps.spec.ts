/** Decade steps on the log sliders, the "off" notch on Home, and "Draw samples now" while training. */
import { expect, test } from '@playwright/test';
import { MNIST_SMALL, openApp, slider } from './helpers';

test('log sliders: PageUp/PageDown move whole decades, Home turns a penalty off, End is the top', async ({ page }) => {
  await openApp(page);
  const l2 = slider(page, 'Discriminator L2');
  await expect(l2).toHaveAttribute('aria-valuetext', 'off');
  await l2.focus();
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('PageUp');
    seen.push((await l2.getAttribute('aria-valuetext')) ?? '');
  }
  expect(seen).toEqual(['1e-7', '1e-6', '1e-5', '1e-4']);
  // Off → 8e-5 in five presses (it took thirty arrow presses).
  await page.keyboard.press('ArrowLeft');
  await expect(l2).toHaveAttribute('aria-valuetext', '8e-5');
  await expect(page.getByTestId('applied-l2D')).toContainText('applied at step');
  await expect(page.getByTestId('value-l2D')).toHaveValue('8e-5');
  await page.keyboard.press('PageDown');
  await expect(l2).toHaveAttribute('aria-valuetext', '8e-6');
  await page.keyboard.press('Home');
  await expect(l2).toHaveAttribute('aria-valuetext', 'off');
  await expect(page.getByTestId('value-l2D')).toHaveValue('off');

  // A field without an "off" notch: Home is its minimum, End its maximum.
  const lr = slider(page, 'Generator learning rate');
  await lr.focus();
  const before = Number(await lr.getAttribute('aria-valuetext'));
  await page.keyboard.press('PageDown');
  await expect.poll(async () => Number(await lr.getAttribute('aria-valuetext'))).toBeCloseTo(before / 10, 12);
  await page.keyboard.press('End');
  await expect(lr).toHaveAttribute('aria-valuetext', '1');
  await page.keyboard.press('Home');
  await expect(lr).toHaveAttribute('aria-valuetext', '1e-6');
});

test('"Draw samples now" works while training: a grid of the current step, before the epoch ends', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, `${MNIST_SMALL}&backend=wasm`);
  const canvas = page.getByTestId('samples-canvas');
  const draw = page.getByRole('button', { name: 'Draw samples now' });
  await expect(canvas).toHaveAttribute('data-step', '0');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(draw).toBeEnabled();
  await expect.poll(async () => Number((await page.getByTestId('step-count').textContent())?.replace(/\D/g, '') ?? 0)).toBeGreaterThan(0);
  await draw.click();
  // Epoch 1 of MNIST at batch 64 ends at step 938: a grid of epoch 0 at a later step came on demand.
  await expect.poll(async () => Number(await canvas.getAttribute('data-step'))).toBeGreaterThan(0);
  await expect(canvas).toHaveAttribute('data-epoch', '0');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});
