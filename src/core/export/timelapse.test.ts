import { describe, expect, it } from 'vitest';
import { gifFrames } from '../testing/gifFrames';
import { checkFrames, encodeTimelapse, scaleNearest, type RgbaFrame } from './timelapse';

function frame(w: number, h: number, shade: number): RgbaFrame {
  const pixels = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) pixels.set([shade, (i * 7) % 256, 255 - shade, 255], i * 4);
  return { width: w, height: h, pixels };
}

describe('timelapse GIF', () => {
  it('has one frame per picture, at the scaled size, looping, the last held longer', () => {
    const frames = [frame(10, 6, 0), frame(10, 6, 100), frame(10, 6, 200)];
    const gif = gifFrames(encodeTimelapse(frames, { scale: 3, delayMs: 200, lastDelayMs: 1000 }));
    expect(gif.width).toBe(30);
    expect(gif.height).toBe(18);
    expect(gif.frames).toHaveLength(3);
    expect(gif.frames.every((f) => f.width === 30 && f.height === 18)).toBe(true);
    expect(gif.frames.map((f) => f.delayMs)).toEqual([200, 200, 1000]);
    expect(gif.loops).toBe(true);
  });

  it('reports progress per frame', () => {
    const seen: number[] = [];
    encodeTimelapse([frame(4, 4, 1), frame(4, 4, 2)], { onProgress: (f) => seen.push(f) });
    expect(seen).toEqual([0.5, 1]);
  });

  it('scales with nearest neighbour: every source pixel becomes a solid block', () => {
    const src = frame(2, 2, 50);
    const big = scaleNearest(src, 3);
    expect([big.width, big.height]).toEqual([6, 6]);
    const at = (img: RgbaFrame, x: number, y: number) => Array.from(img.pixels.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    for (let y = 0; y < 6; y++) for (let x = 0; x < 6; x++) expect(at(big, x, y)).toEqual(at(src, Math.floor(x / 3), Math.floor(y / 3)));
  });

  it('refuses no frames, frames of different sizes and malformed pixels with a message', () => {
    expect(() => encodeTimelapse([])).toThrow(/no pictures yet/);
    expect(checkFrames([frame(4, 4, 0), frame(5, 4, 0)])).toMatch(/picture 2 is 5×4/);
    expect(checkFrames([{ width: 4, height: 4, pixels: new Uint8Array(10) }])).toMatch(/not 4×4 RGBA/);
    expect(checkFrames([frame(1000, 1000, 0)], 10)).toMatch(/too many/);
  });
});
