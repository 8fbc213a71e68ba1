/**
 * Every screen size: each viewport loads, trains, never scrolls sideways, and keeps touch targets
 * of 44 px on small screens. Screenshots go to test-results/ (docs/ with SCREENSHOT=1).
 */
import { expect, test } from '@playwright/test';
import { openApp, RING, waitForStepAtLeast } from './helpers';

const VIEWPORTS = [
  { name: 'desktop-1920', width: 1920, height: 1080 },
  { name: 'laptop-1366', width: 1366, height: 768 },
  { name: 'laptop-1280', width: 1280, height: 720 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
];
const DOCS = new Set(['tablet', 'phone']);

for (const vp of VIEWPORTS) {
  test(`${vp.name} (${vp.width}×${vp.height}) loads, trains and never scrolls sideways`, async ({ page }) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await openApp(page, `${RING}&backend=wasm`);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForStepAtLeast(page, 30);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByTestId('run-state')).toHaveText('Paused');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // The samples are on the first screens, not at the bottom of the page.
    const samplesTop = await page.getByRole('heading', { name: 'Real vs generated points' }).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(samplesTop).toBeLessThan(vp.height * 2.5);
    if (vp.width <= 768) {
      const small = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('button, select, summary, input[type=range]'))
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
          })
          .filter((el) => el.getBoundingClientRect().height < 44)
          .map(
            (el) =>
              `${el.tagName} ${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)} ${Math.round(el.getBoundingClientRect().height)}px`,
          ),
      );
      expect(small).toEqual([]);
    }
    const path = process.env.SCREENSHOT && DOCS.has(vp.name) ? `docs/${vp.name}.png` : test.info().outputPath(`${vp.name}.png`);
    await page.screenshot({ path });
  });
}
