/** Images made inside the tests (pngjs, in Node), so no binary fixture is committed. */
import { PNG } from 'pngjs';

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A w×h PNG: a light shape on a dark ground that differs with `seed` (a blob, a bar, a ring…). */
export function makePng(seed: number, w = 28, h = 28): Buffer {
  const png = new PNG({ width: w, height: h });
  const cx = w * (0.3 + 0.4 * (((seed * 37) % 11) / 10));
  const cy = h * (0.3 + 0.4 * (((seed * 53) % 7) / 6));
  const r = Math.min(w, h) * (0.15 + 0.15 * ((seed % 5) / 4));
  const shape = seed % 3;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = Math.hypot(x - cx, y - cy);
      const on = shape === 0 ? d < r : shape === 1 ? Math.abs(d - r) < 2 : Math.abs(x - cx) < r / 2 && Math.abs(y - cy) < r * 1.4;
      const i = (y * w + x) * 4;
      png.data[i] = on ? 230 : 20 + (seed % 4) * 5;
      png.data[i + 1] = on ? 200 + (seed % 50) : 20;
      png.data[i + 2] = on ? 120 : 30;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export const pngFile = (name: string, seed: number): FilePayload => ({ name, mimeType: 'image/png', buffer: makePng(seed) });

/** A PNG cut off in its pixel data: the header (and size) read fine, decoding fails. */
export function corruptPng(): Buffer {
  const good = makePng(1, 64, 64);
  const cut = Buffer.from(good.subarray(0, 60));
  return Buffer.concat([cut, Buffer.alloc(40, 0x5a)]);
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The start of a 10,000×10,000 PNG: a real header, then a little data (the size alone must refuse it). */
export function hugePngHeader(width = 10_000, height = 10_000): Buffer {
  const ihdr = Buffer.alloc(17);
  ihdr.write('IHDR', 0, 'ascii');
  ihdr.writeUInt32BE(width, 4);
  ihdr.writeUInt32BE(height, 8);
  ihdr.set([8, 6, 0, 0, 0], 12);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(ihdr));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), len, ihdr, crc, Buffer.alloc(64, 0)]);
}
