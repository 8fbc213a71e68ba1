/**
 * The latent walk as a WebM video (docs/latent-explorer.md, "WebM"): the frames are encoded with
 * WebCodecs' `VideoEncoder` (VP8, in software in Chromium) here in the worker, where the frames
 * already are, and muxed with webm-muxer. One frame per slice, so training waits for at most one
 * frame's encoding; progress after each; a cancel stops it at the next frame.
 *
 * The encoder is behind `VideoEncoding` so the loop, the muxing and the progress run in Node tests
 * with a stand-in encoder; `webCodecsEncoding` is the browser's.
 */
import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import { scaleNearest, type RgbaFrame } from '../core/export/timelapse';
import { WEBM_CODEC, webmFramePlan, webmSize } from '../core/export/webmPlan';

/** An encoded frame as the muxer takes it. */
export interface VideoChunk {
  data: Uint8Array;
  key: boolean;
  timestampUs: number;
}

export interface VideoEncoding {
  /** Queues one RGBA frame (`width`×`height` of the configured size); its chunk comes to `onChunk`. */
  encode(frame: RgbaFrame, timestampUs: number, durationUs: number, key: boolean): void;
  /** Frames queued and not yet encoded. */
  queued(): number;
  flush(): Promise<void>;
  close(): void;
}

export interface VideoEncodingConfig {
  width: number;
  height: number;
  fps: number;
}

/** Starts an encoder, or says in English why there is none here (no WebCodecs, codec unsupported). */
export type VideoEncodingFactory = (
  config: VideoEncodingConfig,
  onChunk: (chunk: VideoChunk) => void,
  onError: (e: Error) => void,
) => Promise<VideoEncoding | { unsupported: string }>;

/** Bits per second for the small, sharp-edged frames of a walk: plenty, and still a small file. */
const BITRATE = 2_000_000;
/** Frames allowed in the encoder's queue before the loop waits (bounded memory, steady progress). */
const MAX_QUEUED = 2;

/** The browser's WebCodecs VideoEncoder, VP8. */
export const webCodecsEncoding: VideoEncodingFactory = async ({ width, height, fps }, onChunk, onError) => {
  if (typeof VideoEncoder === 'undefined' || typeof VideoFrame === 'undefined') return { unsupported: 'this browser has no WebCodecs VideoEncoder in workers' };
  const config: VideoEncoderConfig = { codec: WEBM_CODEC.webCodecs, width, height, framerate: fps, bitrate: BITRATE, latencyMode: 'quality' };
  const support = await VideoEncoder.isConfigSupported(config).catch(() => null);
  if (!support?.supported) return { unsupported: `this browser's VideoEncoder cannot encode ${WEBM_CODEC.webCodecs} at ${width}×${height}` };
  const encoder = new VideoEncoder({
    output(chunk) {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      onChunk({ data, key: chunk.type === 'key', timestampUs: chunk.timestamp });
    },
    error: onError,
  });
  encoder.configure(config);
  return {
    encode(frame, timestampUs, durationUs, key) {
      const video = new VideoFrame(frame.pixels, {
        format: 'RGBA',
        codedWidth: frame.width,
        codedHeight: frame.height,
        timestamp: timestampUs,
        duration: durationUs,
      });
      try {
        encoder.encode(video, { keyFrame: key });
      } finally {
        video.close();
      }
    },
    queued: () => encoder.encodeQueueSize,
    flush: () => encoder.flush(),
    close: () => {
      if (encoder.state !== 'closed') encoder.close();
    },
  };
};

/** Puts a frame on an even-sided canvas (black beyond the picture), which VP8's 4:2:0 colour needs. */
function padTo(frame: RgbaFrame, width: number, height: number): RgbaFrame {
  if (frame.width === width && frame.height === height) return frame;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < frame.height; y++) pixels.set(frame.pixels.subarray(y * frame.width * 4, (y + 1) * frame.width * 4), y * width * 4);
  return { width, height, pixels };
}

export interface WebmJob {
  frames: readonly RgbaFrame[];
  fps: number;
  scale: number;
  /** Told after each frame: how many frames the encoder has given back, of `total`. */
  onProgress(encoded: number, total: number): void;
  /** True once the user cancelled (checked before each frame). */
  cancelled(): boolean;
  /** Lets training slices and other messages (a cancel) in. */
  yieldToEvents(): Promise<void>;
}

export type WebmResult = { ok: true; bytes: Uint8Array } | { ok: false; unsupported?: boolean; detail: string } | { ok: false; cancelled: true };

/** Encodes and muxes `job.frames` (all the same size, checked by the caller) into one WebM file. */
export async function encodeWebm(job: WebmJob, start: VideoEncodingFactory): Promise<WebmResult> {
  const first = job.frames[0];
  const size = webmSize(first.width, first.height, job.scale);
  const plan = webmFramePlan(job.frames.length, job.fps);
  const muxer = new Muxer({
    target: new ArrayBufferTarget(),
    video: { codec: WEBM_CODEC.matroska, width: size.width, height: size.height, frameRate: job.fps },
  });
  // Written by the encoder's callbacks, so kept in an object (not narrowed like a local).
  const seen: { encoded: number; failure: Error | null } = { encoded: 0, failure: null };
  const encoding = await start(
    { ...size, fps: job.fps },
    (chunk) => {
      muxer.addVideoChunkRaw(chunk.data, chunk.key ? 'key' : 'delta', chunk.timestampUs);
      seen.encoded++;
    },
    (e) => (seen.failure = e),
  );
  if ('unsupported' in encoding) return { ok: false, unsupported: true, detail: encoding.unsupported };
  const total = plan.length;
  try {
    job.onProgress(0, total);
    for (const [i, frame] of job.frames.entries()) {
      if (job.cancelled()) return { ok: false, cancelled: true };
      if (seen.failure) break;
      const { timestampUs, durationUs, key } = plan[i];
      encoding.encode(padTo(scaleNearest(frame, job.scale), size.width, size.height), timestampUs, durationUs, key);
      // Wait for the encoder rather than queue every frame at once.
      while (encoding.queued() > MAX_QUEUED && !seen.failure) await job.yieldToEvents();
      job.onProgress(seen.encoded, total);
      await job.yieldToEvents();
    }
    if (!seen.failure) await encoding.flush();
  } catch (e) {
    seen.failure ??= e as Error;
  } finally {
    encoding.close();
  }
  if (seen.failure) return { ok: false, detail: seen.failure.message || 'the encoder failed' };
  if (job.cancelled()) return { ok: false, cancelled: true };
  if (seen.encoded !== total) return { ok: false, detail: `the encoder gave ${seen.encoded} of ${total} frames` };
  job.onProgress(seen.encoded, total);
  muxer.finalize();
  return { ok: true, bytes: new Uint8Array(muxer.target.buffer) };
}
