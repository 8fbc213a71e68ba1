/**
 * The plan of a WebM export (docs/latent-explorer.md, "WebM"): each frame's timestamp, duration and
 * whether it is a key frame, and the video's size. No WebCodecs here, so the plan is tested in
 * Node; the worker's encoder (src/worker/webmExport.ts) follows it.
 */

/** Microseconds, the unit of WebCodecs timestamps and of webm-muxer's. */
const US = 1_000_000;
/** A key frame every this many frames: a player can seek, and one lost frame spoils little. */
export const WEBM_KEY_EVERY = 32;
/** VP8 in Chromium's software encoder: every browser that has WebCodecs encodes it. */
export const WEBM_CODEC = { webCodecs: 'vp8', matroska: 'V_VP8' } as const;

export interface WebmFrame {
  timestampUs: number;
  durationUs: number;
  key: boolean;
}

/** Frame `i` starts at round(i·10⁶/fps) µs, so a long video does not drift; frame 0 is a key frame. */
export function webmFramePlan(frames: number, fps: number, keyEvery = WEBM_KEY_EVERY): WebmFrame[] {
  if (!(Number.isInteger(frames) && frames >= 1)) throw new Error(`a video needs a whole number of frames ≥ 1; got ${frames}`);
  if (!(fps > 0 && fps <= 120)) throw new Error(`fps must be in (0, 120]; got ${fps}`);
  const at = (i: number) => Math.round((i * US) / fps);
  return Array.from({ length: frames }, (_, i) => ({ timestampUs: at(i), durationUs: at(i + 1) - at(i), key: i % keyEvery === 0 }));
}

/**
 * The video's size for frames of `width`×`height` drawn `scale` times larger: VP8 encodes 4:2:0
 * colour, whose half-size chroma planes need even sides, so an odd side gains one pixel.
 */
export function webmSize(width: number, height: number, scale: number): { width: number; height: number } {
  const even = (n: number) => n + (n % 2);
  return { width: even(width * scale), height: even(height * scale) };
}
