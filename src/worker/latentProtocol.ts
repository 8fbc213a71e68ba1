/**
 * The latent explorer's messages (docs/latent-explorer.md): pictures of G at chosen points z
 * (an interpolation between two grid samples, a looping walk, one grid sample nudged) and their
 * GIF or WebM. Kept beside protocol.ts, which joins these unions into `Command` and `WorkerEvent`. No
 * TF.js here: the UI imports it.
 */
import type { Parsed, TimelapseFrame } from './protocol';

/** What a request draws; a newer request of the same kind replaces one still being drawn. */
export type LatentKind = 'interpolate' | 'walk' | 'explore';
export const LATENT_KINDS: readonly LatentKind[] = ['interpolate', 'walk', 'explore'];

export type LatentRequest =
  /**
   * `frames` pictures from grid sample `from` to grid sample `to` (slerp in z), both ends included.
   * A conditional run's frames also walk from class `classes[0]` to `classes[1]` (the two samples'
   * classes; the grid's classes when left out), mixed linearly with the same t.
   */
  | { kind: 'interpolate'; along?: 'z'; from: number; to: number; frames: number; classes?: [number, number] }
  /**
   * A conditional run only: grid sample `index`'s z held still while its class embedding walks
   * linearly from class `classes[0]` to `classes[1]` ("3 → 8 in the same handwriting").
   */
  | { kind: 'interpolate'; along: 'class'; index: number; frames: number; classes: [number, number] }
  /** A loop of `stops` great-circle legs of `framesPerLeg` frames on the sphere of radius √d·σ; a conditional run's walk is of class `classIndex`. */
  | { kind: 'walk'; seed: number; stops: number; framesPerLeg: number; classIndex?: number }
  /** Grid sample `index` moved by `nudges[k]` along its k-th fixed random direction, drawn as class `classIndex` (default: its grid class). */
  | { kind: 'explore'; index: number; nudges: number[]; classIndex?: number };

export type LatentCommand =
  /** Answered by `latentFrames` events, a few frames each (the worker draws in small slices). */
  | { type: 'latentFrames'; id: number; request: LatentRequest }
  /** Stops drawing the current request of `kind` (e.g. the walk was closed). */
  | { type: 'latentStop'; kind: LatentKind }
  /** Encodes frames into a looping GIF: `latentGifProgress` while it works, then `latentGif`. */
  | { type: 'latentGif'; id: number; frames: TimelapseFrame[]; delayMs: number; scale: number }
  /**
   * Encodes frames into a WebM video (VP8, WebCodecs, webm-muxer; webmExport.ts): `latentWebmProgress`
   * after each frame, then `latentWebm`; an error event (source `latentWebm`) where this browser cannot encode video.
   */
  | { type: 'latentWebm'; id: number; frames: TimelapseFrame[]; fps: number; scale: number }
  /** Stops WebM export `id` at its next frame; nothing more is posted for it. */
  | { type: 'latentWebmCancel'; id: number };

export type LatentEvent =
  /**
   * Frames `offset` … `offset + count − 1` of request `id` (of `total`), each `width`×`height` RGBA,
   * one after another in `pixels`; `step`: the run's step whose weights drew them.
   */
  | {
      type: 'latentFrames';
      id: number;
      kind: LatentKind;
      step: number;
      offset: number;
      total: number;
      width: number;
      height: number;
      pixels: Uint8ClampedArray;
    }
  | { type: 'latentGifProgress'; id: number; fraction: number }
  | { type: 'latentGif'; id: number; bytes: Uint8Array }
  /** `encoded` of `total` frames have come back from the video encoder. */
  | { type: 'latentWebmProgress'; id: number; encoded: number; total: number }
  | { type: 'latentWebm'; id: number; bytes: Uint8Array };

export const LATENT_COMMANDS: readonly LatentCommand['type'][] = ['latentFrames', 'latentStop', 'latentGif', 'latentWebm', 'latentWebmCancel'];

