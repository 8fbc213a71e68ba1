/**
 * A test-only reader of WebM files (Matroska's EBML): enough to check an export, not a demuxer.
 * It checks the EBML magic, reads the DocType, the video track's codec and size, and counts the
 * SimpleBlocks (one per encoded frame) in every Cluster with their key-frame flags.
 */

export const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3] as const;

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  codecId: 0x86,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  cluster: 0x1f43b675,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
} as const;
/** Master elements this reader descends into. */
const CONTAINERS = new Set<number>([ID.segment, ID.tracks, ID.trackEntry, ID.video, ID.cluster, ID.ebml]);

export interface WebmSummary {
  docType: string;
  codecId: string;
  width: number;
  height: number;
  /** One entry per SimpleBlock (one encoded frame), in file order: whether it is a key frame. */
  blocks: { key: boolean }[];
  clusters: number;
}

/** A variable-length integer at `pos`: its length in bytes and value (`keepMarker` for element ids). */
function vint(bytes: Uint8Array, pos: number, keepMarker: boolean): { length: number; value: number; unknown: boolean } {
  const first = bytes[pos];
  if (first === undefined) throw new Error(`truncated at byte ${pos}`);
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8) throw new Error(`bad variable-length integer at byte ${pos}`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = bytes[pos + i];
    if (b === undefined) throw new Error(`truncated at byte ${pos + i}`);
    value = value * 256 + b;
    if (b !== 0xff) allOnes = false;
  }
  return { length, value, unknown: !keepMarker && allOnes };
}

export function readWebm(input: Uint8Array): WebmSummary {
  if (!EBML_MAGIC.every((b, i) => input[i] === b)) throw new Error('not an EBML file (no 1A 45 DF A3 magic)');
  const out: WebmSummary = { docType: '', codecId: '', width: 0, height: 0, blocks: [], clusters: 0 };
  const text = (from: number, to: number) => String.fromCharCode(...input.subarray(from, to)).replace(/\0+$/, '');
  const uint = (from: number, to: number) => input.subarray(from, to).reduce((v, b) => v * 256 + b, 0);

  const walk = (start: number, end: number) => {
    let pos = start;
    while (pos < end) {
      const id = vint(input, pos, true);
      const size = vint(input, pos + id.length, false);
      const body = pos + id.length + size.length;
      // An element of unknown size (a live stream's Segment or Cluster) runs to its parent's end.
      const bodyEnd = size.unknown ? end : body + size.value;
      if (bodyEnd > input.length) throw new Error(`element 0x${id.value.toString(16)} at byte ${pos} runs past the end`);
      if (id.value === ID.cluster) out.clusters++;
      if (CONTAINERS.has(id.value)) walk(body, bodyEnd);
      else if (id.value === ID.docType) out.docType = text(body, bodyEnd);
      else if (id.value === ID.codecId) out.codecId = text(body, bodyEnd);
      else if (id.value === ID.pixelWidth) out.width = uint(body, bodyEnd);
      else if (id.value === ID.pixelHeight) out.height = uint(body, bodyEnd);
      else if (id.value === ID.simpleBlock) {
        // Track number (a vint), a 16-bit timecode, then the flags: 0x80 marks a key frame.
        const track = vint(input, body, false);
        out.blocks.push({ key: (input[body + track.length + 2] & 0x80) !== 0 });
      } else if (id.value === ID.blockGroup) throw new Error('BlockGroups are not read here (the exporter writes SimpleBlocks)');
      pos = bodyEnd;
    }
  };
  walk(0, input.length);
  return out;
}
