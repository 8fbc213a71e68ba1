/** File stand-ins and a pngjs decoder, so upload handling runs in Node tests. */
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../core/data/imageResize';
import type { UploadFile } from '../protocol';

export function fakeFile(name: string, bytes: Uint8Array, type = ''): UploadFile {
  return { name, type, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
}

export function pngBytes(width: number, height: number, shade = 200): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([shade, (i * 7) % 256, 255 - shade, 255], i * 4);
  return new Uint8Array(PNG.sync.write(png));
}

/** A 2×2 PNG whose header claims width × height (a file that lies about its size). */
export function pngClaiming(width: number, height: number): Uint8Array {
  const bytes = pngBytes(2, 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

export async function decodePng(bytes: ArrayBuffer, format: string): Promise<RgbaImage> {
  if (format !== 'png') throw new Error(`test decoder reads PNG only, got ${format}`);
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}
