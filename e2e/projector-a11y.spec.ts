/** Projector mode (readable from the back of a room) and axe-core on the main views. */
import { expect, test } from '@playwright/test';
import { openApp, RING, waitForStepAtLeast, seriousViolations, smallText } from './helpers';

test('projector mode: no visible text under 16 px at 1280×720, dark, samples and charts large', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, `${RING}&backend=wasm&projector=1`);
  await expect(page.getByRole('button', { name: 'Projector' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 30);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  expect(await smallText(page, 16)).toEqual([]);
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.panel')!).backgroundColor);
  expect(bg).toBe('rgb(17, 17, 17)');
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  await page.screenshot({ path: process.env.SCREENSHOT ? 'docs/projector.png' : test.info().outputPath('projector.png') });
  // The toggle leaves projector mode and takes the flag out of the link.
  await page.getByRole('button', { name: 'Projector' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('projector')).toBeNull();
});

test('axe: no serious or critical violations idle, training, with a lesson, the datasets window, projector mode', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, `${RING}&backend=wasm`);
  const found: Record<string, string[]> = {};
  found.idle = await seriousViolations(page);

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 20);
  found.training = await seriousViolations(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  await page.getByRole('button', { name: /Lessons/ }).click();
  await page.locator('[data-lesson="mode-collapse"]').click();
  const confirm = page.getByRole('dialog', { name: 'Start a new run?' });
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Reset and apply' }).click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  found.lesson = await seriousViolations(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Close the lesson' }).click();

  await page.getByRole('button', { name: /Datasets & your own data/ }).click();
  await expect(page.getByRole('dialog', { name: /Datasets/ })).toBeVisible();
  found.datasets = await seriousViolations(page);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Projector' }).click();
  found.projector = await seriousViolations(page);
  expect(found).toEqual({ idle: [], training: [], lesson: [], datasets: [], projector: [] });
});

test('the dark theme follows the system preference', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, RING);
  await expect(page.locator('html')).toHaveClass(/theme-dark/);
  await expect(page.locator('html')).not.toHaveClass(/projector/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('dark.png') });
});
