/**
 * Turns arbitrary RGBA images (user uploads, emoji artwork) into dataset examples: centre-crop to
 * a square, composite over a plain background, then area-average down to 28×28 grey or 32×32 RGB.
 *
 * Area averaging (each output pixel = the coverage-weighted mean of the source pixels under it)
 * rather than point sampling, so thin strokes survive a 10× shrink instead of aliasing away.
 * Runs on plain typed arrays: the worker decodes with createImageBitmap/OffscreenCanvas, Node with
 * pngjs, and both hand the RGBA bytes here.
 */
import type { ImageBinary } from './imageBinary';

/** Most images one user-built set may hold (memory and training-time bound for a browser tab). */
export const MAX_IMAGES = 5000;
/** Largest source image accepted, in pixels (50 megapixels ≈ 200 MB of RGBA). */
export const MAX_SOURCE_PIXELS = 50_000_000;

export interface RgbaImage {
  width: number;
  height: number;
  /** width·height·4 bytes, row-major RGBA, straight (not premultiplied) alpha. */
  data: Uint8Array | Uint8ClampedArray;
}

export interface ResizeTarget {
  /** Output side in pixels (the output is square). */
  size: number;
  /** 1: grey (Rec. 601 luma), 3: RGB. */
  channels: 1 | 3;
}

export const GREY_28: ResizeTarget = { size: 28, channels: 1 };
export const RGB_32: ResizeTarget = { size: 32, channels: 3 };

export interface ResizeOptions {
  /** Colour transparent pixels are composited over, 0..255 RGB. Default white. */
  background?: [number, number, number];
  /** Output 255 − value: turns dark-ink-on-paper photos into MNIST's light-on-black. */
  invert?: boolean;
}

export function checkSourceImage(img: RgbaImage): void {
  const { width, height, data } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`image size must be at least 1×1 whole pixels; got ${width}×${height}`);
  }
  if (width * height > MAX_SOURCE_PIXELS) {
    throw new Error(`image is ${((width * height) / 1e6).toFixed(1)} megapixels; the limit is ${MAX_SOURCE_PIXELS / 1e6}`);
  }
  if (data.length !== width * height * 4) {
    throw new Error(`image data must hold ${width * height * 4} RGBA bytes for ${width}×${height}; got ${data.length}`);
  }
}

/**
 * For each output index, the source indices it covers and their coverage weights (summing to 1):
 * output pixel o spans source [o·scale, (o+1)·scale) where scale = srcLen / outLen.
 * Works for enlarging too (scale < 1: each output pixel lies inside one or two source pixels).
 */
function areaWeights(srcLen: number, outLen: number): { start: Int32Array; weights: Float64Array[] } {
  const scale = srcLen / outLen;
  const start = new Int32Array(outLen);
  const weights: Float64Array[] = [];
  for (let o = 0; o < outLen; o++) {
    const lo = o * scale;
    const hi = (o + 1) * scale;
    const first = Math.floor(lo);
    const last = Math.min(srcLen - 1, Math.ceil(hi) - 1);
    const w = new Float64Array(last - first + 1);
    for (let s = first; s <= last; s++) w[s - first] = (Math.min(hi, s + 1) - Math.max(lo, s)) / scale;
    start[o] = first;
    weights.push(w);
  }
  return { start, weights };
}

/** Centre-crops, composites and area-averages one image; returns size·size·channels bytes (HWC). */
export function resizeImage(img: RgbaImage, target: ResizeTarget, options: ResizeOptions = {}): Uint8Array {
  checkSourceImage(img);
  const { size, channels } = target;
  if (!Number.isInteger(size) || size < 1) throw new Error(`target size must be a positive integer; got ${size}`);
  const [bgR, bgG, bgB] = options.background ?? [255, 255, 255];
  const side = Math.min(img.width, img.height);
  const x0 = Math.floor((img.width - side) / 2);
  const y0 = Math.floor((img.height - side) / 2);
  const { start, weights } = areaWeights(side, size);

  // Horizontal pass: every cropped row → `size` composited RGB columns (float, 0..255).
  const rows = new Float64Array(side * size * 3);
  const src = img.data;
  for (let y = 0; y < side; y++) {
    const rowBase = ((y0 + y) * img.width + x0) * 4;
    for (let o = 0; o < size; o++) {
      const w = weights[o];
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < w.length; k++) {
        const p = rowBase + (start[o] + k) * 4;
        const a = src[p + 3] / 255;
        r += w[k] * (a * src[p] + (1 - a) * bgR);
        g += w[k] * (a * src[p + 1] + (1 - a) * bgG);
        b += w[k] * (a * src[p + 2] + (1 - a) * bgB);
      }
      const q = (y * size + o) * 3;
      rows[q] = r;
      rows[q + 1] = g;
      rows[q + 2] = b;
    }
  }

  // Vertical pass, then grey conversion / inversion / rounding.
  const out = new Uint8Array(size * size * channels);
  for (let oy = 0; oy < size; oy++) {
    const w = weights[oy];
    for (let ox = 0; ox < size; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < w.length; k++) {
        const q = ((start[oy] + k) * size + ox) * 3;
        r += w[k] * rows[q];
        g += w[k] * rows[q + 1];
        b += w[k] * rows[q + 2];
      }
      const values = channels === 1 ? [0.299 * r + 0.587 * g + 0.114 * b] : [r, g, b];
      const dst = (oy * size + ox) * channels;
      for (let c = 0; c < channels; c++) {
        const v = Math.min(255, Math.max(0, Math.round(values[c])));
        out[dst + c] = options.invert ? 255 - v : v;
      }
    }
  }
  return out;
}

/**
 * Resizes a whole set into the prepared-file layout (`encodeImageBinary` can write it and
 * `makeImageDataset` can serve it). Enforces MAX_IMAGES; `labels`, if given, must match in length.
 */
export function buildImageSet(images: RgbaImage[], target: ResizeTarget, options: ResizeOptions = {}, labels?: Uint8Array): ImageBinary {
  if (images.length === 0) throw new Error('an image set needs at least one image');
  if (images.length > MAX_IMAGES) throw new Error(`an image set may hold at most ${MAX_IMAGES} images; got ${images.length}`);
  if (labels && labels.length !== images.length) throw new Error(`got ${labels.length} labels for ${images.length} images`);
  const per = target.size * target.size * target.channels;
  const pixels = new Uint8Array(images.length * per);
  images.forEach((img, i) => {
    try {
      pixels.set(resizeImage(img, target, options), i * per);
    } catch (err) {
      throw new Error(`image ${i}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  });
  return { count: images.length, height: target.size, width: target.size, channels: target.channels, labels, pixels };
}
