/**
 * A lost GPU device (issue 16): the real WebGPU device is destroyed mid-training through the test
 * hook (`?testHooks=1`, src/worker/deviceWatch.ts); the run goes on on the next backend from its
 * newest checkpoint, and says so. Runs in the `chromium-webgpu` project (SwiftShader WebGPU), where
 * webgl is software too, so the fallback is wasm. SCREENSHOT=1 also writes docs/gpu-lost.png.
 */
import { expect, test } from '@playwright/test';
import { openApp, RING, stepCount, waitForStepAtLeast } from './helpers';

test('a lost WebGPU device: training goes on on wasm from the newest checkpoint, with a notice', async ({ page }) => {
  // Opt-in: on SwiftShader, headless Chromium stopped producing frames after device.destroy() in
  // 4 of 5 runs here (the recovery itself was right each time), which would hang CI. The same
  // recovery path is covered in CI by device-lost-webgl.spec.ts and src/worker/deviceLoss.test.ts.
  test.skip(!process.env.E2E_WEBGPU_LOSS, 'set E2E_WEBGPU_LOSS=1 to destroy a SwiftShader WebGPU device (may hang headless Chromium)');
  test.setTimeout(480_000);
  await openApp(page, `${RING}&backend=webgpu&testHooks=1`, { waitReady: false });
  await expect(page.getByTestId('backend')).toContainText('Backend: webgpu', { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  // The first steps compile shaders (slow on SwiftShader); the loop checkpoints every 5 s of training.
  await waitForStepAtLeast(page, 20, 200_000);
  await page.waitForTimeout(6_000);
  const before = await stepCount(page);

  const worker = page.workers().find((w) => w.url().includes('training'))!;
  expect(worker).toBeTruthy();
  expect(await worker.evaluate(() => (self as unknown as { __ganTest: { loseDevice(): string } }).__ganTest.loseDevice())).toBe('webgpu');

  const note = page.getByText(/^The GPU device was lost \(.+\); continuing on \w+ from step [\d,]+\.$/);
  await expect(note).toBeVisible({ timeout: 60_000 });
  const [, backend, at] = ((await note.textContent()) ?? '').match(/continuing on (\w+) from step ([\d,]+)\./)!;
  const restoredAt = Number(at.replace(/,/g, ''));
  console.log(`device lost at step ~${before}: "${await note.textContent()}"`);
  expect(backend).toBe('wasm');
  // A real checkpoint, not a fresh start, and not past what had been trained.
  expect(restoredAt).toBeGreaterThan(0);
  expect(restoredAt).toBeLessThanOrEqual(before + 200);
  await expect(page.getByTestId('backend')).toContainText('Backend: wasm (webgpu device lost)');
  await expect(page.locator('details.backend')).toHaveAttribute(
    'title',
    /^The webgpu GPU device was lost \(.+\); wasm took over from step [\d,]+\.\nwebgpu: skipped — its GPU device was lost/,
  );
  // Seen here: after device.destroy() headless Chromium on SwiftShader may stop producing frames
  // a while later (a screenshot or a click's stability check then waits forever, while the DOM and
  // the worker go on), so the picture is taken at once and only on request, and nothing is clicked.
  if (process.env.SCREENSHOT) await page.screenshot({ path: 'docs/gpu-lost.png', timeout: 60_000 });
  // It was training, so it trains on from there, and nothing went wrong on screen.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await waitForStepAtLeast(page, restoredAt + 30, 60_000);
  await expect(page.getByTestId('error-message')).toHaveCount(0);
});
