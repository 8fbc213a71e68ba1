/** The page in Simplified Chinese: lang= in the link, the picker, <html lang>, live switching, axe. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { clickStart, openApp, RING, stepCount, waitForStepAtLeast } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

test('lang=zh-CN: the translated areas speak Chinese, switching live keeps the run, axe stays clean', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, `${RING}&backend=wasm&lang=zh-CN`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const picker = page.getByRole('combobox', { name: '语言' });
  await expect(picker).toHaveValue('zh-CN');
  // Charts, run files and the weights view are translated.
  await expect(page.getByRole('heading', { name: '损失', exact: true })).toBeVisible();
  await expect(page.getByText('点击“开始”或“单步”进行训练，曲线会显示在这里。').first()).toBeVisible();
  await expect(page.getByRole('group', { name: '训练文件' }).getByRole('button', { name: '保存训练' })).toBeVisible();
  await expect(page.getByTestId('weights-G')).toContainText('生成器接近零');
  expect(await seriousViolations(page)).toEqual([]);

  await clickStart(page);
  const before = await waitForStepAtLeast(page, 20);
  await expect(page.getByTestId('chart-losses').getByRole('list', { name: '损失：最新数值' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Live switch: the text changes, the run goes on (no reset), the link keeps the new language.
  await picker.selectOption('en');
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Losses', exact: true })).toBeVisible();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(before);
  await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('en');
  // Remembered for the next visit.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('gan-playground:prefs') ?? '{}').language);
  expect(stored).toBe('en');
});

test('an unknown lang falls back to the browser language, with a note', async ({ page }) => {
  await openApp(page, `${RING}&backend=wasm&lang=klingon`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('URL parameter "lang" must be one of en, zh-CN; got "klingon".', { exact: false })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
});

test('the browser language decides when the link has none', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await openApp(page, `${RING}&backend=wasm`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '权重惩罚', exact: true })).toBeVisible();
  // The link does not fix a language the reader did not ask for.
  expect(new URL(page.url()).searchParams.get('lang')).toBeNull();
  if (process.env.SCREENSHOT) {
    await page.setViewportSize({ width: 1400, height: 900 });
    await clickStart(page);
    await waitForStepAtLeast(page, 150);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.screenshot({ path: 'docs/zh-CN.png' });
  }
  await context.close();
});
