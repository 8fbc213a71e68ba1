/**
 * Recognises an image file by its first bytes (not its name or MIME type, which users and
 * browsers get wrong) and reads its pixel size from the header, so an oversized image is refused
 * before it is decoded into hundreds of megabytes.
 */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export interface SniffedImage {
  format: ImageFormat;
  /** Pixel size from the header; null when the header does not say (or is cut short). */
  width: number | null;
  height: number | null;
}

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  if (has(8) && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') {
    // IHDR is always the first chunk: width and height at bytes 16 and 20, big-endian.
    return has(24) ? { format: 'png', width: view.getUint32(16), height: view.getUint32(20) } : { format: 'png', width: null, height: null };
  }
  if (has(6) && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return has(10) ? { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) } : { format: 'gif', width: null, height: null };
  }
  if (has(12) && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { format: 'webp', ...webpSize(bytes, view) };
  if (has(3) && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { format: 'jpeg', ...jpegSize(bytes, view) };
  return null;
}

function webpSize(bytes: Uint8Array, view: DataView): { width: number | null; height: number | null } {
  const chunk = bytes.length >= 16 ? ascii(bytes, 12, 4) : '';
  if (chunk === 'VP8X' && bytes.length >= 30) {
    const u24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30) return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return { width: null, height: null };
}

/** Walks JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(bytes: Uint8Array, view: DataView): { width: number | null; height: number | null } {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return { width: null, height: null };
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    at += 2 + view.getUint16(at + 2);
  }
  return { width: null, height: null };
}
