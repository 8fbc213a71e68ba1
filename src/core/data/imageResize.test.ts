import { describe, expect, it } from 'vitest';
import { GREY_28, MAX_IMAGES, MAX_SOURCE_PIXELS, RGB_32, buildImageSet, resizeImage, type RgbaImage } from './imageResize';

/** An image whose pixel (x, y) is `fill(x, y)` = [r, g, b, a]. */
function image(width: number, height: number, fill: (x: number, y: number) => number[]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(fill(x, y), (y * width + x) * 4);
  return { width, height, data };
}

describe('resizeImage', () => {
  it('keeps a uniform colour uniform at any scale (down, up, non-integer)', () => {
    for (const [w, h] of [
      [100, 100],
      [1, 1],
      [45, 45],
      [33, 70],
    ]) {
      const out = resizeImage(
        image(w, h, () => [10, 200, 30, 255]),
        RGB_32,
      );
      expect(out).toHaveLength(32 * 32 * 3);
      for (let i = 0; i < out.length; i += 3) expect([out[i], out[i + 1], out[i + 2]]).toEqual([10, 200, 30]);
    }
  });

  it('averages exact blocks for integer factors', () => {
    // 4×4 grey ramp → 2×2: each output is the mean of its 2×2 block.
    const src = image(4, 4, (x, y) => [x * 10 + y * 40, x * 10 + y * 40, x * 10 + y * 40, 255]);
    const out = resizeImage(src, { size: 2, channels: 3 });
    const block = (bx: number, by: number) => {
      const v = [0, 1].flatMap((dx) => [0, 1].map((dy) => (2 * bx + dx) * 10 + (2 * by + dy) * 40));
      return Math.round(v.reduce((a, b) => a + b, 0) / 4);
    };
    expect([out[0], out[3], out[6], out[9]]).toEqual([block(0, 0), block(1, 0), block(0, 1), block(1, 1)]);
  });

  it('weights partly covered pixels by their coverage (3 → 2)', () => {
    // Output (0,0) covers source [0, 1.5)²: weights 1, .5, .5, .25 over pixels (0,0) (1,0) (0,1) (1,1), / 2.25.
    const values = [
      [0, 90, 0],
      [90, 180, 0],
      [0, 0, 0],
    ]; // values[y][x]
    const src = image(3, 3, (x, y) => [values[y][x], 0, 0, 255]);
    const out = resizeImage(src, { size: 2, channels: 3 });
    expect(out[0]).toBe(Math.round((0 * 1 + 90 * 0.5 + 90 * 0.5 + 180 * 0.25) / 2.25));
  });

  it('centre-crops to a square before resizing', () => {
    // 6×4: 1-pixel red bands left and right, blue in the centred 4×4 square.
    const src = image(6, 4, (x) => (x === 0 || x === 5 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const out = resizeImage(src, { size: 2, channels: 3 });
    for (let i = 0; i < out.length; i += 3) expect([out[i], out[i + 1], out[i + 2]]).toEqual([0, 0, 255]);
    // Tall images crop top and bottom.
    const tall = image(2, 4, (_, y) => (y === 0 || y === 3 ? [255, 0, 0, 255] : [0, 255, 0, 255]));
    expect(Array.from(resizeImage(tall, { size: 1, channels: 3 }))).toEqual([0, 255, 0]);
  });

  it('composites transparency over the background and converts to grey by luma', () => {
    const clear = image(4, 4, () => [0, 0, 0, 0]);
    expect(Array.from(resizeImage(clear, { size: 1, channels: 3 }))).toEqual([255, 255, 255]);
    expect(Array.from(resizeImage(clear, { size: 1, channels: 3 }, { background: [0, 64, 128] }))).toEqual([0, 64, 128]);
    const halfBlack = image(4, 4, () => [0, 0, 0, 128]);
    expect(resizeImage(halfBlack, { size: 1, channels: 1 })[0]).toBe(Math.round(255 * (1 - 128 / 255)));
    const red = image(4, 4, () => [255, 0, 0, 255]);
    const grey = resizeImage(red, GREY_28);
    expect(grey).toHaveLength(28 * 28);
    expect(grey[0]).toBe(76); // 0.299 · 255
    expect(resizeImage(red, GREY_28, { invert: true })[0]).toBe(255 - 76);
  });

  it('keeps a thin line visible when shrinking 10× (area averaging, not sampling)', () => {
    // One black column in 280 white ones: point sampling could miss it; area averaging darkens a column.
    const src = image(280, 280, (x) => (x === 143 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
    const out = resizeImage(src, GREY_28);
    const row = Array.from(out.subarray(0, 28));
    expect(Math.min(...row)).toBe(Math.round(255 * 0.9));
    expect(row.indexOf(Math.min(...row))).toBe(14);
  });

  it('rejects malformed and oversized images', () => {
    expect(() => resizeImage({ width: 0, height: 5, data: new Uint8Array(0) }, RGB_32)).toThrow(/at least 1×1/);
    expect(() => resizeImage({ width: 2, height: 2, data: new Uint8Array(15) }, RGB_32)).toThrow(/16 RGBA bytes/);
    expect(() => resizeImage({ width: 10_000, height: 5_001, data: new Uint8Array(4) }, RGB_32)).toThrow(/megapixels/);
    expect(MAX_SOURCE_PIXELS).toBe(50_000_000);
  });
});

describe('buildImageSet', () => {
  it('resizes every image into one set with labels', () => {
    const imgs = [image(8, 8, () => [0, 0, 0, 255]), image(8, 8, () => [255, 255, 255, 255])];
    const set = buildImageSet(imgs, GREY_28, {}, Uint8Array.from([3, 7]));
    expect([set.count, set.height, set.width, set.channels]).toEqual([2, 28, 28, 1]);
    expect(set.pixels).toHaveLength(2 * 784);
    expect(set.pixels[0]).toBe(0);
    expect(set.pixels[784]).toBe(255);
    expect(Array.from(set.labels!)).toEqual([3, 7]);
  });

  it('enforces the image cap and names the bad image', () => {
    const one = image(2, 2, () => [0, 0, 0, 255]);
    expect(() => buildImageSet(new Array(MAX_IMAGES + 1).fill(one), GREY_28)).toThrow(/at most 5000/);
    expect(() => buildImageSet([], GREY_28)).toThrow(/at least one/);
    expect(() => buildImageSet([one, { width: 2, height: 2, data: new Uint8Array(3) }], GREY_28)).toThrow(/image 1:/);
    expect(() => buildImageSet([one], GREY_28, {}, new Uint8Array(2))).toThrow(/labels/);
  });
});
