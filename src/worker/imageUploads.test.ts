import { describe, expect, it } from 'vitest';
import { buildUploadSource, MAX_IMAGES } from './imageUploads';
import { decodePng, fakeFile, pngBytes } from './testing/fakeFiles';

/** A PNG whose IHDR claims 10,000×10,000 (the pixels are never decoded). */
function hugePngHeader(): Uint8Array {
  const bytes = pngBytes(2, 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, 10_000);
  view.setUint32(20, 10_000);
  return bytes;
}

describe('buildUploadSource', () => {
  it('accepts images, skips the rest with a reason each, and builds a 28×28 grey set in [-1, 1]', async () => {
    const files = [
      fakeFile('a.png', pngBytes(40, 30)),
      fakeFile('b.png', pngBytes(5, 5, 10)),
      fakeFile('notes.txt', new TextEncoder().encode('hello')),
      fakeFile('empty.png', new Uint8Array(0)),
      fakeFile('broken.png', pngBytes(8, 8).subarray(0, 40)),
      fakeFile('huge.png', hugePngHeader()),
    ];
    const out = await buildUploadSource(files, 'grey28', decodePng);
    expect(out.accepted).toBe(2);
    expect(out.capped).toBe(0);
    expect(Object.fromEntries(out.skipped.map((s) => [s.name, s.reason]))).toEqual({
      'notes.txt': 'not an image (PNG, JPEG, WebP or GIF expected)',
      'empty.png': 'empty file (0 bytes)',
      'broken.png': expect.stringMatching(/^corrupt or unreadable PNG/),
      'huge.png': 'too large: 10000×10000 is 100 megapixels; the limit is 50',
    });
    const ds = await out.source!.load({ seed: 1, readAsset: async () => new ArrayBuffer(0) });
    expect(ds.info).toMatchObject({ id: 'upload', shape: [28, 28, 1], count: 2, kind: 'image' });
    const batch = new Float32Array(2 * 784);
    ds.readBatch([0, 1], batch);
    expect(Math.min(...batch)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...batch)).toBeLessThanOrEqual(1);
  });

  it('one image is enough; RGB 32×32 keeps colour', async () => {
    const out = await buildUploadSource([fakeFile('one.png', pngBytes(64, 64, 250))], 'rgb32', decodePng);
    expect(out.accepted).toBe(1);
    const ds = await out.source!.load({ seed: 1, readAsset: async () => new ArrayBuffer(0) });
    const px = new Float32Array(32 * 32 * 3);
    ds.readBatch([0], px);
    // Red 250 → ≈ 0.96, blue 5 → ≈ -0.96.
    expect(px[0]).toBeCloseTo(250 / 127.5 - 1, 2);
    expect(px[2]).toBeCloseTo(5 / 127.5 - 1, 2);
  });

  it('zero usable files gives no dataset', async () => {
    const out = await buildUploadSource([fakeFile('x.txt', new Uint8Array([1, 2, 3]))], 'grey28', decodePng);
    expect(out.source).toBeNull();
    expect(out.accepted).toBe(0);
  });

  it(`caps a set at ${MAX_IMAGES} images and counts what was left out`, async () => {
    const tiny = pngBytes(1, 1);
    const files = Array.from({ length: MAX_IMAGES + 7 }, (_, i) => fakeFile(`${i}.png`, tiny));
    let progressCalls = 0;
    const out = await buildUploadSource(files, 'grey28', decodePng, { onProgress: () => progressCalls++ });
    expect(out.accepted).toBe(MAX_IMAGES);
    expect(out.capped).toBe(7);
    expect(progressCalls).toBe(MAX_IMAGES);
  });
});
