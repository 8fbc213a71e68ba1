/**
 * An animated GIF of the sample grid (or of the points view) over a run's epochs, encoded with
 * gifenc. Pure TS (no DOM, no TF.js): it runs in the worker and in Node tests.
 */
import { GIFEncoder, applyPalette, quantize } from 'gifenc';

export interface RgbaFrame {
  width: number;
  height: number;
  pixels: Uint8Array | Uint8ClampedArray;
}

export interface TimelapseOptions {
  /** Each picture pixel becomes scale × scale GIF pixels (nearest neighbour keeps digits crisp). */
  scale?: number;
  delayMs?: number;
  /** The last frame stays up longer, so the loop's end is visible. */
  lastDelayMs?: number;
  onProgress?(fraction: number): void;
}

/** Caps the GIF's size: frames × pixels past this would make a file no slide wants. */
export const MAX_TIMELAPSE_PIXELS = 60_000_000;

/** Nearest-neighbour upscale by an integer factor. */
export function scaleNearest(frame: RgbaFrame, scale: number): RgbaFrame {
  const s = Math.max(1, Math.floor(scale));
  if (s === 1) return frame;
  const { width: w, height: h, pixels } = frame;
  const src = new Uint32Array(pixels.buffer, pixels.byteOffset, w * h);
  const out = new Uint32Array(w * s * h * s);
  for (let y = 0; y < h * s; y++) {
    const row = Math.floor(y / s) * w;
    for (let x = 0; x < w * s; x++) out[y * w * s + x] = src[row + Math.floor(x / s)];
  }
  return { width: w * s, height: h * s, pixels: new Uint8Array(out.buffer) };
}

/** Checks the frames and says what is wrong in words a person can act on. */
export function checkFrames(frames: readonly RgbaFrame[], scale = 1): string | null {
  if (!frames.length) return 'there are no pictures yet: train for an epoch first';
  const { width, height } = frames[0];
  for (const [i, f] of frames.entries()) {
    if (!(f.width > 0 && f.height > 0) || f.pixels.length !== f.width * f.height * 4) return `picture ${i + 1} is not ${f.width}×${f.height} RGBA`;
    if (f.width !== width || f.height !== height) return `picture ${i + 1} is ${f.width}×${f.height}, the first is ${width}×${height}`;
  }
  if (frames.length * width * height * scale * scale > MAX_TIMELAPSE_PIXELS)
    return `${frames.length} pictures of ${width * scale}×${height * scale} are too many for one GIF`;
  return null;
}

/** One GIF frame per picture, looping forever, each with its own 256-colour palette. */
export function encodeTimelapse(frames: readonly RgbaFrame[], options: TimelapseOptions = {}): Uint8Array {
  const scale = options.scale ?? 1;
  const problem = checkFrames(frames, scale);
  if (problem) throw new Error(problem);
  const delay = options.delayMs ?? 200;
  const lastDelay = options.lastDelayMs ?? 1500;
  const gif = GIFEncoder();
  frames.forEach((frame, i) => {
    // gifenc reads the pixels as 32-bit words: give it an aligned copy.
    const big = scaleNearest({ ...frame, pixels: new Uint8Array(frame.pixels) }, scale);
    const palette = quantize(big.pixels, 256);
    const index = applyPalette(big.pixels, palette);
    gif.writeFrame(index, big.width, big.height, { palette, delay: i === frames.length - 1 ? lastDelay : delay, repeat: 0 });
    options.onProgress?.((i + 1) / frames.length);
  });
  gif.finish();
  return gif.bytes();
}
