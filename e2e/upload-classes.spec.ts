/**
 * Uploads in class folders (docs/conditional.md, "Your own classes"): a folder of three
 * subfolders is a set of three classes, named in the result line; a conditional run on it trains
 * and names its grid rows and Generate class after the folders. A flat folder has no labels, and
 * the conditional checkbox says why. No wall-clock assertions: waits are hang guards.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makePng } from './imageFixtures';
import { openApp, waitForStepAtLeast } from './helpers';

async function openYourImages(page: Page) {
  await page.getByRole('button', { name: /^Datasets & your own data/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.getByRole('tab', { name: 'Your images' }).click();
  return dialog;
}

/** A folder `pets` with `n` PNGs in each class folder (and any loose files beside them). */
function petsFolder(classes: string[], n: number, loose: string[] = []): string {
  const top = join(test.info().outputPath('upload'), 'pets');
  classes.forEach((c, k) => {
    mkdirSync(join(top, c), { recursive: true });
    for (let i = 0; i < n; i++) writeFileSync(join(top, c, `${c}-${i}.png`), makePng(1 + k * 10 + i));
  });
  loose.forEach((name, i) => writeFileSync(join(top, name), makePng(90 + i)));
  return top;
}

test('a folder of 3 class folders: "9 accepted in 3 classes", a conditional run names its rows after the folders', async ({ page }) => {
  test.setTimeout(180_000);
  const { consoleErrors } = await openApp(page, 'dataset=ring8&backend=wasm');
  const dialog = await openYourImages(page);
  await expect(dialog).toContainText('A folder of subfolders gives one class per subfolder');
  await dialog.getByLabel('Choose a folder of images').setInputFiles(petsFolder(['owls', 'cats', 'dogs'], 3, ['stray.png']));
  const result = dialog.getByTestId('upload-result');
  await expect(result).toContainText('9 accepted in 3 classes (cats, dogs, owls), 1 skipped', { timeout: 60_000 });
  await expect(dialog.getByTestId('skipped-list')).toContainText('pets/stray.png: not in a class folder');
  await expect(dialog).toContainText('9 of your images in 3 classes (cats, dogs, owls)');
  await expect(dialog.getByTestId('upload-no-labels')).toHaveCount(0);
  if (process.env.SCREENSHOT) await dialog.screenshot({ path: 'docs/upload-classes.png' });

  await dialog.getByRole('button', { name: 'Train on these images' }).click();
  await page.keyboard.press('Escape');
  await expect(page.locator('#pick-dataset')).toHaveValue('upload');
  const checkbox = page.getByLabel('Ask for a class (conditional)');
  await expect(checkbox).toBeEnabled({ timeout: 60_000 });
  await expect(checkbox).toHaveAccessibleDescription('G and D see the 3 classes of this set; the grid names each row’s class.');
  await checkbox.click();
  await expect(checkbox).toBeChecked({ timeout: 60_000 });

  const rows = page.getByTestId('grid-row-names').getByRole('listitem');
  await expect(rows).toHaveText(['cats', 'dogs', 'owls', 'cats', 'dogs', 'owls', 'cats', 'dogs'], { timeout: 60_000 });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= 3; i++) {
    await step.click();
    await waitForStepAtLeast(page, i, 60_000);
  }
  await expect.poll(async () => Number(await page.getByTestId('samples-canvas').getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await expect(rows).toHaveText(['cats', 'dogs', 'owls', 'cats', 'dogs', 'owls', 'cats', 'dogs']);

  const picker = page.getByLabel('Generate class');
  await expect(picker.locator('option')).toHaveText(['All classes', 'cats', 'dogs', 'owls']);
  await picker.selectOption({ label: 'owls' });
  await expect(page.getByTestId('grid-class')).toHaveText('Every sample drawn as class “owls”', { timeout: 60_000 });
  await expect(rows).toHaveText(Array(8).fill('owls'));
  expect(consoleErrors).toEqual([]);
});

test('a flat folder has no labels: the upload and the conditional checkbox say to use subfolders', async ({ page }) => {
  test.setTimeout(120_000);
  const { consoleErrors } = await openApp(page, 'dataset=ring8&backend=wasm');
  const dialog = await openYourImages(page);
  const dir = join(test.info().outputPath('upload'), 'shapes');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 3; i++) writeFileSync(join(dir, `shape-${i}.png`), makePng(i + 1));
  await dialog.getByLabel('Choose a folder of images').setInputFiles(dir);
  await expect(dialog.getByTestId('upload-result')).toHaveText('3 accepted, 0 skipped', { timeout: 60_000 });
  await expect(dialog.getByTestId('upload-no-labels')).toHaveText(
    'This set has no labels: put each class’s images in its own subfolder to train a conditional run.',
  );

  await dialog.getByRole('button', { name: 'Train on these images' }).click();
  await page.keyboard.press('Escape');
  await expect(page.locator('#pick-dataset')).toHaveValue('upload');
  const checkbox = page.getByLabel('Ask for a class (conditional)');
  await expect(checkbox).toBeDisabled();
  await expect(checkbox).not.toBeChecked();
  await expect(checkbox).toHaveAccessibleDescription('This set has no labels: put each class’s images in its own subfolder.');
  await expect(page.getByTestId('grid-row-names')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
