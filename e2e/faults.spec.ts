/** A crashed or closed training worker is noticed, replaced and restored; the run keeps training. SCREENSHOT=1 writes docs/worker-restored.png. */
import { expect, test, type Page } from '@playwright/test';
import { clickStart, openApp, RING, stepCount, trainThenPause, waitForStepAtLeast } from './helpers';

/** Trains, pauses (which autosaves and posts the checkpoint) and starts again; returns the paused step. */
async function checkpointThenTrain(page: Page): Promise<number> {
  const last = await trainThenPause(page, 30);
  await clickStart(page);
  await waitForStepAtLeast(page, last + 10);
  return last;
}

const restoredNote = (page: Page, why: RegExp) => page.getByText(new RegExp(`The training worker stopped \\(${why.source}\\); restored from step [\\d,]+\\.`));

for (const fault of ['throws', 'closes'] as const) {
  test(`a training worker that ${fault} is replaced; the run is restored from its last checkpoint and keeps training`, async ({ page }, info) => {
    test.setTimeout(150_000);
    await openApp(page, RING);
    const saved = await checkpointThenTrain(page);
    const before = await stepCount(page);
    const worker = page.workers().find((w) => w.url().includes('training'))!;
    expect(worker).toBeTruthy();
    if (fault === 'throws') {
      // An uncaught error inside the worker: its error event reaches the supervisor.
      await worker.evaluate(
        () =>
          void setTimeout(() => {
            throw new Error('test crash');
          }, 0),
      );
    } else {
      // Silence: only the heartbeat notices.
      await worker.evaluate(() => void setTimeout(() => self.close(), 0));
    }
    const note = restoredNote(page, fault === 'throws' ? /it failed: .*test crash.*/ : /it stopped answering for \d+ s/);
    await expect(note).toBeVisible({ timeout: 60_000 });
    // SCREENSHOT=1 refreshes docs/worker-restored.png (the README's fault section shows it).
    await page.screenshot({ path: process.env.SCREENSHOT && fault === 'throws' ? 'docs/worker-restored.png' : info.outputPath(`restored-${fault}.png`) });
    const restoredAt = Number(((await note.textContent()) ?? '').match(/step ([\d,]+)\./)![1].replace(/,/g, ''));
    // The newest checkpoint: the pause's, or a later 30-second autosave.
    expect(restoredAt).toBeGreaterThanOrEqual(saved);
    expect(restoredAt).toBeLessThanOrEqual(before + 1000);
    // It was training, so it trains on from there.
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await waitForStepAtLeast(page, restoredAt + 20, 60_000);
    await expect(page.getByText('could not be restarted')).toHaveCount(0);
  });
}
