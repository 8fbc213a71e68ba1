import { describe, expect, it } from 'vitest';
import { crc32, readStoredZip, storedZip } from './zipStore';

describe('storedZip', () => {
  it('round-trips files byte for byte', () => {
    const a = new TextEncoder().encode('{"format":"layers-model"}');
    const b = new Uint8Array(1000).map((_, i) => i * 31);
    const zip = storedZip([
      { name: 'generator/model.json', bytes: a },
      { name: 'generator/weights.bin', bytes: b },
    ]);
    const back = readStoredZip(zip);
    expect(back.map((e) => e.name)).toEqual(['generator/model.json', 'generator/weights.bin']);
    expect(back[0].bytes).toEqual(a);
    expect(back[1].bytes).toEqual(b);
    // End-of-central-directory record: two entries.
    const view = new DataView(zip.buffer);
    expect(view.getUint32(zip.length - 22, true)).toBe(0x06054b50);
    expect(view.getUint16(zip.length - 12, true)).toBe(2);
  });

  it('has the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('detects a corrupt file', () => {
    const zip = storedZip([{ name: 'x', bytes: new Uint8Array([1, 2, 3]) }]);
    zip[31] ^= 0xff;
    expect(() => readStoredZip(zip)).toThrow(/corrupt/);
  });
});
