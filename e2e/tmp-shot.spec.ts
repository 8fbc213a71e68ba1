import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('shot', async ({ page }) => {
  test.setTimeout(1_200_000);
  await openApp(page, 'dataset=ring8&batchSize=32');
  await page.getByRole('button', { name: /^Lessons/ }).click();
  await page.getByRole('menuitem', { name: /Checkerboard artifacts/ }).click();
  await expect(page.getByTestId('lesson-cap')).toHaveAttribute('data-at-cap', 'true', { timeout: 900_000 });
  await page.screenshot({ path: '/tmp/shot-cb-dcgan.png' });
  await page.getByRole('button', { name: 'Train the resize-conv generator' }).click();
  await expect.poll(async () => Number((await page.getByTestId('quality-readout').getAttribute('data-step')) ?? 0), { timeout: 900_000 }).toBeLessThan(300);
  await expect(page.getByTestId('lesson-cap')).toHaveAttribute('data-at-cap', 'true', { timeout: 900_000 });
  await expect(page.getByTestId('quality-readout')).toHaveAttribute('data-step', '250', { timeout: 120_000 });
  await page.getByLabel('Quality measure to chart').selectOption('checkerboard');
  await page.screenshot({ path: '/tmp/shot-cb-resize.png', fullPage: false });
});
