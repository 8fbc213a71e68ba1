/**
 * A lost WebGL context (issue 16): `WEBGL_lose_context.loseContext()` on TF.js's own context
 * through the test hook (`?testHooks=1`); the run goes on on wasm from its newest checkpoint.
 */
import { expect, test } from '@playwright/test';
import { openApp, RING, stepCount, waitForStepAtLeast } from './helpers';

test('a lost WebGL context: training goes on on wasm from the newest checkpoint, with a notice', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, `${RING}&backend=webgl&testHooks=1`, { waitReady: false });
  await expect(page.getByTestId('backend')).toContainText('Backend: webgl', { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 20, 120_000);
  // The loop checkpoints every 5 s of training.
  await page.waitForTimeout(6_000);
  const before = await stepCount(page);
  const worker = page.workers().find((w) => w.url().includes('training'))!;
  expect(await worker.evaluate(() => (self as unknown as { __ganTest: { loseDevice(): string } }).__ganTest.loseDevice())).toBe('webgl');
  const note = page.getByText(/^The GPU device was lost \(.+\); continuing on \w+ from step [\d,]+\.$/);
  await expect(note).toBeVisible({ timeout: 60_000 });
  const [, backend, at] = ((await note.textContent()) ?? '').match(/continuing on (\w+) from step ([\d,]+)\./)!;
  const restoredAt = Number(at.replace(/,/g, ''));
  console.log(`context lost at step ~${before}: "${await note.textContent()}"`);
  expect(backend).toBe('wasm');
  expect(restoredAt).toBeGreaterThan(0);
  expect(restoredAt).toBeLessThanOrEqual(before + 500);
  await expect(page.getByTestId('backend')).toContainText('Backend: wasm (webgl device lost)');
  await waitForStepAtLeast(page, restoredAt + 30, 60_000);
  await expect(page.getByTestId('error-message')).toHaveCount(0);
});
