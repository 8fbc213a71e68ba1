/**
 * A conditional run in the built app (docs/conditional.md): a link with conditional=true names each
 * grid row's class, "Generate class" redraws the grid as one class, the set-up checkbox is on for
 * MNIST and disabled with its reason on ring8, and the latent explorer is off with a reason. No
 * wall-clock assertions: waits are hang guards.
 */
import { expect, test } from '@playwright/test';
import { openApp, pixelHash, waitForStepAtLeast } from './helpers';

const COND_MNIST = 'dataset=mnist&conditional=true&backend=wasm';

test('a conditional MNIST run names the rows 0–7 and Generate class 7 redraws the grid as 7s', async ({ page }) => {
  test.setTimeout(180_000);
  const { consoleErrors } = await openApp(page, COND_MNIST);
  const checkbox = page.getByLabel('Ask for a class (conditional)');
  await expect(checkbox).toBeChecked();
  await expect(checkbox).toBeEnabled();
  const rows = page.getByTestId('grid-row-names').getByRole('listitem');
  await expect(rows).toHaveText(['0', '1', '2', '3', '4', '5', '6', '7'], { timeout: 60_000 });
  await expect(page.getByText('Rows: classes 0–7 of 10')).toBeVisible();
  await expect(page.getByTestId('latent-off')).toHaveText('The latent explorer does not draw conditional runs yet.');
  await expect(page.getByTestId('latent-explorer')).toHaveCount(0);

  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= 3; i++) {
    await step.click();
    await waitForStepAtLeast(page, i, 60_000);
  }
  // The checkbox from the keyboard: Space asks before the run is lost; Escape keeps it.
  await checkbox.focus();
  await page.keyboard.press('Space');
  const confirm = page.getByRole('dialog', { name: 'Start a new run?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('run to unconditional');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(checkbox).toBeChecked();
  await expect(page.getByTestId('run-state')).toHaveText('Paused');

  const canvas = page.getByTestId('samples-canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  const mixed = await pixelHash(canvas);

  const picker = page.getByLabel('Generate class');
  await expect(picker).toHaveValue('');
  await picker.selectOption({ label: '7' });
  await expect(page.getByTestId('grid-class')).toHaveText('Every sample drawn as class “7”', { timeout: 60_000 });
  await expect.poll(() => pixelHash(canvas), { timeout: 60_000 }).not.toBe(mixed);
  await expect(rows).toHaveText(Array(8).fill('7'));

  // All classes: the mixed grid and its row names again.
  await picker.selectOption({ label: 'All classes' });
  await expect(page.getByTestId('grid-class')).toHaveCount(0, { timeout: 60_000 });
  await expect(rows).toHaveText(['0', '1', '2', '3', '4', '5', '6', '7']);
  await expect.poll(() => pixelHash(canvas), { timeout: 60_000 }).toBe(mixed);

  // Unticked and confirmed: a new unconditional run, without row names, with the latent explorer.
  await checkbox.click();
  await confirm.getByRole('button', { name: 'Reset and apply' }).click();
  await expect(checkbox).not.toBeChecked({ timeout: 60_000 });
  await expect(page.getByTestId('latent-explorer')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('grid-row-names')).toHaveCount(0);
  await expect(page.getByLabel('Generate class')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('the set-up checkbox is disabled on ring8, with its reason', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page, 'dataset=ring8&backend=wasm');
  const checkbox = page.getByLabel('Ask for a class (conditional)');
  await expect(checkbox).toBeDisabled();
  await expect(checkbox).not.toBeChecked();
  await expect(checkbox).toHaveAccessibleDescription(/Needs a labelled image set/);
});

test('screenshot of a conditional MNIST grid', async ({ page }) => {
  test.skip(!process.env.SCREENSHOT, 'set SCREENSHOT=1 to refresh docs/conditional-grid.png');
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1366, height: 1100 });
  await openApp(page, COND_MNIST);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, Number(process.env.SCREENSHOT_STEPS ?? 300), 300_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Draw samples now', exact: true }).click();
  await page.waitForTimeout(1500);
  const panel = (await page.locator('.samples-panel').boundingBox())!;
  const figure = (await page.locator('.sample-grid').boundingBox())!;
  await page.screenshot({
    path: process.env.SCREENSHOT_PATH ?? 'docs/conditional-grid.png',
    clip: { x: panel.x, y: panel.y, width: panel.width, height: figure.y + figure.height + 12 - panel.y },
  });
});