/** Limits that keep one request to a moment's work and one GIF to a sensible file. */
export const LATENT_LIMITS = {
  maxInterpolationFrames: 64,
  maxWalkFrames: 256,
  maxStops: 16,
  maxNudges: 8,
  maxGifFrames: 256,
  maxGifScale: 8,
  minGifDelayMs: 20,
  maxGifDelayMs: 5000,
  maxWebmFps: 60,
} as const;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isWhole = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;

/** Class numbers are checked against the run's class count in the worker; here only their form. */
const MAX_CLASS = 1e6;
const CLASS_FORM = 'must be a class number (a whole number, 0 or more)';

/** An optional class: absent, or a whole number; a string says what is wrong with it. */
function optionalClass(r: Record<string, unknown>): { classIndex?: number } | string {
  if (r.classIndex === undefined) return {};
  if (!isWhole(r.classIndex, 0, MAX_CLASS)) return `"classIndex" ${CLASS_FORM}; got ${String(r.classIndex)}`;
  return { classIndex: r.classIndex };
}

/** A pair of classes [a, b], or a string saying what is wrong with it. */
function classPair(x: unknown): [number, number] | string {
  if (!Array.isArray(x) || x.length !== 2) return '"classes" must be two class numbers [from, to]';
  const badOne = x.find((c) => !isWhole(c, 0, MAX_CLASS));
  if (badOne !== undefined) return `"classes" ${CLASS_FORM}; got ${String(badOne)}`;
  return [x[0] as number, x[1] as number];
}

function parseRequest(r: unknown): LatentRequest | string {
  if (!isRecord(r)) return '"request" must be an object';
  const L = LATENT_LIMITS;
  switch (r.kind) {
    case 'interpolate': {
      if (!isWhole(r.frames, 2, L.maxInterpolationFrames)) return `"frames" must be a whole number in [2, ${L.maxInterpolationFrames}]`;
      if (r.along === 'class') {
        if (!isWhole(r.index, 0, 1e6)) return '"index" must be a grid sample number';
        const classes = classPair(r.classes);
        if (typeof classes === 'string') return classes;
        return { kind: 'interpolate', along: 'class', index: r.index, frames: r.frames, classes };
      }
      if (r.along !== undefined && r.along !== 'z') return '"along" must be "z" or "class"';
      if (!isWhole(r.from, 0, 1e6) || !isWhole(r.to, 0, 1e6)) return '"from" and "to" must be grid sample numbers';
      if (r.from === r.to) return '"from" and "to" must be two different samples';
      if (r.classes === undefined) return { kind: 'interpolate', from: r.from, to: r.to, frames: r.frames };
      const classes = classPair(r.classes);
      if (typeof classes === 'string') return classes;
      return { kind: 'interpolate', from: r.from, to: r.to, frames: r.frames, classes };
    }
    case 'walk':
      if (!isWhole(r.seed, 0, 2 ** 31)) return '"seed" must be a whole number ≥ 0';
      if (!isWhole(r.stops, 2, L.maxStops)) return `"stops" must be a whole number in [2, ${L.maxStops}]`;
      if (!isWhole(r.framesPerLeg, 1, L.maxWalkFrames) || r.stops * r.framesPerLeg > L.maxWalkFrames)
        return `"framesPerLeg" must be a whole number ≥ 1, with stops × framesPerLeg ≤ ${L.maxWalkFrames}`;
      {
        const c = optionalClass(r);
        if (typeof c === 'string') return c;
        return { kind: 'walk', seed: r.seed, stops: r.stops, framesPerLeg: r.framesPerLeg, ...c };
      }
    case 'explore':
      if (!isWhole(r.index, 0, 1e6)) return '"index" must be a grid sample number';
      if (!Array.isArray(r.nudges) || r.nudges.length > L.maxNudges || !r.nudges.every((x) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= 1))
        return `"nudges" must be up to ${L.maxNudges} numbers in [-1, 1]`;
      {
        const c = optionalClass(r);
        if (typeof c === 'string') return c;
        return { kind: 'explore', index: r.index, nudges: r.nudges as number[], ...c };
      }
    default:
      return `"request.kind" must be one of ${LATENT_KINDS.join(', ')}`;
  }
}

