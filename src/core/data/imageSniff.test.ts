import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { sniffImage } from './imageSniff';

function png(width: number, height: number): Uint8Array {
  const p = new PNG({ width, height });
  return new Uint8Array(PNG.sync.write(p));
}

describe('sniffImage', () => {
  it('reads PNG size from IHDR', () => {
    expect(sniffImage(png(37, 12))).toEqual({ format: 'png', width: 37, height: 12 });
  });

  it('reads GIF, JPEG (SOF after other segments) and WebP (VP8X, VP8L) sizes', () => {
    const gif = new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([0x10, 0x27, 0x10, 0x27, 0, 0]));
    expect(sniffImage(gif)).toEqual({ format: 'gif', width: 10000, height: 10000 });
    // SOI, an APP0 segment of length 4, then SOF0 with height 300, width 640.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x02, 0x80, 0x03, 0, 0, 0]);
    expect(sniffImage(jpeg)).toEqual({ format: 'jpeg', width: 640, height: 300 });
    const riff = (chunk: string, body: number[]) =>
      new Uint8Array([...'RIFF', 0, 0, 0, 0, ...'WEBP', ...chunk].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)).concat(body));
    // VP8X: canvas width−1 and height−1 as 24-bit little-endian at bytes 24 and 27.
    expect(sniffImage(riff('VP8X', [0, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 49, 0, 0]))).toMatchObject({ format: 'webp', width: 100, height: 50 });
    // VP8L: after signature 0x2f, 14 bits width−1, 14 bits height−1.
    const bits = 99 | (49 << 14);
    expect(sniffImage(riff('VP8L', [0, 0, 0, 0, 0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >> 24) & 255]))).toMatchObject({
      width: 100,
      height: 50,
    });
  });

  it('says null for text, empty and truncated non-images; keeps the format when only the size is missing', () => {
    expect(sniffImage(new TextEncoder().encode('hello, not an image'))).toBeNull();
    expect(sniffImage(new Uint8Array(0))).toBeNull();
    expect(sniffImage(png(3, 3).subarray(0, 10))).toEqual({ format: 'png', width: null, height: null });
  });
});
