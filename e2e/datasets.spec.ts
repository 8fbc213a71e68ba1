/**
 * The datasets window: previews of every built-in dataset, the user's own images (decoded in the
 * worker, bad files explained, training kept running) and drawing 2-D data to train on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { corruptPng, hugePngHeader, makePng, pngFile } from './imageFixtures';
import { openApp, stepCount, waitForStepAtLeast } from './helpers';

async function openDatasets(page: Page, tab?: 'Datasets' | 'Your images' | 'Draw points') {
  await page.getByRole('button', { name: /^Datasets & your own data/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await expect(dialog).toBeVisible();
  if (tab) await dialog.getByRole('tab', { name: tab }).click();
  return dialog;
}

/** Distinct colours on a canvas (capped): a blank or one-colour canvas gives 1. */
async function canvasColours(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length && seen.size < 50; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });
}

test('every built-in dataset shows real examples, its size, licence, credit and fitting models', async ({ page }) => {
  const { consoleErrors } = await openApp(page);
  const dialog = await openDatasets(page);
  const list = dialog.getByRole('list', { name: 'Datasets' }).getByRole('button');
  const names = (await list.locator('.dataset-name').allTextContents()).filter((n) => !n.startsWith('Your '));
  expect(names.length).toBeGreaterThanOrEqual(9);
  for (const name of names) {
    const t = Date.now();
    await list.filter({ hasText: name }).click();
    const details = dialog.getByTestId('dataset-details');
    await expect(details.getByRole('heading', { name })).toBeVisible();
    const preview = details.getByTestId('dataset-preview');
    await expect(preview).toHaveAttribute('data-ready', 'true');
    expect(await canvasColours(page, 'dataset-preview'), `${name}: preview is blank`).toBeGreaterThanOrEqual(3);
    await expect(details.getByTestId('dataset-licence')).not.toBeEmpty();
    await expect(details.getByTestId('dataset-credit')).not.toBeEmpty();
    await expect(details.getByTestId('dataset-count')).toContainText(/\d/);
    await expect(details.getByTestId('fitting-models').getByRole('listitem').first()).toContainText(/params/);
    console.log(`${name}: preview in ${Date.now() - t} ms — ${await details.getByTestId('dataset-licence').textContent()}`);
  }
  // The emoji set credits Noto under Apache 2.0.
  await list.filter({ hasText: /emoji/i }).click();
  await expect(dialog.getByTestId('dataset-licence')).toContainText(/Apache/);
  expect(consoleErrors).toEqual([]);
});

test('a folder of 3 PNGs and a text file: "3 accepted, 1 skipped (not an image)"; then train on them', async ({ page }) => {
  const dir = test.info().outputPath('my-images');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 3; i++) writeFileSync(join(dir, `shape-${i}.png`), makePng(i + 1));
  writeFileSync(join(dir, 'notes.txt'), 'these are my drawings\n');

  await openApp(page);
  const dialog = await openDatasets(page, 'Your images');
  await expect(dialog).toContainText('Nothing is uploaded anywhere');
  await expect(dialog).toContainText(/At most 5,000 images .* 50 megapixels and 64 MB per file/);
  await dialog.getByLabel('Choose a folder of images').setInputFiles(dir);
  await expect(dialog.getByTestId('upload-result')).toContainText('3 accepted, 1 skipped');
  await expect(dialog.getByTestId('upload-result')).toContainText('not an image');
  await expect(dialog.getByTestId('skipped-list')).toContainText(/notes\.txt: not an image/);
  // A preview of what was accepted, then a run on it (step 0: no question asked).
  await expect(dialog.getByRole('img', { name: /^Real examples of Your images \(3\)/ })).toHaveAttribute('data-ready', 'true');
  await dialog.getByRole('button', { name: 'Train on these images' }).click();
  await expect(page.locator('#pick-dataset')).toHaveValue('upload');
  await expect(page.locator('#pick-dataset option:checked')).toHaveText('Your images (3)');
});

