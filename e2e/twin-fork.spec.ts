/** Twin runs forked mid-run, each run paused on its own, and a twin saved and reopened. */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chartPoints, openApp, RING, settled, stepCount, waitForStepAtLeast, waitReadyState } from './helpers';

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/[^\d]/g, ''));

test('a twin started mid-run forks B at A’s step; Pause B stops B while A trains on', async ({ page }) => {
  test.setTimeout(240_000);
  const { consoleErrors } = await openApp(page, RING);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAtLeast(page, 30, 60_000);
  await page.getByRole('button', { name: 'Twin run (A/B)' }).click();
  await expect(page.getByTestId('twin-status')).toBeVisible();
  // The fork leaves training paused; A keeps its step and B appears at it.
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
  const forkedAt = await settled(() => stepCount(page));
  expect(forkedAt).toBeGreaterThanOrEqual(30);
  await expect.poll(() => num(page, 'step-count-b')).toBe(forkedAt);
  await expect(page.getByTestId('twin-run-B')).toContainText(`step ${forkedAt.toLocaleString('en-US')}`);
  await expect(page.getByText(`B forked from A at step ${forkedAt.toLocaleString('en-US')}.`)).toBeVisible();
  // A's chart still holds its steps before the fork.
  expect(await chartPoints(page, 'losses')).toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(() => num(page, 'step-count-b'), { timeout: 60_000 }).toBeGreaterThan(forkedAt + 10);
  // Pause B with the keyboard: B stops, A trains on.
  await page.getByRole('button', { name: 'Pause B' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Start B' })).toBeVisible();
  await expect(page.getByTestId('twin-run-B')).toContainText('paused');
  const bHeld = await settled(() => num(page, 'step-count-b'));
  const aThen = await stepCount(page);
  await waitForStepAtLeast(page, aThen + 20, 60_000);
  expect(await num(page, 'step-count-b')).toBe(bHeld);
  await expect(page.getByTestId('run-state')).toHaveText('Training');
  if (process.env.TWIN_FORK_SCREENSHOT) await page.screenshot({ path: process.env.TWIN_FORK_SCREENSHOT });
  // Start B: B moves again.
  await page.getByRole('button', { name: 'Start B' }).click();
  await expect.poll(() => num(page, 'step-count-b'), { timeout: 60_000 }).toBeGreaterThan(bHeld + 5);
  // Pause A: A stops, B trains on, and the twin still reads as training.
  await page.getByRole('button', { name: 'Pause A' }).click();
  await expect(page.getByRole('button', { name: 'Start A' })).toBeVisible();
  const aHeld = await settled(() => stepCount(page));
  const bThen = await num(page, 'step-count-b');
  await expect.poll(() => num(page, 'step-count-b'), { timeout: 60_000 }).toBeGreaterThan(bThen + 20);
  expect(await stepCount(page)).toBe(aHeld);
  await expect(page.getByTestId('run-state')).toHaveText('Training');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start B' })).toBeVisible();
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  // A's chart runs on through the fork to A's step (its history was kept, not restarted).
  const aLast = await settled(() => stepCount(page));
  await page.getByTestId('chart-losses').getByText('Table of values').click();
  const firstAndLast = async () => {
    const cells = await page.getByTestId('table-losses').locator('tbody th').allTextContents();
    return [Number(cells[0]?.replace(/\D/g, '')), Number(cells.at(-1)?.replace(/\D/g, ''))];
  };
  await expect.poll(firstAndLast).toEqual([1, aLast]);
  expect(consoleErrors).toEqual([]);
});

test('Save run in a twin saves both runs; reopened, both are back with their steps and curves', async ({ page }, info) => {
  test.setTimeout(240_000);
  await openApp(page, RING);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 3; i++) await step.click();
  await expect.poll(() => stepCount(page)).toBe(3);
  await page.getByRole('button', { name: 'Twin run (A/B)' }).click();
  await expect(page.getByTestId('twin-status')).toBeVisible();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(() => num(page, 'step-count-b'), { timeout: 60_000 }).toBeGreaterThan(30);
  await page.getByRole('button', { name: 'Pause B' }).click();
  await waitForStepAtLeast(page, (await stepCount(page)) + 10, 60_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const a = await settled(() => stepCount(page));
  const b = await settled(() => num(page, 'step-count-b'));
  expect(a).toBeGreaterThan(b);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save run' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`ring8-mlp2d-step${a}-twin.ganrun`);
  const file = info.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const downloadingB = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save B' }).click();
  expect((await downloadingB).suggestedFilename()).toBe(`ring8-mlp2d-step${b}-B.ganrun`);

  await page.reload();
  await waitReadyState(page);
  await expect(page.getByTestId('twin-status')).toHaveCount(0);
  await page.getByTestId('open-run-input').setInputFiles(file);
  await expect(page.getByText(`Opened ring8-mlp2d-step${a}-twin.ganrun at step ${a.toLocaleString('en-US')}.`)).toBeVisible();
  await expect(page.getByTestId('twin-status')).toBeVisible();
  expect(await stepCount(page)).toBe(a);
  await expect.poll(() => num(page, 'step-count-b')).toBe(b);
  await expect.poll(() => chartPoints(page, 'losses')).toBeGreaterThan(10);
  await expect.poll(async () => Number(await page.getByTestId('chart-losses').getAttribute('data-points-b'))).toBeGreaterThan(2);
  // Both continue.
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(() => num(page, 'step-count-b'), { timeout: 60_000 }).toBeGreaterThan(b + 5);
  await waitForStepAtLeast(page, a + 5, 60_000);
});
