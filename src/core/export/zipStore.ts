/**
 * A zip archive with its files stored uncompressed (method 0): enough to hand over model.json and
 * weights.bin as one download, which every unzip tool opens. Pure TS.
 */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** DOS date and time fields (local time), as zip headers carry them. */
function dosTime(d: Date): [number, number] {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return [time, date];
}

export function storedZip(entries: readonly ZipEntry[], when = new Date()): Uint8Array {
  const enc = new TextEncoder();
  const [time, date] = dosTime(when);
  const names = entries.map((e) => enc.encode(e.name));
  const crcs = entries.map((e) => crc32(e.bytes));
  const localSize = entries.reduce((s, e, i) => s + 30 + names[i].length + e.bytes.length, 0);
  const centralSize = names.reduce((s, n) => s + 46 + n.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => (view.setUint16(at, v, true), (at += 2));
  const u32 = (v: number) => (view.setUint32(at, v >>> 0, true), (at += 4));
  const offsets: number[] = [];
  entries.forEach((e, i) => {
    offsets.push(at);
    u32(0x04034b50);
    u16(20); // version needed
    u16(0x0800); // names are UTF-8
    u16(0); // stored
    u16(time);
    u16(date);
    u32(crcs[i]);
    u32(e.bytes.length);
    u32(e.bytes.length);
    u16(names[i].length);
    u16(0);
    out.set(names[i], at);
    at += names[i].length;
    out.set(e.bytes, at);
    at += e.bytes.length;
  });
  const centralStart = at;
  entries.forEach((e, i) => {
    u32(0x02014b50);
    u16(20); // made by
    u16(20);
    u16(0x0800);
    u16(0);
    u16(time);
    u16(date);
    u32(crcs[i]);
    u32(e.bytes.length);
    u32(e.bytes.length);
    u16(names[i].length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offsets[i]);
    out.set(names[i], at);
    at += names[i].length;
  });
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(entries.length);
  u16(entries.length);
  u32(centralSize);
  u32(centralStart);
  u16(0);
  return out;
}

/** Reads back a stored zip's files (for tests and for checking a download). */
export function readStoredZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dec = new TextDecoder();
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && view.getUint32(at, true) === 0x04034b50) {
    if (view.getUint16(at + 8, true) !== 0) throw new Error('only stored entries are read');
    const size = view.getUint32(at + 18, true);
    const nameLen = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    const name = dec.decode(bytes.subarray(at + 30, at + 30 + nameLen));
    const start = at + 30 + nameLen + extra;
    const data = bytes.slice(start, start + size);
    if (data.length !== size || crc32(data) !== view.getUint32(at + 14, true)) throw new Error(`${name}: truncated or corrupt`);
    entries.push({ name, bytes: data });
    at = start + size;
  }
  return entries;
}
