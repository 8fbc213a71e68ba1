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

test('shortcuts: Space starts and pauses, . and → step, R resets after asking, ? lists them', async ({ page }) => {
  await openApp(page, RING);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('.');
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-count')).toHaveText('2');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('Training');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  await page.keyboard.press('r');
  const confirm = page.getByRole('dialog', { name: 'Start a new run?' });
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  expect(await page.getByTestId('step-count').textContent()).not.toBe('0');
  await page.keyboard.press('R');
  await confirm.getByRole('button', { name: 'Reset and apply' }).click();
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Start or pause training');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('shortcuts never fire while typing in a field', async ({ page }) => {
  await openApp(page, RING);
  const field = page.getByTestId('value-lrG');
  await field.click();
  await field.press('End');
  for (const key of [' ', '.', 'r', '?']) await page.keyboard.press(key);
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Dataset' }).focus();
  await page.keyboard.press('r');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
