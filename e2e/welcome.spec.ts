/**
 * The first visit: a welcome on a bare visit (never on a link with parameters, so the other specs,
 * which all open with parameters, never see it), remembered once dismissed; the symbols' glossary;
 * learning-rate decay said in the status line.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp, RING, waitReadyState } from './helpers';

test('a bare first visit opens the welcome; Escape dismisses it for good', async ({ page }) => {
  await page.goto('/');
  const welcome = page.getByRole('dialog', { name: 'Welcome to GAN Playground' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('generator (G)');
  await expect(welcome.getByRole('button', { name: /L2 on D/ })).toBeVisible();
  await expect(welcome.getByRole('button', { name: /L1 on D/ })).toBeVisible();
  await waitReadyState(page);
  const axe = await new AxeBuilder({ page }).include('.welcome').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(welcome).toBeHidden();
  await page.reload();
  await waitReadyState(page);
  await expect(welcome).toBeHidden();
  expect(JSON.parse((await page.evaluate(() => localStorage.getItem('gan-playground:prefs'))) ?? '{}')).toMatchObject({ welcomeDismissed: true });
});

test('the welcome starts the L2 lesson (a twin where the penalty visibly matters)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const welcome = page.getByRole('dialog', { name: 'Welcome to GAN Playground' });
  await waitReadyState(page);
  await welcome.getByRole('button', { name: /L2 on D/ }).click();
  await expect(welcome).toBeHidden();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await expect(page.getByTestId('run-state')).toHaveText('Training');
  await expect.poll(() => new URL(page.url()).searchParams.get('lesson')).toBe('l2-too-strong');
  await page
    .getByRole('button', { name: /^Pause/ })
    .first()
    .click();
});

test('a link with parameters never shows the welcome', async ({ page }) => {
  await openApp(page, RING);
  await expect(page.getByRole('dialog', { name: 'Welcome to GAN Playground' })).toBeHidden();
});

test('every symbol is one tap away, and the ring preset says its learning-rate decay', async ({ page }) => {
  await openApp(page, 'dataset=ring8&backend=wasm');
  const summary = page.getByTestId('glossary').locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const glossary = page.getByTestId('glossary');
  for (const symbol of ['G', 'D', 'P(real), D(x)', 'λ·Σ|w| (L1)', 'λ·Σw² (L2)']) await expect(glossary.getByText(symbol, { exact: true })).toBeVisible();
  // The ring's recommended preset decays both learning rates from step 2,500.
  await expect(page.getByTestId('lr-decay-badge')).toHaveText('LR decay from step 2,500');
  await expect(page.getByTestId('lr-decay-badge')).toHaveAttribute('title', /fall linearly to 5%/);
});
