/**
 * Offline after one visit (docs/offline.md): the service worker serves the app shell, the TF.js
 * wasm and the cached datasets with the network off, cross-origin isolation (and so wasm threads)
 * survives, and a dataset never downloaded is named while the run trained so far is kept. Only
 * this spec lets service workers run (playwright.config.ts blocks them); each test has a fresh
 * context, so a fresh registration and empty caches.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { clickPause, clickStart, MNIST_SMALL, openApp, RING, settledStep, stepCount, waitForStepAtLeast, waitReadyState } from './helpers';

test.use({ serviceWorkers: 'allow' });

async function waitControlled(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
}

async function openDatasets(page: Page) {
  await page.getByRole('button', { name: /^Datasets & your own data/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function expectThreads(page: Page): Promise<void> {
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('backend').click();
  await expect(page.getByTestId('backend-threads')).toContainText(/threaded build|threads/);
  await expect(page.getByTestId('backend-threads')).not.toContainText('not cross-origin isolated');
  await page.getByTestId('backend').click();
}

async function trainSteps(page: Page, n: number): Promise<void> {
  await clickStart(page);
  await waitForStepAtLeast(page, n, 60_000);
  await clickPause(page);
}

test('after one visit, a reload with the network off opens the app with threads and trains MNIST and ring8', async ({ page, context }) => {
  test.setTimeout(180_000);
  const { consoleErrors } = await openApp(page, `${RING}&backend=wasm`);
  await waitControlled(page);

  const dialog = await openDatasets(page);
  const offline = dialog.getByTestId('offline-datasets');
  await offline.getByRole('button', { name: /^Make all datasets available offline \(\d+\.\d MB\)$/ }).click();
  for (const id of ['mnist', 'fashion-mnist', 'emoji'])
    await expect(offline.getByTestId(`offline-${id}`)).toContainText('available offline ✓', { timeout: 90_000 });
  await expect(offline.getByRole('button', { name: 'All datasets are available offline' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close datasets' }).click();

  await context.setOffline(true);
  await page.reload();
  await waitReadyState(page);
  await expectThreads(page);
  await trainSteps(page, 5);

  await page.goto(`/?${MNIST_SMALL}&backend=wasm`);
  await waitReadyState(page);
  await expect(page.locator('#pick-dataset')).toHaveValue('mnist');
  await expectThreads(page);
  await trainSteps(page, 2);
  await expect(page.getByTestId('error-message')).toHaveCount(0);

  const reopened = await openDatasets(page);
  await expect(reopened.getByTestId('offline-datasets')).toContainText('You are offline');
  // The service worker logs nothing when it serves from its caches; a failed fetch would show here.
  expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test('offline, a dataset never downloaded is named with what is cached, and the trained run is kept', async ({ page, context }) => {
  test.setTimeout(120_000);
  await openApp(page, RING);
  await waitControlled(page);
  await context.setOffline(true);
  await page.reload();
  await waitReadyState(page);
  await trainSteps(page, 5);
  const trained = await settledStep(page);

  const dialog = await openDatasets(page);
  await dialog.getByRole('list', { name: 'Datasets' }).getByRole('button').filter({ hasText: 'Fashion-MNIST' }).click();
  await dialog.getByRole('button', { name: 'Train on Fashion-MNIST' }).click();
  await page.getByRole('dialog', { name: 'Start a new run?' }).getByRole('button', { name: 'Reset and apply' }).click();
  // The preview of the clicked dataset fails the same way, so there may be two such messages.
  const error = page.getByTestId('error-message').filter({ hasText: 'Fashion-MNIST is not available offline' }).last();
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText('Available offline:');
  await expect(error).toContainText('Your current run is kept');
  await expect(page.locator('#pick-dataset')).toHaveValue('ring8');
  expect(await stepCount(page)).toBe(trained);
  await clickStart(page);
  await waitForStepAtLeast(page, trained + 3);
  await clickPause(page);
});

test('a new version waits for Reload, which pauses the run and brings it back through the resume offer', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, RING);
  await waitControlled(page);
  await clickStart(page);
  await waitForStepAtLeast(page, 20);
  // A "new build": the same service worker plus a comment is byte-different, so the browser
  // installs it as an update (vite preview serves dist/ as it is on disk). Restored afterwards.
  const swPath = 'dist/sw.js';
  const original = readFileSync(swPath, 'utf8');
  try {
    appendFileSync(swPath, `\n// e2e: a new build ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const notice = page.getByTestId('update-notice');
    await expect(notice).toContainText('New version');
    await page.screenshot({ path: test.info().outputPath('update-notice.png'), clip: { x: 0, y: 0, width: 1366, height: 160 } });
    // Waiting is all it does: the run trains on until the user chooses.
    const before = await stepCount(page);
    await waitForStepAtLeast(page, before + 10);
    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByText(/Resume the .* run from step/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('update-notice')).toHaveCount(0);
  } finally {
    writeFileSync(swPath, original);
  }
});

test.describe('without a service worker yet', () => {
  test.use({ serviceWorkers: 'block' });

  test('"Make available offline" shows each download with a progress bar and keeps what it got', async ({ page, context }) => {
    await openApp(page, RING);
    // A slow link (8 MB/s), so the download is seen in progress; the page writes the cache itself.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 8e6, uploadThroughput: -1 });
    const dialog = await openDatasets(page);
    const offline = dialog.getByTestId('offline-datasets');
    await offline.getByRole('button', { name: /^Make all datasets available offline/ }).click();
    const bar = offline.getByRole('progressbar');
    await expect(bar).toBeVisible();
    await expect(offline).toContainText(/Fashion-MNIST: \d+\.\d MB of 47\.1 MB/, { timeout: 30_000 });
    await expect(offline.getByTestId('offline-mnist')).toContainText('available offline ✓');
    await expect(offline.getByRole('button', { name: /^Make the other 2 available offline/ })).toBeDisabled();
    await expect(offline.getByTestId('offline-emoji')).toContainText('available offline ✓', { timeout: 60_000 });
    await expect(bar).toHaveCount(0);
    expect(await page.evaluate(() => caches.keys())).toEqual([expect.stringMatching(/^gan-datasets-[0-9a-f]{10}$/)]);
  });
});
