/**
 * The prepared-image file format (public/data/*.bin), written by scripts/prepare-data.ts and read
 * by the image loaders. One flat file instead of JSON or PNGs so the browser fetches it once and
 * the loader can view the pixels in place, with no parsing.
 *
 * Layout (little-endian), all offsets in bytes:
 *   0  magic     4 × u8  'GPIM'
 *   4  version   u16     IMAGE_BINARY_VERSION
 *   6  flags     u16     bit 0: labels present
 *   8  count     u32     number of images
 *  12  height    u16
 *  14  width     u16
 *  16  channels  u16
 *  18  reserved  u16 + u32 (zero)
 *  24  labels    count × u8                (only when flag bit 0 is set)
 *  ..  pixels    count × height·width·channels × u8, row-major HWC, image after image
 */

export const IMAGE_BINARY_MAGIC = 'GPIM';
export const IMAGE_BINARY_VERSION = 1;
export const IMAGE_BINARY_HEADER_BYTES = 24;
const FLAG_HAS_LABELS = 1;

export interface ImageBinary {
  count: number;
  height: number;
  width: number;
  channels: number;
  /** One class index per image, when the set is labelled. */
  labels?: Uint8Array;
  /** count·height·width·channels bytes, 0..255. */
  pixels: Uint8Array;
}

export function imageBinaryByteLength(img: Omit<ImageBinary, 'pixels' | 'labels'> & { hasLabels: boolean }): number {
  const perImage = img.height * img.width * img.channels;
  return IMAGE_BINARY_HEADER_BYTES + (img.hasLabels ? img.count : 0) + img.count * perImage;
}

function checkShape(img: ImageBinary): void {
  const { count, height, width, channels } = img;
  for (const [name, v, max] of [
    ['count', count, 0xffffffff],
    ['height', height, 0xffff],
    ['width', width, 0xffff],
    ['channels', channels, 0xffff],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`image binary: ${name} must be an integer in [0, ${max}]; got ${v}`);
  }
  const expectedPixels = count * height * width * channels;
  if (img.pixels.length !== expectedPixels) {
    throw new Error(`image binary: expected ${expectedPixels} pixel bytes for ${count}×${height}×${width}×${channels}; got ${img.pixels.length}`);
  }
  if (img.labels && img.labels.length !== count) {
    throw new Error(`image binary: expected ${count} labels; got ${img.labels.length}`);
  }
}

export function encodeImageBinary(img: ImageBinary): Uint8Array {
  checkShape(img);
  const hasLabels = img.labels !== undefined;
  const out = new Uint8Array(imageBinaryByteLength({ ...img, hasLabels }));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = IMAGE_BINARY_MAGIC.charCodeAt(i);
  view.setUint16(4, IMAGE_BINARY_VERSION, true);
  view.setUint16(6, hasLabels ? FLAG_HAS_LABELS : 0, true);
  view.setUint32(8, img.count, true);
  view.setUint16(12, img.height, true);
  view.setUint16(14, img.width, true);
  view.setUint16(16, img.channels, true);
  let offset = IMAGE_BINARY_HEADER_BYTES;
  if (img.labels) {
    out.set(img.labels, offset);
    offset += img.count;
  }
  out.set(img.pixels, offset);
  return out;
}

/**
 * Decodes a prepared file. The returned arrays are views into `buffer` (no copy), so a 50 MB set
 * costs 50 MB, not 100. Throws a message naming the problem on a wrong or truncated file.
 */
export function decodeImageBinary(buffer: ArrayBuffer | Uint8Array, source = 'image binary'): ImageBinary {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length < IMAGE_BINARY_HEADER_BYTES) {
    throw new Error(`${source}: file is ${bytes.length} bytes, shorter than the ${IMAGE_BINARY_HEADER_BYTES}-byte header`);
  }
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== IMAGE_BINARY_MAGIC) {
    throw new Error(`${source}: bad magic "${magic}" (expected "${IMAGE_BINARY_MAGIC}"); is this a prepared dataset file? Run "npm run prepare-data".`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== IMAGE_BINARY_VERSION) {
    throw new Error(`${source}: format version ${version} is not supported (expected ${IMAGE_BINARY_VERSION}); run "npm run prepare-data"`);
  }
  const hasLabels = (view.getUint16(6, true) & FLAG_HAS_LABELS) !== 0;
  const count = view.getUint32(8, true);
  const height = view.getUint16(12, true);
  const width = view.getUint16(14, true);
  const channels = view.getUint16(16, true);
  const expected = imageBinaryByteLength({ count, height, width, channels, hasLabels });
  if (bytes.length !== expected) {
    throw new Error(`${source}: expected ${expected} bytes for ${count} images of ${height}×${width}×${channels}; got ${bytes.length} (truncated or corrupt)`);
  }
  let offset = IMAGE_BINARY_HEADER_BYTES;
  let labels: Uint8Array | undefined;
  if (hasLabels) {
    labels = bytes.subarray(offset, offset + count);
    offset += count;
  }
  const pixels = bytes.subarray(offset, offset + count * height * width * channels);
  return { count, height, width, channels, labels, pixels };
}

/**
 * Orders examples grouped by class as class 0 #0, class 1 #0, …, class 0 #1, …: deterministic,
 * and any prefix of the file is close to class-balanced. A class that runs out is skipped.
 * Returns, for each output position, [class, index within class].
 */
export function interleaveByClass(classSizes: readonly number[]): Array<[number, number]> {
  const order: Array<[number, number]> = [];
  const longest = Math.max(0, ...classSizes);
  for (let i = 0; i < longest; i++) {
    for (let c = 0; c < classSizes.length; c++) if (i < classSizes[c]) order.push([c, i]);
  }
  return order;
}
