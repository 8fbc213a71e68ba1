/**
 * The latent explorer in the built app on MNIST (docs/latent-explorer.md): pick two samples, by
 * mouse and by keyboard, interpolate (10 frames drawn, played, exported as a GIF), walk beside the
 * grid while training runs (frames change; the GIF has one frame per walk frame), and explore one
 * sample with a nudge slider. No wall-clock assertions: waits are hang guards.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gifFrames } from '../src/core/testing/gifFrames';
import { MNIST_SMALL, openApp, pixelHash, seriousViolations, waitForStepAtLeast } from './helpers';

async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(await file.path())) };
}

test('pick two samples, interpolate (10 frames), play, and export the strip as a GIF', async ({ page }) => {
  test.setTimeout(150_000);
  const { consoleErrors } = await openApp(page, MNIST_SMALL);
  const explorer = page.getByTestId('latent-explorer');
  const interpolate = explorer.getByRole('button', { name: 'Interpolate', exact: true });
  await expect(interpolate).toBeDisabled();
  await expect(explorer).toContainText('Interpolate needs two picked samples (0 picked)');

  // Train a little, and keep training while the explorer draws.
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 20, 60_000);

  // One by mouse, one by keyboard (arrows move between tiles, Enter picks).
  const picks = page.getByRole('group', { name: 'Pick samples for the latent explorer' });
  await picks.getByRole('button', { name: 'Sample 4', exact: true }).click();
  await expect(picks.getByRole('button', { name: 'Sample 4', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(interpolate).toBeDisabled();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(picks.getByRole('button', { name: 'Sample 13', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(picks.getByRole('button', { name: 'Sample 13', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(explorer).toContainText('A = sample 4, B = sample 13');

  await interpolate.click();
  const frames = page.getByTestId('latent-frame');
  await expect(frames).toHaveCount(10);
  await expect.poll(() => frames.evaluateAll((els) => els.filter((e) => e.getAttribute('data-drawn') === 'true').length), { timeout: 60_000 }).toBe(10);
  const sizes = await frames.evaluateAll((els) => els.map((e) => `${(e as HTMLCanvasElement).width}x${(e as HTMLCanvasElement).height}`));
  expect(new Set(sizes)).toEqual(new Set(['28x28']));
  expect(await pixelHash(frames.first())).not.toBe(await pixelHash(frames.last()));

  // Play: the large view walks through the frames.
  const strip = page.getByTestId('latent-interpolation');
  await strip.getByRole('button', { name: 'Play', exact: true }).click();
  const playing = strip.getByRole('img', { name: 'The interpolation, playing' });
  const seen = new Set<string>();
  await expect.poll(async () => seen.add((await playing.getAttribute('data-frame')) ?? '').size, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await strip.getByRole('button', { name: 'Pause', exact: true }).click();

  const gif = await download(page, strip.getByRole('button', { name: 'Export GIF' }));
  expect(gif.name).toMatch(/^mnist-dcgan28-small-step\d+-interpolation\.gif$/);
  const info = gifFrames(gif.bytes);
  expect(info.frames).toHaveLength(10);
  expect([info.width, info.height]).toEqual([112, 112]);
  // The picks over the grid, the strip and its buttons pass axe.
  expect(await seriousViolations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('the walk plays beside the grid while training runs, and exports a GIF of its loop', async ({ page }) => {
  test.setTimeout(150_000);
  const { consoleErrors } = await openApp(page, MNIST_SMALL);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 10, 60_000);
  const explorer = page.getByTestId('latent-explorer');
  await explorer.getByRole('button', { name: 'Walk', exact: true }).click();
  const walk = page.getByTestId('latent-walk');
  const canvas = walk.getByRole('img', { name: 'The latent walk' });
  await expect.poll(async () => Number(await canvas.getAttribute('data-frames')), { timeout: 60_000 }).toBe(64);
  // Frames change: several frame numbers and several pictures are seen.
  const frameNumbers = new Set<string>();
  const pictures = new Set<string>();
  await expect
    .poll(
      async () => {
        frameNumbers.add((await canvas.getAttribute('data-frame')) ?? '');
        pictures.add(await pixelHash(canvas));
        return Math.min(frameNumbers.size, pictures.size);
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(3);

  const gif = await download(page, walk.getByRole('button', { name: 'Export GIF' }));
  expect(gif.name).toMatch(/-walk\.gif$/);
  const info = gifFrames(gif.bytes);
  expect(info.frames).toHaveLength(64);
  expect(info.loops).toBe(true);
  // Training went on throughout.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
  await walk.getByRole('button', { name: 'Stop walk' }).click();
  await expect(walk).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('explore: a picked sample, large, changes when a nudge slider moves', async ({ page }) => {
  test.setTimeout(120_000);
  const { consoleErrors } = await openApp(page, MNIST_SMALL);
  const explorer = page.getByTestId('latent-explorer');
  const exploreButton = explorer.getByRole('button', { name: 'Explore', exact: true });
  await expect(exploreButton).toBeDisabled();
  await page.getByRole('button', { name: 'Sample 10', exact: true }).click();
  await exploreButton.click();
  const view = page.getByTestId('latent-explore');
  const big = view.getByRole('img', { name: 'Sample 10, nudged' });
  await expect(big).toHaveAttribute('data-drawn', 'true', { timeout: 60_000 });
  const before = await pixelHash(big);
  const slider = view.getByRole('slider', { name: 'Direction 1' });
  await slider.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => pixelHash(big), { timeout: 30_000 }).not.toBe(before);
  await view.getByRole('button', { name: 'Back to the sample' }).click();
  await expect.poll(() => pixelHash(big), { timeout: 30_000 }).toBe(before);
  expect(consoleErrors).toEqual([]);
});
