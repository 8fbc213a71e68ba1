/** The upload rows of docs/bad-input.md: each file gets its reason; nothing huge is decoded. */
import { describe, expect, it } from 'vitest';
import { buildUploadSource, MAX_IMAGES } from './imageUploads';
import { decodePng, fakeFile, pngBytes, pngClaiming } from './testing/fakeFiles';

const mustNotDecode = async (): Promise<never> => {
  throw new Error('decoded a file that should have been refused from its header');
};

/** A 40-byte GIF whose screen and frame claim 65,535 × 65,535 (a decompression bomb's header). */
function gifBomb(): Uint8Array {
  const b = [...new TextEncoder().encode('GIF89a'), 0xff, 0xff, 0xff, 0xff, 0, 0, 0];
  b.push(0x2c, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 2, 2, 0x4c, 0x01, 0, 0x3b);
  return new Uint8Array(b);
}

describe('bad uploads', () => {
  it('a header claiming 100,000 × 100,000 and a GIF bomb are refused before decoding', async () => {
    const out = await buildUploadSource([fakeFile('huge.png', pngClaiming(100_000, 100_000)), fakeFile('bomb.gif', gifBomb())], 'grey28', mustNotDecode);
    expect(out.source).toBeNull();
    expect(Object.fromEntries(out.skipped.map((s) => [s.name, s.reason]))).toEqual({
      'huge.png': 'too large: 100000×100000 is 10000 megapixels; the limit is 50',
      'bomb.gif': 'too large: 65535×65535 is 4295 megapixels; the limit is 50',
    });
  });

  it('wrong magic (a text file named .png) and a truncated PNG are skipped; the good file still counts', async () => {
    const files = [
      fakeFile('fake.png', new TextEncoder().encode('not a png at all')),
      fakeFile('cut.png', pngBytes(8, 8).subarray(0, 60)),
      fakeFile('ok.png', pngBytes(4, 4)),
    ];
    const out = await buildUploadSource(files, 'grey28', decodePng);
    expect(out.accepted).toBe(1);
    expect(out.skipped.map((s) => s.name)).toEqual(['fake.png', 'cut.png']);
    expect(out.skipped[0].reason).toBe('not an image (PNG, JPEG, WebP or GIF expected)');
    expect(out.skipped[1].reason).toMatch(/^corrupt or unreadable PNG/);
  });

  it('a folder of text files gives no dataset and a reason for each file', async () => {
    const files = Array.from({ length: 5 }, (_, i) => fakeFile(`notes${i}.txt`, new TextEncoder().encode(`line ${i}`)));
    const out = await buildUploadSource(files, 'rgb32', decodePng);
    expect(out.source).toBeNull();
    expect(out.skipped).toHaveLength(5);
  });

  it(`${MAX_IMAGES + 1} files: ${MAX_IMAGES} are used, 1 is counted as left out`, async () => {
    const tiny = pngBytes(1, 1);
    const out = await buildUploadSource(
      Array.from({ length: MAX_IMAGES + 1 }, (_, i) => fakeFile(`${i}.png`, tiny)),
      'grey28',
      decodePng,
    );
    expect(out.accepted).toBe(MAX_IMAGES);
    expect(out.capped).toBe(1);
  });
});
