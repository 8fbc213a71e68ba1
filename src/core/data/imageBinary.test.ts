import { describe, expect, it } from 'vitest';
import { IMAGE_BINARY_HEADER_BYTES, decodeImageBinary, encodeImageBinary, interleaveByClass, type ImageBinary } from './imageBinary';

function sample(withLabels: boolean): ImageBinary {
  const count = 5;
  const [height, width, channels] = [3, 4, 2];
  const pixels = Uint8Array.from({ length: count * height * width * channels }, (_, i) => (i * 37) % 256);
  const labels = withLabels ? Uint8Array.from([4, 0, 9, 255, 1]) : undefined;
  return { count, height, width, channels, pixels, labels };
}

describe('image binary format', () => {
  it('round-trips a labelled set byte for byte', () => {
    const img = sample(true);
    const bytes = encodeImageBinary(img);
    expect(bytes.length).toBe(IMAGE_BINARY_HEADER_BYTES + 5 + img.pixels.length);
    const back = decodeImageBinary(bytes.buffer as ArrayBuffer);
    expect([back.count, back.height, back.width, back.channels]).toEqual([5, 3, 4, 2]);
    expect(Array.from(back.labels!)).toEqual([4, 0, 9, 255, 1]);
    expect(Array.from(back.pixels)).toEqual(Array.from(img.pixels));
  });

  it('round-trips an unlabelled set, and decodes from a Uint8Array view at an offset', () => {
    const img = sample(false);
    const bytes = encodeImageBinary(img);
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 7);
    const back = decodeImageBinary(padded.subarray(7));
    expect(back.labels).toBeUndefined();
    expect(Array.from(back.pixels)).toEqual(Array.from(img.pixels));
  });

  it('rejects wrong magic, unknown version, truncation and bad shapes with a message', () => {
    const bytes = encodeImageBinary(sample(true));
    const badMagic = bytes.slice();
    badMagic[0] = 0x58;
    expect(() => decodeImageBinary(badMagic, 'x.bin')).toThrow(/x\.bin: bad magic/);
    const badVersion = bytes.slice();
    badVersion[4] = 99;
    expect(() => decodeImageBinary(badVersion)).toThrow(/version 99/);
    expect(() => decodeImageBinary(bytes.slice(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeImageBinary(bytes.slice(0, 10))).toThrow(/header/);
    expect(() => encodeImageBinary({ ...sample(true), pixels: new Uint8Array(3) })).toThrow(/pixel bytes/);
    expect(() => encodeImageBinary({ ...sample(true), labels: new Uint8Array(2) })).toThrow(/labels/);
  });

  it('interleaves classes round-robin and skips exhausted classes', () => {
    expect(interleaveByClass([2, 1, 3])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [2, 1],
      [2, 2],
    ]);
    expect(interleaveByClass([])).toEqual([]);
  });
});
