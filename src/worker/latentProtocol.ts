/**
 * The latent explorer's messages (docs/latent-explorer.md): pictures of G at chosen points z
 * (an interpolation between two grid samples, a looping walk, one grid sample nudged) and their
 * GIF. Kept beside protocol.ts, which joins these unions into `Command` and `WorkerEvent`. No
 * TF.js here: the UI imports it.
 */
import type { Parsed, TimelapseFrame } from './protocol';

/** What a request draws; a newer request of the same kind replaces one still being drawn. */
export type LatentKind = 'interpolate' | 'walk' | 'explore';
export const LATENT_KINDS: readonly LatentKind[] = ['interpolate', 'walk', 'explore'];

export type LatentRequest =
  /** `frames` pictures from grid sample `from` to grid sample `to` (slerp in z), both ends included. */
  | { kind: 'interpolate'; from: number; to: number; frames: number }
  /** A loop of `stops` great-circle legs of `framesPerLeg` frames on the sphere of radius √d·σ. */
  | { kind: 'walk'; seed: number; stops: number; framesPerLeg: number }
  /** Grid sample `index` moved by `nudges[k]` along its k-th fixed random direction. */
  | { kind: 'explore'; index: number; nudges: number[] };

export type LatentCommand =
  /** Answered by `latentFrames` events, a few frames each (the worker draws in small slices). */
  | { type: 'latentFrames'; id: number; request: LatentRequest }
  /** Stops drawing the current request of `kind` (e.g. the walk was closed). */
  | { type: 'latentStop'; kind: LatentKind }
  /** Encodes frames into a looping GIF: `latentGifProgress` while it works, then `latentGif`. */
  | { type: 'latentGif'; id: number; frames: TimelapseFrame[]; delayMs: number; scale: number };

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
  | { type: 'latentGif'; id: number; bytes: Uint8Array };

export const LATENT_COMMANDS: readonly LatentCommand['type'][] = ['latentFrames', 'latentStop', 'latentGif'];

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
} as const;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isWhole = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;

function parseRequest(r: unknown): LatentRequest | string {
  if (!isRecord(r)) return '"request" must be an object';
  const L = LATENT_LIMITS;
  switch (r.kind) {
    case 'interpolate':
      if (!isWhole(r.from, 0, 1e6) || !isWhole(r.to, 0, 1e6)) return '"from" and "to" must be grid sample numbers';
      if (r.from === r.to) return '"from" and "to" must be two different samples';
      if (!isWhole(r.frames, 2, L.maxInterpolationFrames)) return `"frames" must be a whole number in [2, ${L.maxInterpolationFrames}]`;
      return { kind: 'interpolate', from: r.from, to: r.to, frames: r.frames };
    case 'walk':
      if (!isWhole(r.seed, 0, 2 ** 31)) return '"seed" must be a whole number ≥ 0';
      if (!isWhole(r.stops, 2, L.maxStops)) return `"stops" must be a whole number in [2, ${L.maxStops}]`;
      if (!isWhole(r.framesPerLeg, 1, L.maxWalkFrames) || r.stops * r.framesPerLeg > L.maxWalkFrames)
        return `"framesPerLeg" must be a whole number ≥ 1, with stops × framesPerLeg ≤ ${L.maxWalkFrames}`;
      return { kind: 'walk', seed: r.seed, stops: r.stops, framesPerLeg: r.framesPerLeg };
    case 'explore':
      if (!isWhole(r.index, 0, 1e6)) return '"index" must be a grid sample number';
      if (!Array.isArray(r.nudges) || r.nudges.length > L.maxNudges || !r.nudges.every((x) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= 1))
        return `"nudges" must be up to ${L.maxNudges} numbers in [-1, 1]`;
      return { kind: 'explore', index: r.index, nudges: r.nudges as number[] };
    default:
      return `"request.kind" must be one of ${LATENT_KINDS.join(', ')}`;
  }
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
      if (!Array.isArray(frames) || frames.length < 1 || frames.length > L.maxGifFrames)
        return bad(`"frames" must be an array of 1 to ${L.maxGifFrames} pictures`);
      const badFrame = frames.findIndex(
        (f) => !isRecord(f) || !Number.isInteger(f.width) || !Number.isInteger(f.height) || !(f.pixels instanceof Uint8ClampedArray),
      );
      if (badFrame >= 0) return bad(`frames[${badFrame}] must be { width, height, pixels: Uint8ClampedArray }`);
      if (!isWhole(delayMs, L.minGifDelayMs, L.maxGifDelayMs)) return bad(`"delayMs" must be a whole number in [${L.minGifDelayMs}, ${L.maxGifDelayMs}]`);
      if (!isWhole(scale, 1, L.maxGifScale)) return bad(`"scale" must be a whole number in [1, ${L.maxGifScale}]`);
      return { ok: true, value: { type: 'latentGif', id, frames: frames as TimelapseFrame[], delayMs, scale } };
    }
    default:
      return null;
  }
}

/** The buffers a latent event carries, to transfer rather than copy. */
export function latentTransferables(ev: { type: string }): Transferable[] {
  const e = ev as LatentEvent;
  if (e.type === 'latentFrames') return [e.pixels.buffer as ArrayBuffer];
  if (e.type === 'latentGif') return [e.bytes.buffer as ArrayBuffer];
  return [];
}
