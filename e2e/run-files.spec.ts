/** Save run → reload → Open run; autosave → reload → Resume; a broken file changes nothing. */
import { expect, test } from '@playwright/test';
import { chartPoints, clickStart, openApp, RING, stepCount, trainThenPause, waitForStepAtLeast, waitReadyState } from './helpers';

test('Save run downloads a .ganrun; after a reload, Open run brings back the step and the charts, and Start continues', async ({ page }, info) => {
  test.setTimeout(120_000);
  const { consoleErrors } = await openApp(page, RING);
  const saved = await trainThenPause(page, 40);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save run' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`ring8-mlp2d-step${saved}.ganrun`);
  const file = info.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  await page.reload();
  await waitReadyState(page);
  expect(await stepCount(page)).toBe(0);
  await page.getByTestId('open-run-input').setInputFiles(file);
  await expect(page.getByText(`Opened ring8-mlp2d-step${saved}.ganrun at step ${saved.toLocaleString('en-US')}.`)).toBeVisible();
  expect(await stepCount(page)).toBe(saved);
  await expect.poll(() => chartPoints(page, 'losses')).toBeGreaterThan(10);
  await clickStart(page);
  await waitForStepAtLeast(page, saved + 10);
  expect(consoleErrors).toEqual([]);
});

test('reloading mid-run offers to resume the autosaved run, which continues from its step', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, RING);
  // Pause autosaves; then training goes on and the page is reloaded mid-run.
  await trainThenPause(page, 30);
  await clickStart(page);
  await waitForStepAtLeast(page, (await stepCount(page)) + 10);
  await page.reload();
  await waitReadyState(page);
  const resume = page.getByRole('button', { name: /^Resume the ring8 run from step [\d,]+ \(saved (just now|\d+ minutes? ago)\)$/ });
  await expect(resume).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start fresh' })).toBeVisible();
  const offered = Number(((await resume.textContent()) ?? '').match(/step ([\d,]+)/)![1].replace(/,/g, ''));
  expect(offered).toBeGreaterThanOrEqual(30);
  await resume.click();
  await expect.poll(() => stepCount(page)).toBe(offered);
  await expect(resume).toBeHidden();
  await expect.poll(() => chartPoints(page, 'losses')).toBeGreaterThan(10);
  await clickStart(page);
  await waitForStepAtLeast(page, offered + 10);
});

test('a broken run file shows its message and the current run keeps its step', async ({ page }) => {
  await openApp(page, RING);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 3; i++) await step.click();
  await expect.poll(() => stepCount(page)).toBe(3);
  await page
    .getByTestId('open-run-input')
    .setInputFiles({ name: 'broken.ganrun', mimeType: 'application/octet-stream', buffer: Buffer.from('GANRUN but not really a run file') });
  const alert = page.getByRole('alert').filter({ hasText: 'broken.ganrun cannot be opened' });
  await expect(alert).toContainText('The current run is unchanged');
  expect(await stepCount(page)).toBe(3);
  await step.click();
  await expect.poll(() => stepCount(page)).toBe(4);
});

test('Recent runs lists the autosaved runs with thumbnails and deletes one', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, RING);
  await trainThenPause(page, 30);
  await page.getByRole('button', { name: 'Recent runs…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recent runs' });
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  await expect(dialog.getByRole('img', { name: /Samples of the ring8 run at step \d+/ })).toBeVisible();
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT_PATH ?? 'docs/run-files.png' });
  await dialog.getByRole('button', { name: /^Delete the ring8 run/ }).click();
  await expect(dialog.getByText('No saved runs yet.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
