/** Projector fixes (one header line, no empty page below, a disabled Start that looks disabled) and the stage view. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { MNIST_SMALL, openApp, RING, waitForStepAtLeast } from './helpers';

async function pageMeasures(page: Page) {
  return page.evaluate(() => ({
    header: document.querySelector('.app-header')!.getBoundingClientRect().height,
    scrollHeight: document.documentElement.scrollHeight,
    innerHeight,
  }));
}

test('projector mode at 1280×720: one header line, no scrolling into an empty area, disabled Start unlit', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, `${MNIST_SMALL}&backend=wasm&projector=1`);
  const m = await pageMeasures(page);
  // One line of 16 px+ text and buttons: under 60 px (it was three lines, about 120 px).
  expect(m.header).toBeLessThan(60);
  expect(m.scrollHeight).toBeLessThanOrEqual(m.innerHeight);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await expect(start).toBeDisabled();
  const looks = (name: string) =>
    page.getByRole('button', { name, exact: true }).evaluate((b) => {
      const cs = getComputedStyle(b);
      return { bg: cs.backgroundColor, opacity: cs.opacity, border: cs.borderStyle };
    });
  // Disabled: no fill and a dashed outline, unlike the enabled Pause beside it.
  expect(await looks('Start')).toEqual({ bg: 'rgba(0, 0, 0, 0)', opacity: '1', border: 'dashed' });
  expect((await looks('Pause')).border).toBe('solid');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('the normal layout at 1366×768 has no empty area below the panels', async ({ page }) => {
  await openApp(page, `${RING}&backend=wasm`);
  const m = await pageMeasures(page);
  expect(m.scrollHeight).toBeLessThanOrEqual(m.innerHeight);
});

test('stage view: the 64 samples at ≥ 100 px each at 1280×720, step and losses on top; Escape and Close leave', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, `${MNIST_SMALL}&backend=wasm&projector=1`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 5);
  if (process.env.SCREENSHOT) {
    // For the README: train until the samples show strokes, then draw the grid now.
    await waitForStepAtLeast(page, 120, 150_000);
    await page.getByRole('button', { name: 'Draw samples now' }).click();
    await expect.poll(async () => Number(await page.getByTestId('samples-canvas').getAttribute('data-step'))).toBeGreaterThanOrEqual(120);
  }
  const open = page.getByRole('button', { name: 'Stage view' });
  await open.focus();
  await page.keyboard.press('Enter');
  const stage = page.getByRole('dialog', { name: 'Stage view' });
  await expect(stage).toBeVisible();
  const canvas = stage.getByTestId('stage-canvas');
  await expect(canvas).toBeVisible();
  expect(Number(await canvas.getAttribute('data-tile'))).toBeGreaterThanOrEqual(100);
  const box = (await canvas.boundingBox())!;
  const cols = Number(await canvas.getAttribute('data-cols'));
  expect(box.width / cols).toBeGreaterThanOrEqual(100);
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  await expect(stage.getByTestId('stage-step')).toContainText(/Step [1-9]/);
  await expect(stage.getByTestId('stage-losses')).toContainText(/D loss -?\d/);
  // The step line follows training while the stage is up.
  const shown = async () => Number(((await stage.getByTestId('stage-step').textContent()) ?? '').replace(/\D*(\d[\d,]*).*/, '$1').replace(/,/g, ''));
  const first = await shown();
  await expect.poll(shown).toBeGreaterThan(first);
  await page.keyboard.press('Escape');
  await expect(stage).toBeHidden();
  await expect(open).toBeFocused();
  await open.click();
  await expect(stage).toBeVisible();
  await page.screenshot({ path: process.env.SCREENSHOT ? 'docs/stage-view.png' : test.info().outputPath('stage-view.png') });
  const axe = await new AxeBuilder({ page }).include('.stage-view').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await stage.getByRole('button', { name: /Close/ }).click();
  await expect(stage).toBeHidden();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('stage view of a 2-D set: the points view fills the window height', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, `${RING}&backend=wasm`);
  await page.getByRole('button', { name: 'Stage view' }).click();
  const canvas = page.getByRole('dialog', { name: 'Stage view' }).getByRole('img', { name: 'Real and generated points, large' });
  await expect(canvas).toBeVisible();
  expect((await canvas.boundingBox())!.height).toBeGreaterThanOrEqual(120);
  await page.screenshot({ path: test.info().outputPath('stage-points.png') });
  await page.keyboard.press('Escape');
  await expect(canvas).toBeHidden();
});
