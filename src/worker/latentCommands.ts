/**
 * The latent explorer's worker side (docs/latent-explorer.md): pictures of the run's sampler
 * (G_ema when kept, else G) along an interpolation, a walk or around a nudged grid sample, and
 * their GIF or WebM (webmExport.ts). Training keeps going: these run beside the command queue and draw a few frames per
 * slice, yielding between slices, so the training loop waits for at most one slice of them.
 */
import { imagesAt, referenceStats, type ClassInput } from '../core/latent/latentImages';
import { classMixPath, classRows } from '../core/latent/classPaths';
import { oneHotRows } from '../core/models/conditionalSpecs';
import * as tf from '@tensorflow/tfjs';
import { gaussianVector, interpolationPath, latentWalk } from '../core/latent/latentPaths';
import { Random } from '../core/random';
import { imageGridRGBA } from '../core/sampleGrid';
import { checkFrames, scaleNearest } from '../core/export/timelapse';
import { SAMPLE_GRID_SIDE, type Trainer } from '../core/train/trainer';
import { GIFEncoder, applyPalette, quantize } from 'gifenc';
import type { LatentCommand, LatentKind, LatentRequest } from './latentProtocol';
import type { ErrorCode, ErrorSource, WorkerEvent } from './protocol';
import { worded, type Worded } from './wording';
import { encodeWebm, webCodecsEncoding, type VideoEncodingFactory } from './webmExport';

/** Frames drawn per slice: one forward pass of a handful of images, less than a training step. */
export const FRAMES_PER_SLICE = 8;
/** How far a nudge of ±1 moves z along one direction, as a share of the sphere's radius √d·σ. */
export const NUDGE_REACH = 0.5;
/** Added to a grid sample's number to seed its nudge directions (fixed per sample and run seed). */
const NUDGE_SEED = 7919;

export interface LatentHost {
  post(event: WorkerEvent): void;
  fail(source: ErrorSource, code: ErrorCode, text: string | Worded): void;
  /** The run's trainer (run A in a twin), or null before a run is built. */
  trainer(): Trainer | null;
  /** Lets training slices and other messages in. */
  yieldToEvents(): Promise<void>;
  /** The video encoder for WebM exports (the browser's WebCodecs unless a test gives its own). */
  videoEncoding?: VideoEncodingFactory;
}

