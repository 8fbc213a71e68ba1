/**
 * Embed mode (docs/embed.md): the app in another origin's iframe trains, with wasm threads when
 * the embedding page is cross-origin isolated and a clear single-thread note when it is not; the
 * compact layout fits 800×450 and 1280×720 without sideways scrolling; the classroom dialog
 * copies an `<iframe>` snippet. With EMBED_SCREENSHOT=1 it also writes docs/embed.png.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { FrameLocator, Page } from '@playwright/test';
import { openApp, RING } from './helpers';

/**
 * The embedding page, served by a real server on another origin (127.0.0.1 is not localhost) on a
 * free port: a page fulfilled by a route has no address space, and Chromium's local network
 * checks then refuse its iframe of localhost. 127.0.0.1 is still a secure context, as isolation needs.
 */
async function serveEmbedder(page: Page, src: string, isolated: boolean): Promise<FrameLocator> {
  const headers: Record<string, string> = isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
  const body = `<!doctype html><title>A course page</title><h1>Week 3: GANs</h1><iframe src="${src.replace(/&/g, '&amp;')}" width="800" height="450" allow="cross-origin-isolated" style="border:1px solid #999"></iframe>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html', ...headers }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return page.frameLocator('iframe');
}

const servers: Server[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function frameSteps(frame: FrameLocator): Promise<number> {
  return Number(((await frame.getByTestId('step-count').textContent()) ?? '').replace(/[^\d]/g, ''));
}

async function trainInFrame(frame: FrameLocator): Promise<void> {
  await expect(frame.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 60_000 });
  await frame.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(() => frameSteps(frame), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
  await frame.getByRole('button', { name: 'Pause', exact: true }).click();
}

test('a cross-origin-isolated course page embeds the app: it trains in the iframe with wasm threads', async ({ page, baseURL }) => {
  const frame = await serveEmbedder(page, `${baseURL}/?embed=1&${RING}&backend=wasm`, true);
  await expect(frame.getByTestId('embed-app')).toBeVisible();
  await trainInFrame(frame);
  const inner = page.frames().find((f) => f.url().startsWith(baseURL!))!;
  expect(await inner.evaluate(() => crossOriginIsolated)).toBe(true);
  await frame.getByTestId('backend').click();
  await expect(frame.getByTestId('backend-threads')).not.toContainText('not cross-origin isolated');
  // "Open full playground": the same run without embed, in a new tab.
  const full = frame.getByRole('link', { name: /Open full playground/ });
  await expect(full).toHaveAttribute('target', '_blank');
  const href = new URL((await full.getAttribute('href'))!);
  expect(href.searchParams.get('embed')).toBeNull();
  expect(href.searchParams.get('dataset')).toBe('ring8');
});

test('embedded in a page that is not isolated, it trains single-threaded and says why', async ({ page, baseURL }) => {
  const frame = await serveEmbedder(page, `${baseURL}/?embed=1&${RING}&backend=wasm`, false);
  await trainInFrame(frame);
  await frame.getByTestId('backend').click();
  await expect(frame.getByTestId('backend-threads')).toContainText('not cross-origin isolated');
});

for (const size of [
  { width: 800, height: 450 },
  { width: 1280, height: 720 },
]) {
  test(`embed mode fits ${size.width}×${size.height}: samples and loss chart in view, no sideways scrolling`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page, `embed=1&${RING}&hide=lab,setup`);
    const fits = async (testIdOrSelector: string) => {
      const box = (await page.locator(testIdOrSelector).first().boundingBox())!;
      return box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
    };
    expect(await fits('.embed-samples')).toBe(true);
    expect(await fits('.embed-chart')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    // No header chrome beyond the status and the link; hidden groups stay hidden.
    await expect(page.getByRole('heading', { name: /GAN Playground/ })).toHaveCount(0);
    await expect(page.getByText('Regularization lab (live)')).toHaveCount(0);
    await expect(page.locator('#pick-dataset')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeInViewport();
    const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    if (process.env.EMBED_SCREENSHOT && size.width === 800) {
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await expect
        .poll(
          () =>
            page
              .getByTestId('step-count')
              .textContent()
              .then((t) => Number((t ?? '').replace(/[^\d]/g, ''))),
          { timeout: 60_000 },
        )
        .toBeGreaterThan(1500);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.screenshot({ path: 'docs/embed.png' });
    }
  });
}

test('the classroom dialog copies an iframe snippet of the link in embed mode', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: (t: string) => ((window as unknown as { copied: string }).copied = t) && Promise.resolve() },
    });
  });
  await openApp(page, RING);
  await page.getByRole('button', { name: 'Classroom link…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Classroom link' });
  // The boxes say what students see: clearing one hides that group.
  await dialog.locator('input[data-group="lab"]').uncheck();
  await dialog.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(dialog.getByText('Embed code copied')).toBeVisible();
  const code = await page.evaluate(() => (window as unknown as { copied: string }).copied);
  expect(code).toMatch(/^<iframe src="[^"]+" width="800" height="450" title="GAN Playground" allow="cross-origin-isolated; fullscreen"/);
  const src = new URL(code.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&'));
  expect(src.searchParams.get('embed')).toBe('1');
  expect(src.searchParams.get('hide')).toBe('lab');
  expect(src.searchParams.get('dataset')).toBe('ring8');
});
