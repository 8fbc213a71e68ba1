/** Links that reproduce a run, the Copy link fallback, classroom links. */
import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { openApp, slider, waitReadyState } from './helpers';

/** The link version the app writes (`LINK_VERSION`, src/app/lib/runLink.ts). */
const LINK_V = '4';

/** Trains exactly `n` steps with the Step control, one confirmed step at a time. */
async function stepTimes(page: Page, n: number): Promise<void> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= n; i++) {
    await step.click();
    await expect(page.getByTestId('step-count')).toHaveText(String(i));
  }
}

/** The D and G losses of the first `n` steps, read from the Losses chart's table of values. */
async function firstLosses(page: Page, n: number): Promise<{ d: string[]; g: string[] }> {
  const chart = page.getByTestId('chart-losses');
  await chart.getByText('Table of values').click();
  const table = page.getByTestId('table-losses');
  await expect(table.locator('tbody tr')).toHaveCount(n);
  const read = (key: string) => table.locator(`td[data-key="${key}"]`).evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value') ?? ''));
  return { d: await read('dLoss'), g: await read('gLoss') };
}

async function freshPage(browser: Browser, url: string, { ready = true } = {}): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  if (ready) await waitReadyState(page);
  return page;
}

test('a written link reproduces the run: same settings, live values from step 0, same 50 losses', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await openApp(page, 'dataset=ring8&batchSize=32&seed=5&lrD=0.0005&backend=wasm');
  // A live value set before step 0 travels in the link too.
  const l2 = slider(page, 'Discriminator L2');
  await l2.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('PageUp');
  // Wait until the worker has applied it and the address holds the final value.
  await expect.poll(() => page.evaluate(() => document.querySelector('.is-pending') === null)).toBe(true);
  const l2Text = await l2.getAttribute('aria-valuetext');
  await expect.poll(() => Number(new URL(page.url()).searchParams.get('l2D'))).toBe(Number(l2Text));
  const link = page.url();
  const params = new URL(link).searchParams;
  expect(params.get('v')).toBe(LINK_V);
  expect(params.get('seed')).toBe('5');
  expect(params.get('lrD')).toBe('0.0005');
  expect(params.get('backend')).toBe('wasm');
  expect(params.get('batchSize')).toBe('32');
  expect(link.length).toBeLessThan(2000);
  console.log(`link: ${link}`);

  const a = await freshPage(browser, link);
  const b = await freshPage(browser, link);
  for (const p of [a, b]) {
    await expect(slider(p, 'Discriminator L2')).toHaveAttribute('aria-valuetext', l2Text ?? '');
    await expect(p.getByTestId('backend')).toHaveText('Backend: wasm');
  }
  await stepTimes(a, 50);
  await stepTimes(b, 50);
  const la = await firstLosses(a, 50);
  const lb = await firstLosses(b, 50);
  expect(la.d.every((v) => v !== '' && Number.isFinite(Number(v)))).toBe(true);
  expect(la.g.every((v) => v !== '' && Number.isFinite(Number(v)))).toBe(true);
  expect(lb.d).toEqual(la.d);
  expect(lb.g).toEqual(la.g);
  console.log(`D losses 1, 50: ${la.d[0]}, ${la.d[49]}; G: ${la.g[0]}, ${la.g[49]}`);
  await a.context().close();
  await b.context().close();
});

test('slider moves rewrite the address without adding history entries', async ({ page }) => {
  await openApp(page, 'dataset=ring8&batchSize=32&backend=wasm');
  await expect.poll(() => new URL(page.url()).searchParams.get('v')).toBe(LINK_V);
  const before = await page.evaluate(() => history.length);
  const s = slider(page, 'Generator learning rate');
  await s.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => new URL(page.url()).searchParams.get('lrG')).not.toBeNull();
  expect(await page.evaluate(() => history.length)).toBe(before);
});

test('Copy link shows the link in a selectable field when the clipboard is denied', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await openApp(page, 'dataset=ring8&batchSize=32');
  await expect.poll(() => new URL(page.url()).searchParams.get('v')).toBe(LINK_V);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const field = page.getByTestId('link-fallback');
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(page.url());
  expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, page.url().length]);
});

test('an older (version 1) link and a bad parameter still open, with a note', async ({ page }) => {
  await openApp(page, 'dataset=ring8&batchSize=32&lrG=7&hide=nothing');
  await expect(page.getByText(/lrG/).first()).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('v')).toBe(LINK_V);
  expect(new URL(page.url()).searchParams.get('lrG')).toBeNull();
});

test('a classroom link that hides the lab and every slider but D L2 shows exactly that slider', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await openApp(page, 'dataset=ring8&batchSize=32&backend=wasm');
  await page.getByRole('button', { name: 'Classroom link…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Classroom link' });
  for (const id of ['lab', 'lrG', 'lrD', 'l1G', 'l2G', 'l1D', 'lrDecayStart', 'lrDecaySteps']) await dialog.locator(`input[data-group="${id}"]`).uncheck();
  await dialog.screenshot({ path: test.info().outputPath('classroom-dialog.png') });
  const link = await dialog.getByTestId('classroom-link').inputValue();
  expect(new URL(link).searchParams.get('autostart')).toBe('1');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const student = await freshPage(browser, link, { ready: false });
  await expect(student.getByTestId('run-state')).toHaveText('Training', { timeout: 60_000 });
  await expect(student.getByRole('slider')).toHaveCount(1);
  await expect(slider(student, 'Discriminator L2')).toBeVisible();
  await expect(student.getByText('Regularization lab (live)')).toHaveCount(0);
  await student.getByRole('button', { name: 'Show all controls' }).click();
  await expect(slider(student, 'Generator learning rate')).toBeVisible();
  await expect.poll(() => new URL(student.url()).searchParams.get('hide')).toBeNull();
  await student.context().close();
});

test('a link opens its lesson panel and quality measure, and keeps them in the address', async ({ page }) => {
  await openApp(page, 'v=2&dataset=ring8&batchSize=32&lesson=r1-fix&quality=kl');
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Lesson:/ })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('lesson')).toBe('r1-fix');
  expect(new URL(page.url()).searchParams.get('quality')).toBe('kl');
  await page.getByRole('button', { name: 'Close the lesson' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('lesson')).toBeNull();
});