/** `count` unit directions in d dimensions, the same for the same sample and run seed. */
export function nudgeDirections(runSeed: number, index: number, d: number, count: number): Float32Array[] {
  const rng = new Random(runSeed * 131 + index + NUDGE_SEED);
  return Array.from({ length: count }, () => {
    const v = gaussianVector(rng, d);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

/** A class the run does not have, worded for the page (`worker.classOutOfRange`); `source` prefixes the English. */
export function classOutOfRange(source: string, classIndex: number, classes: number): Worded {
  return worded('classOutOfRange', { classIndex, last: classes - 1 }, `${source}: class ${classIndex} is out of range: this run has classes 0–${classes - 1}`);
}

export function createLatentCommands(host: LatentHost) {
  // The newest request of each kind; an older one still drawing stops at its next slice.
  const current: Record<LatentKind, number> = { interpolate: -1, walk: -1, explore: -1 };

  /** What a request draws: the z of every frame (frames × d) and, for a conditional run, each frame's class row. */
  interface Path {
    zs: Float32Array;
    classes?: ClassInput;
  }

  /** The z (and classes) of every frame of `request`, or a reason it cannot be drawn. */
  async function pathOf(t: Trainer, request: LatentRequest): Promise<Path | string | Worded> {
    const d = t.config.latentDim;
    const grid = SAMPLE_GRID_SIDE * SAMPLE_GRID_SIDE;
    const row = async (i: number) => {
      const all = (await t.gridNoise.data()) as Float32Array;
      return all.slice(i * d, (i + 1) * d);
    };
    const n = t.classes;
    const gridClass = (i: number) => t.sampleClasses?.[i] ?? 0;
    // Classes are checked here, against this run: the protocol only knows they are whole numbers.
    const classProblem = (cs: number[]): string | Worded | null => {
      if (!n) return cs.length ? 'this run is not conditional: it has no classes to ask for' : null;
      const bad = cs.find((c) => !(Number.isInteger(c) && c >= 0 && c < n));
      return bad === undefined ? null : classOutOfRange('latentFrames', bad, n);
    };
    const inRange = (i: number) => i < grid;
    switch (request.kind) {
      case 'interpolate': {
        if (request.along === 'class') {
          if (!n) return 'this run is not conditional: only a conditional run has a class embedding to walk';
          if (!inRange(request.index)) return `samples are numbered 0 to ${grid - 1}`;
          const problem = classProblem(request.classes);
          if (problem) return problem;
          const z = await row(request.index);
          const zs = new Float32Array(request.frames * d);
          for (let f = 0; f < request.frames; f++) zs.set(z, f * d);
          return { zs, classes: { rows: classMixPath(request.classes[0], request.classes[1], request.frames, n), classes: n } };
        }
        if (!inRange(request.from) || !inRange(request.to)) return `samples are numbered 0 to ${grid - 1}`;
        const problem = classProblem(request.classes ?? []);
        if (problem) return problem;
        const zs = interpolationPath(await row(request.from), await row(request.to), request.frames);
        if (!n) return { zs };
        const [a, b] = request.classes ?? [gridClass(request.from), gridClass(request.to)];
        return { zs, classes: { rows: classMixPath(a, b, request.frames, n), classes: n } };
      }
      case 'walk': {
        if (n && request.classIndex === undefined) return 'a conditional run\'s walk needs a class ("classIndex")';
        const problem = classProblem(request.classIndex === undefined ? [] : [request.classIndex]);
        if (problem) return problem;
        const zs = latentWalk(request.seed, d, t.config.latentStd, request.stops, request.framesPerLeg);
        return n ? { zs, classes: { rows: classRows(request.classIndex!, zs.length / d, n), classes: n } } : { zs };
      }
      case 'explore': {
        if (!inRange(request.index)) return `samples are numbered 0 to ${grid - 1}`;
        const problem = classProblem(request.classIndex === undefined ? [] : [request.classIndex]);
        if (problem) return problem;
        const z = await row(request.index);
        const reach = NUDGE_REACH * Math.sqrt(d) * t.config.latentStd;
        nudgeDirections(t.config.seed, request.index, d, request.nudges.length).forEach((u, k) => {
          for (let j = 0; j < d; j++) z[j] += request.nudges[k] * reach * u[j];
        });
        return n ? { zs: z, classes: { rows: classRows(request.classIndex ?? gridClass(request.index), 1, n), classes: n } } : { zs: z };
      }
    }
  }

  async function frames(id: number, request: LatentRequest): Promise<void> {
    current[request.kind] = id;
    const t = host.trainer();
    if (!t || t.dataset.info.kind !== 'image') return host.fail('latentFrames', 'bad-message', 'latentFrames: the latent explorer needs an image run');
    try {
      await draw(id, request, t);
    } catch (e) {
      // A reset or an opened run disposed the trainer mid-slice: that request is over, not failed.
      if (host.trainer() === t) throw e;
    }
  }

  async function draw(id: number, request: LatentRequest, t: Trainer): Promise<void> {
    const kind = request.kind;
    const path = await pathOf(t, request);
    if (typeof path === 'string') return host.fail('latentFrames', 'bad-message', `latentFrames: ${path}`);
    if (!('zs' in path)) return host.fail('latentFrames', 'bad-message', path);
    const d = t.config.latentDim;
    const shape = t.dataset.info.shape;
    const total = path.zs.length / d;
    const n = t.classes;
    for (let offset = 0; offset < total; offset += FRAMES_PER_SLICE) {
      // A newer request, a stop or a new run (reset, opened file) ends this one quietly.
      if (current[kind] !== id || host.trainer() !== t) return;
      const count = Math.min(FRAMES_PER_SLICE, total - offset);
      const sampler = t.sampler;
      // The grid's own batch, with its classes for a conditional G: the strip's ends are the grid's samples.
      const gridLabels = t.sampleClasses ? tf.tensor2d(oneHotRows(t.sampleClasses, n), [t.sampleClasses.length, n]) : undefined;
      const stats = await referenceStats(sampler, t.gridNoise, gridLabels).finally(() => gridLabels?.dispose());
      const classes = path.classes && { rows: path.classes.rows.subarray(offset * n, (offset + count) * n), classes: n };
      const images = await imagesAt(sampler, path.zs.subarray(offset * d, (offset + count) * d), d, stats, classes);
      if (current[kind] !== id || host.trainer() !== t) return;
      const size = images.length / count;
      const pictures = Array.from({ length: count }, (_, i) => imageGridRGBA(images.subarray(i * size, (i + 1) * size), shape, 1));
      const { width, height } = pictures[0];
      const pixels = new Uint8ClampedArray(count * width * height * 4);
      pictures.forEach((p, i) => pixels.set(p.pixels, i * width * height * 4));
      host.post({ type: 'latentFrames', id, kind, step: t.step, offset, total, width, height, pixels });
      await host.yieldToEvents();
    }
  }

  /** One GIF frame per slice, so a long GIF never holds training up for long; progress after each. */
  async function gif(cmd: Extract<LatentCommand, { type: 'latentGif' }>): Promise<void> {
    const problem = checkFrames(cmd.frames, cmd.scale);
    if (problem) return host.fail('latentGif', 'export-failed', worded('gifFailed', { detail: problem }, `GIF export failed: ${problem}`));
    const encoder = GIFEncoder();
    host.post({ type: 'latentGifProgress', id: cmd.id, fraction: 0 });
    for (const [i, frame] of cmd.frames.entries()) {
      // gifenc reads the pixels as 32-bit words: give it an aligned copy.
      const big = scaleNearest({ ...frame, pixels: new Uint8Array(frame.pixels) }, cmd.scale);
      const palette = quantize(big.pixels, 256);
      encoder.writeFrame(applyPalette(big.pixels, palette), big.width, big.height, { palette, delay: cmd.delayMs, repeat: 0 });
      host.post({ type: 'latentGifProgress', id: cmd.id, fraction: (i + 1) / cmd.frames.length });
      await host.yieldToEvents();
    }
    encoder.finish();
    host.post({ type: 'latentGif', id: cmd.id, bytes: encoder.bytes() });
  }

  // WebM exports cancelled by the page (ids); an export checks before each frame.
  const webmCancelled = new Set<number>();

  /** One frame per slice, as the GIF; `latentWebmProgress` after each; an error event where video cannot be encoded. */
  async function webm(cmd: Extract<LatentCommand, { type: 'latentWebm' }>): Promise<void> {
    const problem = checkFrames(cmd.frames, cmd.scale);
    if (problem) return host.fail('latentWebm', 'export-failed', worded('webmFailed', { detail: problem }, `WebM export failed: ${problem}`));
    const result = await encodeWebm(
      {
        frames: cmd.frames,
        fps: cmd.fps,
        scale: cmd.scale,
        onProgress: (encoded, total) => host.post({ type: 'latentWebmProgress', id: cmd.id, encoded, total }),
        cancelled: () => webmCancelled.has(cmd.id),
        yieldToEvents: host.yieldToEvents,
      },
      host.videoEncoding ?? webCodecsEncoding,
    );
    webmCancelled.delete(cmd.id);
    if (result.ok) return host.post({ type: 'latentWebm', id: cmd.id, bytes: result.bytes });
    if ('cancelled' in result) return;
    const { detail } = result;
    if (result.unsupported)
      return host.fail(
        'latentWebm',
        'export-failed',
        worded('webmUnsupported', { detail }, `WebM export is not possible in this browser (${detail}); export a GIF instead`),
      );
    host.fail('latentWebm', 'export-failed', worded('webmFailed', { detail }, `WebM export failed: ${detail}`));
  }

  async function handle(cmd: LatentCommand): Promise<void> {
    switch (cmd.type) {
      case 'latentFrames':
        return frames(cmd.id, cmd.request);
      case 'latentStop':
        current[cmd.kind] = -1;
        return;
      case 'latentGif':
        return gif(cmd);
      case 'latentWebm':
        return webm(cmd);
      case 'latentWebmCancel':
        webmCancelled.add(cmd.id);
        return;
    }
  }

  return { handle };
}
