/**
 * The WebM export in Node with a stand-in encoder (testing/fakeVideoEncoding.ts): the muxed file
 * read back by the test reader (core/testing/webmBlocks.ts), progress, cancel, an encoder
 * failure, a browser without WebCodecs, and the commands through the worker session.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageDataset } from '../core/testing/fixtures';
import { readWebm } from '../core/testing/webmBlocks';
import type { DatasetSource } from '../core/data/types';
import type { RgbaFrame } from '../core/export/timelapse';
import { encodeWebm, webCodecsEncoding, type WebmJob } from './webmExport';
import { cpuSession } from './testing/cpuSession';
import { fakeVideoEncoding, type FakeEncoderLog } from './testing/fakeVideoEncoding';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `n` frames of w×h, frame i a flat grey of level 4·i. */
const frames = (n: number, w = 28, h = 28): RgbaFrame[] =>
  Array.from({ length: n }, (_, i) => ({ width: w, height: h, pixels: new Uint8ClampedArray(w * h * 4).fill(4 * i) }));

function job(n: number, over: Partial<WebmJob> = {}) {
  const progress: [number, number][] = [];
  const j: WebmJob = {
    frames: frames(n),
    fps: 8,
    scale: 4,
    onProgress: (e, t) => progress.push([e, t]),
    cancelled: () => false,
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    ...over,
  };
  return { j, progress };
}

const newLog = (): FakeEncoderLog => ({ configs: [], frames: [], closed: 0 });

describe('encodeWebm', () => {
  it('64 frames become a WebM with 64 SimpleBlocks, VP8 at 112×112, key frames at 0 and 32', async () => {
    const log = newLog();
    const { j, progress } = job(64);
    const out = await encodeWebm(j, fakeVideoEncoding(log));
    expect(out.ok).toBe(true);
    const bytes = (out as { bytes: Uint8Array }).bytes;
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    const webm = readWebm(bytes);
    expect(webm).toMatchObject({ docType: 'webm', codecId: 'V_VP8', width: 112, height: 112 });
    expect(webm.blocks).toHaveLength(64);
    expect(webm.blocks.flatMap((b, i) => (b.key ? [i] : []))).toEqual([0, 32]);
    expect(log.configs).toEqual([{ width: 112, height: 112, fps: 8 }]);
    expect(log.frames.map((f) => f.timestampUs).slice(0, 3)).toEqual([0, 125_000, 250_000]);
    expect(log.closed).toBe(1);
    // Progress: from 0 of 64, never backwards, to 64 of 64.
    expect(progress[0]).toEqual([0, 64]);
    expect(progress.at(-1)).toEqual([64, 64]);
    expect(progress.every(([e, t], i) => t === 64 && (i === 0 || e >= progress[i - 1][0]))).toBe(true);
    expect(progress.length).toBeGreaterThan(10);
  });

  it('a cancel stops it at the next frame: no file, the encoder closed', async () => {
    const log = newLog();
    let seen = 0;
    const { j } = job(64, { onProgress: () => seen++, cancelled: () => seen > 5 });
    expect(await encodeWebm(j, fakeVideoEncoding(log))).toEqual({ ok: false, cancelled: true });
    expect(log.frames.length).toBeLessThan(10);
    expect(log.closed).toBe(1);
  });

  it('an encoder error ends it with the encoder’s words', async () => {
    const log = newLog();
    const out = await encodeWebm(job(20).j, fakeVideoEncoding(log, 3));
    expect(out).toEqual({ ok: false, detail: 'encoder broke at frame 3' });
    expect(log.closed).toBe(1);
  });

  it('where WebCodecs is missing (Node has no VideoEncoder), it says so', async () => {
    expect(typeof (globalThis as { VideoEncoder?: unknown }).VideoEncoder).toBe('undefined');
    const out = await encodeWebm(job(4).j, webCodecsEncoding);
    expect(out).toEqual({ ok: false, unsupported: true, detail: 'this browser has no WebCodecs VideoEncoder in workers' });
  });
});

describe('latentWebm through the worker session', () => {
  const images = imageDataset([28, 28, 1], 32);
  const source: DatasetSource = {
    info: { ...images.info, id: 'imgs', recommended: { model: 'dcgan28-small', batchSize: 8, latentDim: 8 } },
    load: async () => ({ ...images, info: source.info }),
  };

  it('posts progress and the file; a cancelled export posts no file; a bad message is refused', async () => {
    const h = cpuSession([source], { videoEncoding: fakeVideoEncoding() });
    await h.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    await h.session.handle({ type: 'latentWebm', id: 7, frames: frames(12), fps: 8, scale: 2 });
    const progress = h.of('latentWebmProgress').filter((e) => e.id === 7);
    expect(progress[0]).toMatchObject({ encoded: 0, total: 12 });
    expect(progress.at(-1)).toMatchObject({ encoded: 12, total: 12 });
    const file = h.of('latentWebm').find((e) => e.id === 7)!;
    expect(readWebm(file.bytes)).toMatchObject({ width: 56, height: 56, blocks: { length: 12 } });

    const running = h.session.handle({ type: 'latentWebm', id: 8, frames: frames(64), fps: 8, scale: 1 });
    while (!h.of('latentWebmProgress').some((e) => e.id === 8 && e.encoded >= 2)) await new Promise((r) => setTimeout(r, 0));
    await h.session.handle({ type: 'latentWebmCancel', id: 8 });
    await running;
    expect(h.of('latentWebm').filter((e) => e.id === 8)).toEqual([]);
    expect(
      h
        .of('latentWebmProgress')
        .filter((e) => e.id === 8)
        .at(-1)!.encoded,
    ).toBeLessThan(64);

    await h.session.handle({ type: 'latentWebm', id: 9, frames: frames(2), fps: 0, scale: 1 });
    expect(h.of('error').at(-1)).toMatchObject({ source: 'latentWebm', code: 'bad-message', message: expect.stringMatching(/"fps" must be a whole number/) });
    expect(h.of('error')).toHaveLength(1);
  });

  it('without WebCodecs the worker answers with the worded reason', async () => {
    const h = cpuSession([source]);
    await h.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    await h.session.handle({ type: 'latentWebm', id: 1, frames: frames(3), fps: 8, scale: 1 });
    expect(h.of('error').at(-1)).toMatchObject({
      source: 'latentWebm',
      code: 'export-failed',
      key: 'webmUnsupported',
      message: 'WebM export is not possible in this browser (this browser has no WebCodecs VideoEncoder in workers); export a GIF instead',
    });
    expect(h.of('latentWebm')).toEqual([]);
  });
});