/** What is wrong with a GIF's or a video's frames, or null (sizes are checked where they are encoded). */
function framesProblem(frames: unknown): string | null {
  const L = LATENT_LIMITS;
  if (!Array.isArray(frames) || frames.length < 1 || frames.length > L.maxGifFrames) return `"frames" must be an array of 1 to ${L.maxGifFrames} pictures`;
  const badFrame = frames.findIndex(
    (f) => !isRecord(f) || !Number.isInteger(f.width) || !Number.isInteger(f.height) || !(f.pixels instanceof Uint8ClampedArray),
  );
  return badFrame >= 0 ? `frames[${badFrame}] must be { width, height, pixels: Uint8ClampedArray }` : null;
}

/** The latent commands' checks, in protocol.ts's style; null for a message that is not one of them. */
export function parseLatentCommand(msg: Record<string, unknown> & { type: string }): Parsed<LatentCommand> | null {
  const bad = (why: string): Parsed<LatentCommand> => ({ ok: false, message: `${msg.type}: ${why}`, type: msg.type as LatentCommand['type'] });
  const L = LATENT_LIMITS;
  switch (msg.type) {
    case 'latentFrames': {
      if (!isWhole(msg.id, 0, Number.MAX_SAFE_INTEGER)) return bad('"id" must be a whole number');
      const request = parseRequest(msg.request);
      if (typeof request === 'string') return bad(request);
      return { ok: true, value: { type: 'latentFrames', id: msg.id, request } };
    }
    case 'latentStop':
      if (!LATENT_KINDS.includes(msg.kind as LatentKind)) return bad(`"kind" must be one of ${LATENT_KINDS.join(', ')}`);
      return { ok: true, value: { type: 'latentStop', kind: msg.kind as LatentKind } };
    case 'latentGif': {
      const { id, frames, delayMs, scale } = msg;
      if (!isWhole(id, 0, Number.MAX_SAFE_INTEGER)) return bad('"id" must be a whole number');
      const problem = framesProblem(frames);
      if (problem) return bad(problem);
      if (!isWhole(delayMs, L.minGifDelayMs, L.maxGifDelayMs)) return bad(`"delayMs" must be a whole number in [${L.minGifDelayMs}, ${L.maxGifDelayMs}]`);
      if (!isWhole(scale, 1, L.maxGifScale)) return bad(`"scale" must be a whole number in [1, ${L.maxGifScale}]`);
      return { ok: true, value: { type: 'latentGif', id, frames: frames as TimelapseFrame[], delayMs, scale } };
    }
    case 'latentWebm': {
      const { id, frames, fps, scale } = msg;
      if (!isWhole(id, 0, Number.MAX_SAFE_INTEGER)) return bad('"id" must be a whole number');
      const problem = framesProblem(frames);
      if (problem) return bad(problem);
      if (!isWhole(fps, 1, L.maxWebmFps)) return bad(`"fps" must be a whole number in [1, ${L.maxWebmFps}]`);
      if (!isWhole(scale, 1, L.maxGifScale)) return bad(`"scale" must be a whole number in [1, ${L.maxGifScale}]`);
      return { ok: true, value: { type: 'latentWebm', id, frames: frames as TimelapseFrame[], fps, scale } };
    }
    case 'latentWebmCancel':
      if (!isWhole(msg.id, 0, Number.MAX_SAFE_INTEGER)) return bad('"id" must be a whole number');
      return { ok: true, value: { type: 'latentWebmCancel', id: msg.id } };
    default:
      return null;
  }
}

/** The buffers a latent event carries, to transfer rather than copy. */
export function latentTransferables(ev: { type: string }): Transferable[] {
  const e = ev as LatentEvent;
  if (e.type === 'latentFrames') return [e.pixels.buffer as ArrayBuffer];
  if (e.type === 'latentGif' || e.type === 'latentWebm') return [e.bytes.buffer as ArrayBuffer];
  return [];
}
