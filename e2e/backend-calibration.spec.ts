/**
 * `auto` measures the candidate backends on the run's model and picks the fastest. On this CPU-only
 * machine the GPU backends are software (skipped), so it times wasm against cpu on the 2-D MLP and
 * must pick wasm; the next visit (same browser profile) answers from the cache.
 */
import { expect, test } from '@playwright/test';
import { openApp, RING } from './helpers';

test('auto calibrates on the run model, reports why, picks wasm, and reuses the measurement', async ({ page }) => {
  await openApp(page, RING);
  await expect(page.getByTestId('backend')).toHaveText('Backend: wasm');
  await page.getByTestId('backend').click();
  const why = page.getByTestId('backend-why');
  await expect(why).toContainText(/Chosen by measurement: wasm — measured \d+\.\d× faster than cpu for mlp2d/);
  const first = await why.textContent();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('backend').click();
  await expect(why).toContainText('(measured ');
  expect(await why.textContent()).toContain(first!.replace(/\.$/, ''));
});
