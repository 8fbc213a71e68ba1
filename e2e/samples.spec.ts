import { expect, test } from '@playwright/test';
import { canvasFingerprint, MNIST_SMALL, openApp, stepCount } from './helpers';

test('an epoch end redraws the sample canvas (2-D: 10,000 points, batch 128, an epoch in seconds)', async ({ page }) => {
  await openApp(page, 'dataset=ring8&batchSize=128');
  const canvas = page.getByRole('img', { name: 'Generated samples' });
  await expect(canvas).toHaveAttribute('data-epoch', '0');
  const first = await canvasFingerprint(page);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(canvas).toHaveAttribute('data-epoch', /^[1-9]/, { timeout: 50_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  expect(await canvasFingerprint(page)).not.toBe(first);
  await expect(page.getByTestId('samples-epoch')).toContainText(/Epoch [1-9]/);
});

// One MNIST epoch is 10,000 images: about 40 s for the small DCGAN on WASM on a quiet 2-core machine.
test('MNIST: an epoch end redraws the 8×8 grid; the scrubber looks back', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, MNIST_SMALL);
  const canvas = page.getByRole('img', { name: 'Generated samples' });
  // The epoch-0 grid (untrained G) arrives with the run.
  await expect(canvas).toHaveAttribute('data-epoch', '0');
  const first = await canvasFingerprint(page);
  expect(first).toMatch(/^\d+x\d+:/);

  const t0 = Date.now();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(canvas).toHaveAttribute('data-epoch', '1', { timeout: 160_000 });
  console.log(`first epoch took ${((Date.now() - t0) / 1000).toFixed(1)} s (${await stepCount(page)} steps)`);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const second = await canvasFingerprint(page);
  expect(second).not.toBe(first);
  await expect(page.getByTestId('samples-epoch')).toContainText('Epoch 1');

  // Look back at epoch 0: the same pixels as before.
  const scrubber = page.getByRole('slider', { name: 'Look back' });
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('samples-epoch')).toContainText('Epoch 0');
  expect(await canvasFingerprint(page)).toBe(first);
  await page.getByRole('button', { name: 'Latest' }).click();
  await expect(page.getByTestId('samples-epoch')).toContainText('Epoch 1');

  // On demand while paused.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Draw samples now' }).click();
  await expect(page.getByTestId('samples-epoch')).toContainText(`step ${await stepCount(page)}`);
});

test('2-D data: real and generated points over D’s heatmap, redrawn while training', async ({ page }) => {
  await openApp(page, 'dataset=ring8&batchSize=32');
  const canvas = page.getByRole('img', { name: 'Generated samples' });
  await expect(canvas).toHaveAttribute('data-step', '0');
  const first = await canvasFingerprint(page);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(async () => Number(await canvas.getAttribute('data-step'))).toBeGreaterThan(0);
  const t = Date.now();
  const seen = new Set<string>();
  while (Date.now() - t < 3000) {
    seen.add((await canvas.getAttribute('data-step')) ?? '');
    await page.waitForTimeout(100);
  }
  console.log(`points redraws seen in 3 s: ${seen.size}`);
  expect(seen.size).toBeGreaterThanOrEqual(2);
  expect(await canvasFingerprint(page)).not.toBe(first);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});
