/** Small RGBA pictures of a run for the Recent runs list, made in the worker without a canvas. */
import type { Thumbnail } from './recentRuns';

export const THUMBNAIL_SIDE = 96;

/** A sample grid scaled down (nearest neighbour) so its longer side is at most `side`. */
export function gridThumbnail(frame: { width: number; height: number; pixels: Uint8ClampedArray }, side = THUMBNAIL_SIDE): Thumbnail {
  const scale = Math.min(1, side / Math.max(frame.width, frame.height));
  const width = Math.max(1, Math.round(frame.width * scale));
  const height = Math.max(1, Math.round(frame.height * scale));
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(frame.height - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(frame.width - 1, Math.floor(x / scale));
      pixels.set(frame.pixels.subarray((sy * frame.width + sx) * 4, (sy * frame.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return { width, height, pixels };
}

/** Real points in grey and generated ones in orange on white, over `extent` (y up). */
export function pointsThumbnail(view: { real: Float32Array; fake: Float32Array; extent: [number, number, number, number] }, side = THUMBNAIL_SIDE): Thumbnail {
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  const [x0, x1, y0, y1] = view.extent;
  const plot = (xy: Float32Array, rgb: [number, number, number]) => {
    for (let i = 0; i + 1 < xy.length; i += 2) {
      const px = Math.floor(((xy[i] - x0) / (x1 - x0)) * side);
      const py = side - 1 - Math.floor(((xy[i + 1] - y0) / (y1 - y0)) * side);
      if (!(px >= 0 && px < side && py >= 0 && py < side)) continue;
      pixels.set([...rgb, 255], (py * side + px) * 4);
    }
  };
  plot(view.real, [170, 170, 170]);
  plot(view.fake, [230, 110, 20]);
  return { width: side, height: side, pixels };
}
