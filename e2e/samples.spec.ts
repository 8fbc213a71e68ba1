import { expect, test } from '@playwright/test';
import { canvasFingerprint, openApp, RING, stepCount } from './helpers';
import { pngFile } from './imageFixtures';

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

// An image grid whose epochs take a moment: 64 generated PNGs, uploaded and trained on with the
// upload's recommended batch of 32, so an epoch is 2 steps (a full MNIST epoch took minutes here).
test('image grid: an epoch end redraws the 8×8 grid; the scrubber looks back', async ({ page }) => {
  await openApp(page, RING);
  await page.getByRole('button', { name: /^Datasets & your own data/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByRole('tab', { name: 'Your images' }).click();
  await dialog.getByLabel('Choose image files').setInputFiles(Array.from({ length: 64 }, (_, i) => pngFile(`shape-${i}.png`, i)));
  await expect(dialog.getByTestId('upload-result')).toContainText('64 accepted, 0 skipped');
  await dialog.getByRole('button', { name: 'Train on these images' }).click();
  await expect(page.locator('#pick-dataset')).toHaveValue('upload');
  await expect(page.locator('#pick-batch')).toHaveValue('32');
  await dialog.getByRole('button', { name: 'Close datasets' }).click();

  const canvas = page.getByRole('img', { name: 'Generated samples' });
  // The epoch-0 grid (untrained G) arrives with the run.
  await expect(canvas).toHaveAttribute('data-epoch', '0');
  const first = await canvasFingerprint(page);
  expect(first).toMatch(/^\d+x\d+:/);

  const t0 = Date.now();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(async () => Number(await canvas.getAttribute('data-epoch')), { timeout: 40_000 }).toBeGreaterThanOrEqual(2);
  console.log(`epoch ${await canvas.getAttribute('data-epoch')} after ${((Date.now() - t0) / 1000).toFixed(1)} s (${await stepCount(page)} steps)`);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
  const epoch = await canvas.getAttribute('data-epoch');
  const latest = await canvasFingerprint(page);
  expect(latest).not.toBe(first);
  await expect(page.getByTestId('samples-epoch')).toContainText(`Epoch ${epoch}`);

  // Look back at epoch 0: the same pixels as before.
  const scrubber = page.getByRole('slider', { name: 'Look back' });
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('samples-epoch')).toContainText('Epoch 0');
  expect(await canvasFingerprint(page)).toBe(first);
  await page.getByRole('button', { name: 'Latest' }).click();
  await expect(page.getByTestId('samples-epoch')).toContainText(`Epoch ${epoch}`);
  expect(await canvasFingerprint(page)).toBe(latest);

  // On demand while paused: one step, then a grid of exactly that step.
  const before = await stepCount(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => stepCount(page)).toBe(before + 1);
  await page.getByRole('button', { name: 'Draw samples now' }).click();
  await expect(page.getByTestId('samples-epoch')).toContainText(`step ${before + 1}`);
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
