/**
 * The start-up race: on a loaded machine the wasm backend takes seconds to start, and the
 * heartbeat's tensor count (and, before the fix, anything else that touched TF.js in that window)
 * threw "Backend 'wasm' has not yet been initialized" as a page error. `slowBackendMs` (a test
 * hook, src/worker/testHooks.ts) makes every backend start that slowly here, so the heartbeat
 * lands in the window on any machine.
 */
import { expect, test } from '@playwright/test';
import { clickStart, openApp, RING, waitForStepAtLeast } from './helpers';

for (const backend of ['auto', 'wasm'] as const) {
  test(`a slow ${backend} backend start: no page error, and Start trains`, async ({ page }) => {
    const { consoleErrors } = await openApp(page, `${RING}&backend=${backend}&testHooks=1&slowBackendMs=3500`);
    await expect(page.getByRole('status', { name: 'Run status' })).toContainText(/Backend: (wasm|cpu)/);
    await clickStart(page);
    await waitForStepAtLeast(page, 30, 60_000);
    expect(consoleErrors).toEqual([]);
  });
}
