/**
 * The latent walk's WebM export in the built app (docs/latent-explorer.md, "WebM"): Walk, Export
 * WebM while training runs, a progress bar counting frames, and a download that is a WebM (the
 * EBML magic) with one SimpleBlock per walk frame. Where the page has no VideoEncoder the button
 * is off with the reason and the GIF still exports. Cancel is tested in Node (the store and the
 * worker), where its timing is under the test's control. No wall-clock assertions: waits are hang guards.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { EBML_MAGIC, readWebm } from '../src/core/testing/webmBlocks';
import { MNIST_SMALL, openApp, waitForStepAtLeast } from './helpers';

async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), button.click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(await file.path())) };
}

/** Starts training, then the walk, and waits for all its frames. */
async function walkDrawn(page: Page): Promise<{ walk: Locator; frames: number }> {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 10, 60_000);
  await page.getByTestId('latent-explorer').getByRole('button', { name: 'Walk', exact: true }).click();
  const walk = page.getByTestId('latent-walk');
  const canvas = walk.getByRole('img', { name: 'The latent walk' });
  await expect.poll(async () => Number(await canvas.getAttribute('data-frames')), { timeout: 60_000 }).toBe(64);
  return { walk, frames: Number(await canvas.getAttribute('data-frames')) };
}

test('Walk, Export WebM: a progress bar counts the frames; the file is a WebM with one block per walk frame', async ({ page }) => {
  test.setTimeout(180_000);
  const { consoleErrors } = await openApp(page, MNIST_SMALL);
  const { walk, frames } = await walkDrawn(page);

  // Every progress text the page shows, recorded as it changes (the encoding may be quick).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { webmSeen: string[] }).webmSeen = seen;
    new MutationObserver(() => {
      const count = document.querySelector('[data-testid="latent-webm-count"]');
      if (count?.textContent && seen.at(-1) !== count.textContent) seen.push(count.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const button = walk.getByRole('button', { name: 'Export WebM' });
  await expect(button).toBeEnabled();
  const webm = await download(page, button);
  expect(webm.name).toMatch(/^mnist-dcgan28-small-step\d+-walk\.webm$/);
  expect(Array.from(webm.bytes.subarray(0, 4))).toEqual([...EBML_MAGIC]);
  const info = readWebm(webm.bytes);
  expect(info).toMatchObject({ docType: 'webm', codecId: 'V_VP8', width: 112, height: 112 });
  expect(info.blocks).toHaveLength(frames);
  expect(info.blocks[0].key).toBe(true);
  console.log(`WebM: ${webm.bytes.length} bytes, ${info.blocks.length} SimpleBlocks in ${info.clusters} cluster(s)`);

  const seen = await page.evaluate(() => (window as unknown as { webmSeen: string[] }).webmSeen);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((s) => / of 64 frames$/.test(s))).toBe(true);
  await expect(walk.getByTestId('latent-webm-progress')).toHaveCount(0);
  // Training went on throughout.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
  expect(consoleErrors).toEqual([]);
});

test('without WebCodecs the WebM button is off with the reason; the GIF still exports', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    delete (window as unknown as { VideoEncoder?: unknown }).VideoEncoder;
  });
  const { consoleErrors } = await openApp(page, MNIST_SMALL);
  const { walk } = await walkDrawn(page);
  const button = walk.getByRole('button', { name: 'Export WebM' });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription('This browser cannot encode video (no WebCodecs VideoEncoder): use Export GIF.');
  const gif = await download(page, walk.getByRole('button', { name: 'Export GIF' }));
  expect(gif.name).toMatch(/-walk\.gif$/);
  expect(consoleErrors).toEqual([]);
});

test('screenshot of the WebM export in progress (SCREENSHOT=1)', async ({ page }) => {
  test.skip(!process.env.SCREENSHOT, 'set SCREENSHOT=1 to refresh docs/latent-webm.png');
  test.setTimeout(600_000);
  await openApp(page, MNIST_SMALL);
  const { walk } = await walkDrawn(page);
  // Digit-like strokes first; the walk is redrawn with the newer weights as training goes on.
  await waitForStepAtLeast(page, Number(process.env.SCREENSHOT_STEPS ?? 60), 400_000);
  await walk.getByRole('button', { name: 'Export WebM' }).click();
  await expect(walk.getByTestId('latent-webm-count')).toContainText(/^([1-9]|[1-5]\d) of 64 frames$/);
  await page.locator('figure.sample-grid').screenshot({ path: 'docs/latent-webm.png' });
});
