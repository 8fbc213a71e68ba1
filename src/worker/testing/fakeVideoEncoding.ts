/**
 * A stand-in for WebCodecs' VideoEncoder in Node tests of the WebM export: each frame comes back
 * as a small chunk one turn of the event loop later (as a real encoder answers asynchronously),
 * so the export's queueing, progress, cancel and muxing are exercised without a browser.
 */
import type { VideoChunk, VideoEncodingFactory } from '../webmExport';

export interface FakeEncoderLog {
  configs: { width: number; height: number; fps: number }[];
  /** Each encoded frame's size, timestamp and key flag, in order. */
  frames: { width: number; height: number; timestampUs: number; key: boolean }[];
  closed: number;
}

/** `failAt`: the encoder reports an error instead of frame `failAt`'s chunk. */
export function fakeVideoEncoding(log: FakeEncoderLog = { configs: [], frames: [], closed: 0 }, failAt = -1): VideoEncodingFactory {
  return async (config, onChunk, onError) => {
    log.configs.push(config);
    let pending = 0;
    let closed = false;
    const settled: Promise<void>[] = [];
    return {
      encode(frame, timestampUs, _durationUs, key) {
        if (frame.width !== config.width || frame.height !== config.height) throw new Error(`frame ${frame.width}×${frame.height} is not the configured size`);
        const index = log.frames.length;
        log.frames.push({ width: frame.width, height: frame.height, timestampUs, key });
        pending++;
        settled.push(
          new Promise<void>((done) =>
            setTimeout(() => {
              pending--;
              if (!closed) {
                if (index === failAt) onError(new Error(`encoder broke at frame ${index}`));
                // Some bytes of the picture, so chunks differ as frames do.
                else onChunk({ data: Uint8Array.from(frame.pixels.subarray(0, 16)), key, timestampUs } satisfies VideoChunk);
              }
              done();
            }, 0),
          ),
        );
      },
      queued: () => pending,
      flush: async () => {
        await Promise.all(settled);
      },
      close() {
        closed = true;
        log.closed++;
      },
    };
  };
}
