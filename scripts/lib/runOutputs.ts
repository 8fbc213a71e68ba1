/** Files a CLI run writes: metrics.csv, summary.json and the generated samples. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
export { metricsCsv } from '../../src/core/export/metricsCsv';
import type { GridImage } from '../../src/core/sampleGrid';

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** 2-D points as x,y rows; 1-D samples (the Dirac-GAN) as x rows. */
export function pointsCsv(points: Float32Array, dim = 2): string {
  const lines = [dim === 1 ? 'x' : 'x,y'];
  for (let i = 0; i + dim - 1 < points.length; i += dim) lines.push(Array.from(points.subarray(i, i + dim)).join(','));
  return lines.join('\n') + '\n';
}

/** Images in [-1, 1] → uint8 0–255, same N×H×W×C order. */
export function imagesToBytes(images: Float32Array): Uint8Array {
  const out = new Uint8Array(images.length);
  for (let i = 0; i < images.length; i++) out[i] = Math.round(((Math.max(-1, Math.min(1, images[i])) + 1) / 2) * 255);
  return out;
}

export function writePng(path: string, image: GridImage): void {
  const png = new PNG({ width: image.width, height: image.height });
  png.data.set(image.pixels);
  writeFileSync(path, PNG.sync.write(png));
}

export function writeJson(dir: string, name: string, value: unknown): void {
  writeFileSync(join(dir, name), JSON.stringify(value, null, 2) + '\n');
}
