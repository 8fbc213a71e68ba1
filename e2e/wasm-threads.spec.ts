/**
 * The minified build starts TF.js's threaded wasm backend (the page is cross-origin isolated) and
 * trains with it; the same steps on a page without isolation run single-threaded and give the
 * same losses. On this 2-core machine the threaded backend has one worker thread (it uses half the
 * cores), so this proves the threaded build starts and agrees, not that it is faster.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, RING, stepCount } from './helpers';

const STEPS = 12;

/** Steps STEPS times, then reads the last step's losses from the loss chart's table (full precision). */
async function stepAndReadLosses(page: Page): Promise<{ d: number; g: number }> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= STEPS; i++) {
    await step.click();
    await expect.poll(() => stepCount(page)).toBe(i);
  }
  // The step counter can arrive before that step's metrics: wait for the table's newest row.
  await page.getByTestId('chart-losses').getByText('Table of values').click();
  const last = page.getByTestId('table-losses').locator('tbody tr').last();
  await expect(last.locator('th')).toHaveText(String(STEPS));
  const value = async (key: string) => Number(await last.locator(`td[data-key="${key}"]`).getAttribute('data-value'));
  return { d: await value('dLoss'), g: await value('gLoss') };
}

test('threaded wasm starts in the built app and matches single-threaded losses', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const wasmFetched: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmFetched.push(r.url());
  });
  const { consoleErrors } = await openApp(page, `${RING}&backend=wasm`);
  expect(wasmFetched.some((u) => /threaded-simd/.test(u))).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('backend').click();
  await expect(page.getByTestId('backend-threads')).toContainText(/threaded build|threads/);
  const threaded = await stepAndReadLosses(page);

  // The same page without COOP/COEP: not isolated, so the backend must fall back to one thread.
  const plain = await browser.newPage();
  await plain.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  const plainFetched: string[] = [];
  plain.on('request', (r) => {
    if (r.url().endsWith('.wasm')) plainFetched.push(r.url());
  });
  await openApp(plain, `${RING}&backend=wasm`);
  expect(plainFetched.some((u) => /threaded-simd/.test(u))).toBe(false);
  expect(await plain.evaluate(() => crossOriginIsolated)).toBe(false);
  await plain.getByTestId('backend').click();
  await expect(plain.getByTestId('backend-threads')).toContainText('not cross-origin isolated');
  const single = await stepAndReadLosses(plain);

  expect(Number.isFinite(threaded.d) && Number.isFinite(threaded.g)).toBe(true);
  // Float tolerance: a thread pool may sum in another order.
  expect(single.d).toBeCloseTo(threaded.d, 5);
  expect(single.g).toBeCloseTo(threaded.g, 5);
  expect(consoleErrors).toEqual([]);
  await plain.close();
});