test('bad files get their reasons: a 0-byte file, a corrupt PNG, a 10,000×10,000 PNG, and nothing usable at all', async ({ page }) => {
  await openApp(page);
  const dialog = await openDatasets(page, 'Your images');
  const input = dialog.getByLabel('Choose image files');
  await input.setInputFiles([
    { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
    { name: 'broken.png', mimeType: 'image/png', buffer: corruptPng() },
    { name: 'huge.png', mimeType: 'image/png', buffer: hugePngHeader() },
    pngFile('fine.png', 4),
  ]);
  const result = dialog.getByTestId('upload-result');
  await expect(result).toContainText('1 accepted, 3 skipped');
  const skipped = dialog.getByTestId('skipped-list');
  await expect(skipped).toContainText('empty.png: empty file (0 bytes)');
  await expect(skipped).toContainText(/broken\.png: corrupt or unreadable PNG/);
  await expect(skipped).toContainText(/huge\.png: too large: 10000×10000 is 100 megapixels; the limit is 50/);

  // Zero images: the result says so, an error explains, and there is nothing to train on.
  await input.setInputFiles([{ name: 'readme.md', mimeType: 'text/markdown', buffer: Buffer.from('# not a picture') }]);
  await expect(result).toContainText('0 accepted, 1 skipped');
  await expect(page.getByTestId('error-message').filter({ hasText: 'could be used as an image' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Train on these images' })).toHaveCount(0);
});

test('uploading while training: the run keeps training, and switching asks first', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const t0 = Date.now();
  const before = await waitForStepAtLeast(page, 3);
  const dialog = await openDatasets(page, 'Your images');
  const t1 = Date.now();
  await dialog.getByLabel('Choose image files').setInputFiles(Array.from({ length: 4 }, (_, i) => pngFile(`img-${i}.png`, i)));
  await expect(dialog.getByTestId('upload-result')).toContainText('4 accepted, 0 skipped');
  const after = await stepCount(page);
  const t2 = Date.now();
  await waitForStepAtLeast(page, Math.max(before, after) + 10);
  console.log(`first steps ${t1 - t0} ms; upload ${t2 - t1} ms (steps ${before} → ${after}); 10 more steps ${Date.now() - t2} ms`);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();

  // Training on the upload would end this run: the app asks, and "Keep training" keeps it.
  await dialog.getByRole('button', { name: 'Train on these images' }).click();
  const confirm = page.getByRole('dialog', { name: 'Start a new run?' });
  await expect(confirm).toContainText('dataset to your images');
  await confirm.getByRole('button', { name: 'Keep training' }).click();
  await expect(page.locator('#pick-dataset')).toHaveValue('ring8');
  const kept = await stepCount(page);
  await waitForStepAtLeast(page, kept + 5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('draw points with the mouse, train on the drawing a few steps', async ({ page }) => {
  const { consoleErrors } = await openApp(page);
  const dialog = await openDatasets(page, 'Draw points');
  const canvas = dialog.getByTestId('draw-canvas');
  const box = (await canvas.boundingBox())!;
  const stroke = async (points: [number, number][]) => {
    await page.mouse.move(box.x + points[0][0] * box.width, box.y + points[0][1] * box.height);
    await page.mouse.down();
    for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 8 });
    await page.mouse.up();
  };
  await stroke([
    [0.2, 0.2],
    [0.8, 0.2],
    [0.8, 0.5],
  ]);
  await stroke([
    [0.3, 0.8],
    [0.7, 0.7],
  ]);
  const count = async () => Number(((await dialog.getByTestId('draw-count').textContent()) ?? '').replace(/[^\d]/g, ''));
  const drawn = await count();
  expect(drawn).toBeGreaterThan(20);
  // Undo drops the last stroke only.
  await dialog.getByRole('button', { name: 'Undo stroke' }).click();
  expect(await count()).toBeLessThan(drawn);
  expect(await count()).toBeGreaterThan(10);
  expect(await canvasColours(page, 'draw-canvas')).toBeGreaterThanOrEqual(3);

  await dialog.getByRole('button', { name: 'Train on my drawing' }).click();
  await expect(page.locator('#pick-dataset')).toHaveValue('drawn');
  await expect(page.locator('#pick-dataset option:checked')).toHaveText('Your drawing');
  await dialog.getByRole('button', { name: 'Close datasets' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  expect(await stepCount(page)).toBeGreaterThan(0);
  await expect(page.getByRole('img', { name: 'Generated samples' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
