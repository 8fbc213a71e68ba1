import { expect, test } from '@playwright/test';
import { chartPoints, longTasks, MNIST_SMALL, observeLongTasks, openApp, RING, slider, stepCount, waitForStepAtLeast } from './helpers';

// The page stays usable while training: every key press is applied and training and the charts
// go on. How long the main thread's tasks take depends on the machine's load, so it is printed
// here and measured by the bench's app cell (`npm run bench -- --app`) against the 50 ms target,
// never asserted: a guard of 500 ms failed at load 20 with nothing wrong (worst task 796 ms).
test.describe.configure({ retries: 0 });

test('the page stays usable while training (2-D, with slider moves); long tasks are printed', async ({ page }) => {
  await observeLongTasks(page);
  await openApp(page, RING);
  const startup = await longTasks(page);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 10);
  // Focused before counting: finding the slider by role and name is itself a long task.
  const l2 = slider(page, 'Discriminator L2');
  await l2.focus();
  const base = (await longTasks(page)).length;
  const stepsBefore = await stepCount(page);
  const notchBefore = Number(await l2.inputValue());
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(400);
  }
  // Every press was applied, and the worker took the value.
  await expect(l2).toHaveValue(String(notchBefore + 12));
  await expect(page.getByTestId('value-l2D')).not.toHaveValue('off');
  await expect.poll(() => stepCount(page)).toBeGreaterThan(stepsBefore);
  await page.waitForTimeout(3000);
  const all = await longTasks(page);
  const during = all.slice(base);
  const worst = Math.max(0, ...during);
  console.log(
    `long tasks while training (ring8): ${during.length}, worst ${worst.toFixed(0)} ms; at start-up: ${startup.map((d) => d.toFixed(0)).join(', ') || 'none'}; steps ${await stepCount(page)}`,
  );
});

test('the page stays usable while training (MNIST); long tasks are printed', async ({ page }) => {
  await observeLongTasks(page);
  await openApp(page, MNIST_SMALL);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 30);
  const base = (await longTasks(page)).length;
  const [steps, points] = [await stepCount(page), await chartPoints(page, 'losses')];
  // Training and the loss chart go on while the page is watched.
  await expect.poll(() => stepCount(page)).toBeGreaterThan(steps + 10);
  await expect.poll(() => chartPoints(page, 'losses')).toBeGreaterThan(points);
  await page.waitForTimeout(8000);
  const during = (await longTasks(page)).slice(base);
  const worst = Math.max(0, ...during);
  console.log(`long tasks while training (mnist): ${during.length}, worst ${worst.toFixed(0)} ms; steps ${await stepCount(page)}`);
});
