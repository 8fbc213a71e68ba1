import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { gifFrames } from '../src/core/testing/gifFrames';
import { readStoredZip } from '../src/core/export/zipStore';
import { openApp, stepCount } from './helpers';
import { pngFile } from './imageFixtures';

async function download(page: Page, button: string, timeout = 60_000): Promise<{ name: string; bytes: Uint8Array }> {
  const exportGroup = page.getByRole('group', { name: 'Export' });
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), exportGroup.getByRole('button', { name: button, exact: true }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

async function trainToEpoch(page: Page, epoch: number): Promise<number> {
  const canvas = page.getByRole('img', { name: 'Generated samples' });
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(async () => Number(await canvas.getAttribute('data-epoch')), { timeout: 60_000 }).toBeGreaterThanOrEqual(epoch);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
  return stepCount(page);
}

function csvRows(bytes: Uint8Array): string[][] {
  return new TextDecoder()
    .decode(bytes)
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

function checkModelZip(bytes: Uint8Array, layer: string) {
  const files = readStoredZip(bytes);
  expect(files.map((f) => f.name)).toEqual(['generator/model.json', 'generator/weights.bin', 'generator/README.txt']);
  const json = JSON.parse(new TextDecoder().decode(files[0].bytes));
  expect(json.format).toBe('layers-model');
  const specs: { shape: number[]; dtype: string }[] = json.weightsManifest[0].weights;
  const floats = specs.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
  expect(files[1].bytes.length).toBe(4 * floats);
  expect(json.modelTopology.config.layers.map((l: { class_name: string }) => l.class_name)).toContain(layer);
}

test('2-D points: PNG, timelapse GIF, CSV and model downloads all parse', async ({ page }) => {
  await openApp(page, 'dataset=ring8&batchSize=128');
  const exportGroup = page.getByRole('group', { name: 'Export' });
  await expect(exportGroup.getByRole('button', { name: 'CSV', exact: true })).toBeDisabled();
  const steps = await trainToEpoch(page, 2);

  const csv = await download(page, 'CSV');
  expect(csv.name).toBe(`ring8-mlp2d-step${steps}-metrics.csv`);
  const rows = csvRows(csv.bytes);
  expect(rows[0].slice(0, 4)).toEqual(['step', 'epoch', 'dLoss', 'gLoss']);
  expect(rows[0]).toContain('modesCovered');
  expect(rows.length - 1).toBe(steps);
  expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(Array.from({ length: steps }, (_, i) => i + 1));

  const canvasWidth = await page.getByRole('img', { name: 'Generated samples' }).evaluate((c) => (c as HTMLCanvasElement).width);
  const png = PNG.sync.read(Buffer.from((await download(page, 'PNG')).bytes));
  expect([png.width, png.height]).toEqual([canvasWidth, canvasWidth]);

  const frames = Number(await exportGroup.getByRole('button', { name: 'Timelapse GIF' }).getAttribute('data-frames'));
  expect(frames).toBeGreaterThanOrEqual(2);
  const gif = gifFrames((await download(page, 'Timelapse GIF')).bytes);
  expect(gif.frames).toHaveLength(frames);
  expect([gif.width, gif.height]).toEqual([320, 320]);

  const model = await download(page, 'Model (TF.js)');
  expect(model.name).toBe(`ring8-mlp2d-step${steps}-generator.zip`);
  checkModelZip(model.bytes, 'Dense');
});

test.describe.configure({ timeout: 180_000 });

test('image grid: a crisp 4× PNG, a GIF of one frame per saved epoch, a model with BatchNorm', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: /^Datasets & your own data/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByRole('tab', { name: 'Your images' }).click();
  await dialog.getByLabel('Choose image files').setInputFiles(Array.from({ length: 64 }, (_, i) => pngFile(`shape-${i}.png`, i)));
  await expect(dialog.getByTestId('upload-result')).toContainText('64 accepted, 0 skipped');
  await dialog.getByRole('button', { name: 'Train on these images' }).click();
  // The new run may first measure the backends for this model (a while on a busy machine).
  await expect(page.locator('#pick-dataset')).toHaveValue('upload', { timeout: 80_000 });
  await dialog.getByRole('button', { name: 'Close datasets' }).click();
  const steps = await trainToEpoch(page, 3);
  const exportGroup = page.getByRole('group', { name: 'Export' });

  const canvas = page.getByRole('img', { name: 'Generated samples' });
  const [w, h] = await canvas.evaluate((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
  const png = PNG.sync.read(Buffer.from((await download(page, 'PNG')).bytes));
  expect([png.width, png.height]).toEqual([4 * w, 4 * h]);
  // Nearest neighbour: each grid pixel is a solid 4×4 block.
  for (const [x, y] of [
    [5, 9],
    [w / 2, h / 3],
    [w - 3, h - 2],
  ].map(([a, b]) => [Math.floor(a), Math.floor(b)])) {
    const at = (px: number, py: number) => png.data.readUInt32BE((py * png.width + px) * 4);
    for (let d = 1; d < 4; d++) expect(at(4 * x + d, 4 * y + d)).toBe(at(4 * x, 4 * y));
  }

  const frames = Number(await exportGroup.getByRole('button', { name: 'Timelapse GIF' }).getAttribute('data-frames'));
  // One frame per grid the scrubber holds (one per epoch, at most two a second).
  const scrubberMax = Number(await page.getByRole('slider', { name: 'Look back' }).getAttribute('max'));
  expect(frames).toBe(scrubberMax + 1);
  expect(frames).toBeGreaterThanOrEqual(2);
  const gif = gifFrames((await download(page, 'Timelapse GIF')).bytes);
  expect(gif.frames).toHaveLength(frames);
  expect([gif.width, gif.height]).toEqual([2 * w, 2 * h]);

  const rows = csvRows((await download(page, 'CSV')).bytes);
  expect(rows.length - 1).toBe(steps);

  const model = await download(page, 'Model (TF.js)', 90_000);
  checkModelZip(model.bytes, 'Conv2DTranspose');
  checkModelZip(model.bytes, 'BatchNormalization');

  await exportGroup.scrollIntoViewIfNeeded();
  await page.screenshot({ path: process.env.EXPORTS_SCREENSHOT ?? 'test-results/exports.png' });
});
