/** The classroom link dialog: what is ticked is what students see, a QR code, no projector leak, steady buttons. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { qrPath } from '../src/app/lib/qrPath';
import { openApp, RING } from './helpers';

test('ticked = shown to students; the link has no projector=1, a matching QR code, and "Link copied" moves nothing', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, `${RING}&backend=wasm&projector=1`);
  await page.getByRole('button', { name: 'Classroom link…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Classroom link' });
  await expect(dialog).toContainText('see only what is ticked');
  await expect(dialog.getByRole('group', { name: 'Students see' })).toBeVisible();
  // Everything is shown until unticked: the link hides nothing, and never carries projector mode.
  await expect(dialog.locator('input[data-group]:checked')).toHaveCount(12);
  let link = new URL(await dialog.getByTestId('classroom-link').inputValue());
  expect(link.searchParams.get('projector')).toBeNull();
  expect(link.searchParams.get('hide')).toBeNull();

  // Untick all, tick one slider back: the short form names the one shown.
  await dialog.getByRole('button', { name: 'Untick all' }).click();
  await dialog.getByRole('checkbox', { name: 'Slider: Discriminator L2' }).check();
  link = new URL(await dialog.getByTestId('classroom-link').inputValue());
  expect(link.searchParams.get('show')).toBe('l2D');
  expect(link.searchParams.get('projector')).toBeNull();
  expect(link.searchParams.get('autostart')).toBe('1');

  // The QR code draws exactly this link.
  const qr = dialog.getByRole('img', { name: 'QR code of the classroom link' });
  await expect(qr).toBeVisible();
  expect(await qr.locator('path').getAttribute('d')).toBe(qrPath(link.href).d);
  expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(150);
  await page.screenshot({ path: process.env.SCREENSHOT ? 'docs/classroom-dialog.png' : test.info().outputPath('classroom-dialog.png') });

  const axe = await new AxeBuilder({ page }).include('.classroom-dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  const close = dialog.getByRole('button', { name: 'Close', exact: true });
  const copy = dialog.getByRole('button', { name: 'Copy classroom link' });
  const before = [await close.boundingBox(), await copy.boundingBox()];
  await copy.click();
  await expect(dialog.getByRole('status')).toHaveText('Link copied');
  expect([await close.boundingBox(), await copy.boundingBox()]).toEqual(before);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link.href);

  // The larger QR code, for the room; Escape closes the dialog.
  await dialog.getByRole('button', { name: 'Larger QR code' }).click();
  expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(400);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The header's own Copy link does not shift its neighbours either.
  const header = page.getByRole('group', { name: 'Share and teach' });
  const classroom = header.getByRole('button', { name: 'Classroom link…' });
  const x = (await classroom.boundingBox())!.x;
  await header.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(header.getByRole('status')).toHaveText('Link copied');
  expect((await classroom.boundingBox())!.x).toBe(x);
});
