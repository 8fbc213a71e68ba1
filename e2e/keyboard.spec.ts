import { expect, test } from '@playwright/test';
import { openApp, RING, slider } from './helpers';

const NAMES = ['Generator learning rate', 'Discriminator learning rate', 'Generator L1', 'Generator L2', 'Discriminator L1', 'Discriminator L2'];

test('every slider is reachable with Tab and moves with the arrow keys', async ({ page }) => {
  await openApp(page, RING);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const reached = new Set<string>();
  for (let i = 0; i < 80 && reached.size < NAMES.length; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el?.type === 'range' ? (el.labels?.[0]?.textContent ?? '') : '';
    });
    if (!NAMES.includes(name) || reached.has(name)) continue;
    reached.add(name);
    const s = slider(page, name);
    await expect(s).toBeFocused();
    const before = await s.getAttribute('aria-valuetext');
    await page.keyboard.press('ArrowRight');
    await expect(s).not.toHaveAttribute('aria-valuetext', before ?? '');
    const up = await s.getAttribute('aria-valuetext');
    await page.keyboard.press('ArrowLeft');
    await expect(s).toHaveAttribute('aria-valuetext', before ?? '');
    console.log(`${name}: ${before} → ${up} → ${before}`);
  }
  expect([...reached].sort()).toEqual([...NAMES].sort());
});

test('run buttons work from the keyboard', async ({ page }) => {
  await openApp(page, RING);
  await page.getByRole('button', { name: 'Step', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await page.getByRole('button', { name: 'Start', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('Training');
  // Focus moved to Pause, so the same key stops it.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
});
