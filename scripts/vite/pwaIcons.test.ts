import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ICON_BACKGROUND, PWA_ICONS, renderIcon } from './pwaIcons';

const favicon = readFileSync(new URL('../../public/favicon.svg', import.meta.url), 'utf8');

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
}

describe('pwaIcons', () => {
  it('renders each manifest icon as a square PNG of its size', () => {
    for (const icon of PWA_ICONS) {
      const png = PNG.sync.read(renderIcon(favicon, icon));
      expect([png.width, png.height]).toEqual([icon.size, icon.size]);
    }
  });

  it('draws the favicon: its dark square with the green disc left of centre', () => {
    const png = PNG.sync.read(renderIcon(favicon, PWA_ICONS[0]));
    // (11, 16) of 32 is the green disc's centre (#34d399).
    expect(pixel(png, 66, 96)).toEqual([0x34, 0xd3, 0x99, 255]);
    // The rounded corner is transparent in the plain icon.
    expect(pixel(png, 0, 0)[3]).toBe(0);
  });

  it('fills the maskable icon to its corners and keeps the mark in the safe zone', () => {
    const maskable = PWA_ICONS.find((i) => i.purpose === 'maskable')!;
    const png = PNG.sync.read(renderIcon(favicon, maskable));
    const bg = [1, 3, 5].map((k) => parseInt(ICON_BACKGROUND.slice(k, k + 2), 16));
    expect(pixel(png, 0, 0)).toEqual([...bg, 255]);
    expect(pixel(png, 511, 511)).toEqual([...bg, 255]);
    // The green disc moved inwards: still green at its scaled centre (4.8 + 11 × 0.7 of 32).
    const x = Math.round(((4.8 + 11 * 0.7) / 32) * 512);
    const [r, g, b] = pixel(png, x, 256);
    expect([r, g, b]).toEqual([0x34, 0xd3, 0x99]);
  });
});
