/**
 * Turns generated images (floats in [-1, 1], N×H×W×C) into one RGBA picture, so the main thread
 * only has to putImageData. Pure JS: the same bytes in the worker, in Node and in tests.
 */
export interface GridImage {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

/** Pixels between tiles, drawn in a dark grey so tiles read as separate images. */
export const GRID_GAP = 2;

export function imageGridRGBA(images: Float32Array, shape: number[], side: number, gap = GRID_GAP): GridImage {
  const [h, w, c] = shape;
  const width = side * w + (side - 1) * gap;
  const height = side * h + (side - 1) * gap;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < pixels.length; i += 4) {
    pixels[i] = pixels[i + 1] = pixels[i + 2] = 40;
    pixels[i + 3] = 255;
  }
  const count = Math.min(side * side, images.length / (h * w * c));
  const toByte = (v: number) => Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * 255);
  for (let n = 0; n < count; n++) {
    const ox = (n % side) * (w + gap);
    const oy = Math.floor(n / side) * (h + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((n * h + y) * w + x) * c;
        const dst = ((oy + y) * width + ox + x) * 4;
        if (c === 1) {
          pixels[dst] = pixels[dst + 1] = pixels[dst + 2] = toByte(images[src]);
        } else {
          pixels[dst] = toByte(images[src]);
          pixels[dst + 1] = toByte(images[src + 1]);
          pixels[dst + 2] = toByte(images[src + 2]);
        }
      }
    }
  }
  return { width, height, pixels };
}
