/**
 * Walks a GIF's blocks and returns each frame's size (image descriptors), so tests can check an
 * exported timelapse without a decoder package. Throws on a malformed stream.
 */
export interface GifInfo {
  width: number;
  height: number;
  frames: { width: number; height: number; delayMs: number }[];
  loops: boolean;
}

export function gifFrames(bytes: Uint8Array): GifInfo {
  const sig = String.fromCharCode(...bytes.subarray(0, 6));
  if (sig !== 'GIF89a' && sig !== 'GIF87a') throw new Error(`not a GIF (starts with ${JSON.stringify(sig)})`);
  const u16 = (at: number) => bytes[at] | (bytes[at + 1] << 8);
  const info: GifInfo = { width: u16(6), height: u16(8), frames: [], loops: false };
  let at = 13;
  if (bytes[10] & 0x80) at += 3 << ((bytes[10] & 7) + 1);
  const skipSubBlocks = () => {
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at] + 1;
    if (at >= bytes.length) throw new Error('truncated GIF');
    at++;
  };
  let delayMs = 0;
  for (;;) {
    if (at >= bytes.length) throw new Error('GIF has no trailer');
    const b = bytes[at];
    if (b === 0x3b) return info;
    if (b === 0x21) {
      const label = bytes[at + 1];
      if (label === 0xf9) delayMs = u16(at + 4) * 10;
      if (label === 0xff && String.fromCharCode(...bytes.subarray(at + 3, at + 14)) === 'NETSCAPE2.0') info.loops = true;
      at += 2;
      skipSubBlocks();
    } else if (b === 0x2c) {
      info.frames.push({ width: u16(at + 5), height: u16(at + 7), delayMs });
      const packed = bytes[at + 9];
      at += 10;
      if (packed & 0x80) at += 3 << ((packed & 7) + 1);
      at++; // LZW minimum code size
      skipSubBlocks();
    } else throw new Error(`unexpected GIF block 0x${b.toString(16)} at ${at}`);
  }
}
