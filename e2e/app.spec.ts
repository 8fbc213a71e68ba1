import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, RING } from './helpers';

test('loads with no console errors and the status names a backend', async ({ page }) => {
  const { consoleErrors } = await openApp(page, RING);
  const status = page.getByRole('status', { name: 'Run status' });
  await expect(status).toContainText(/Backend: (webgpu|webgl|wasm|cpu)/);
  await expect(status).toContainText('Step');
  await expect(status).toContainText('Epoch');
  await expect(status).toContainText('images/s');
  await expect(page.getByRole('img', { name: 'Generated samples' })).toBeVisible();
  // The layout names what each part shows.
  for (const name of ['Generator learning rate', 'Discriminator learning rate', 'Generator L1', 'Generator L2', 'Discriminator L1', 'Discriminator L2']) {
    await expect(page.getByRole('slider', { name, exact: true })).toBeVisible();
  }
  for (const name of ['Dataset', 'Model', 'Loss', 'Batch size', 'D steps per G step', 'Seed']) {
    await expect(page.getByLabel(name, { exact: true })).toBeVisible();
  }
  await expect(page.getByText('What am I looking at?')).toBeVisible();
  await page.waitForTimeout(500);
  expect(consoleErrors).toEqual([]);
});

/** Records the backend report of the worker's `ready` event, as the page receives it. */
async function recordBackendReport(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent) => {
          if (e.data?.type === 'ready') (window as unknown as { __backendReport: unknown }).__backendReport = e.data.backend;
        });
      }
    };
  });
}

test('auto picks a backend, the status names the one the worker reports, and says why', async ({ page }) => {
  await recordBackendReport(page);
  await openApp(page, `${RING}&backend=auto`);
  const report = await page.evaluate(
    () => (window as unknown as { __backendReport: { name: string; requested: string; reasons: string[]; calibration?: string } }).__backendReport,
  );
  expect(report.requested).toBe('auto');
  const status = page.getByRole('status', { name: 'Run status' });
  await expect(page.getByTestId('backend')).toHaveText(`Backend: ${report.name}`);
  await page.getByTestId('backend').click();
  const why = status.locator('.backend-why');
  await expect(why).toBeVisible();
  // How it was chosen: measured on this run's model when several backends could run it, else the order of the chain.
  await expect(why).toContainText(report.calibration ? `Chosen by measurement: ${report.calibration}` : 'Chosen automatically');
  // Every reason the worker gave (e.g. why a faster backend was passed over) is on screen.
  for (const reason of report.reasons) await expect(why).toContainText(reason);
  console.log(`backend ${report.name}; reasons: ${(await why.innerText()).replace(/\s+/g, ' ')}`);
});

test('a garbage URL value is named and ignored; the app still loads', async ({ page }) => {
  const { consoleErrors } = await openApp(page, 'dataset=ring8&batchSize=banana&lrD=7');
  const notes = page.getByTestId('url-notice');
  await expect(notes).toHaveCount(2);
  await expect(notes.nth(0)).toContainText('batchSize');
  await expect(notes.nth(1)).toContainText('lrD');
  await expect(page.getByLabel('Batch size', { exact: true })).not.toHaveValue('banana');
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('ring8');
  expect(consoleErrors).toEqual([]);
});

test('URL config fields are applied (validated)', async ({ page }) => {
  await openApp(page, 'dataset=ring8&batchSize=16&lrD=0.002&l2G=0.0001&seed=7');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('16');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('7');
  await expect(page.getByTestId('value-lrD')).toHaveValue('2e-3');
  await expect(page.getByTestId('value-l2G')).toHaveValue('1e-4');
  await expect(page.getByTestId('value-l1G')).toHaveValue('off');
});

test('the grid preset arrives whole: latent noise σ 4 and lazy R1; a URL can override the noise σ', async ({ page }) => {
  await openApp(page, 'dataset=grid25');
  await expect(page.getByLabel('Latent noise σ', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('256');
  await expect(page.getByTestId('value-r1Gamma')).toHaveValue('0.3');
  await expect(page.getByTestId('value-r1Every')).toHaveValue('8');
  await openApp(page, 'dataset=grid25&latentStd=0.5');
  await expect(page.getByLabel('Latent noise σ', { exact: true })).toHaveValue('0.5');
});

test('an unknown dataset in the URL is reported and the app falls back', async ({ page }) => {
  await openApp(page, 'dataset=no-such-set&batchSize=16');
  await expect(page.getByTestId('error-message').first()).toContainText('dataset');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('16');
});
