/**
 * Paths through G's latent space, as plain vectors (no TF.js): a spherical interpolation between
 * two noise vectors, and a slow looping walk along great circles. Both stay where G was trained:
 * z ~ N(0, σ²I) in d dimensions lies near the sphere of radius √d·σ, and a straight line between
 * two such points dips inside it (its midpoint has about 1/√2 of the radius), where G has seen
 * little. Slerp and great circles keep the radius.
 */
import { Random } from '../random';

const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/**
 * Spherical interpolation from `a` (t = 0) to `b` (t = 1): the angle between them is walked
 * evenly and the length goes linearly from |a| to |b|. Nearly parallel vectors fall back to a
 * straight line (the angle is too small to divide by).
 */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  if (a.length !== b.length) throw new Error(`slerp: vectors of ${a.length} and ${b.length} dimensions`);
  const na = norm(a);
  const nb = norm(b);
  const out = new Float32Array(a.length);
  const cos = na && nb ? Math.min(1, Math.max(-1, a.reduce((s, x, i) => s + x * b[i], 0) / (na * nb))) : 1;
  const omega = Math.acos(cos);
  if (omega < 1e-4) {
    for (let i = 0; i < a.length; i++) out[i] = (1 - t) * a[i] + t * b[i];
    return out;
  }
  const sa = Math.sin((1 - t) * omega) / Math.sin(omega);
  const sb = Math.sin(t * omega) / Math.sin(omega);
  const length = (1 - t) * na + t * nb;
  // Unit directions, so the two ends may have different lengths.
  for (let i = 0; i < a.length; i++) out[i] = sa * (a[i] / na) + sb * (b[i] / nb);
  const n = norm(out);
  for (let i = 0; i < a.length; i++) out[i] *= length / n;
  return out;
}

/** `frames` vectors from `a` to `b` inclusive, concatenated (frames × d). */
export function interpolationPath(a: Float32Array, b: Float32Array, frames: number): Float32Array {
  if (!Number.isInteger(frames) || frames < 2) throw new Error(`interpolation: frames must be a whole number ≥ 2; got ${frames}`);
  const d = a.length;
  const out = new Float32Array(frames * d);
  for (let f = 0; f < frames; f++) out.set(slerp(a, b, f / (frames - 1)), f * d);
  return out;
}

/** A standard-normal vector of `d` floats from `rng`. */
export function gaussianVector(rng: Random, d: number, sigma = 1): Float32Array {
  const v = new Float32Array(d);
  for (let i = 0; i < d; i++) v[i] = rng.normal() * sigma;
  return v;
}

/**
 * A looping walk on the sphere of radius √d·σ: it visits `stops` random points in turn, each leg
 * a great-circle arc (slerp), and the last leg returns to the first point, so the frames loop
 * without a jump. `framesPerLeg` frames per leg; the result is (stops · framesPerLeg) × d.
 */
export function latentWalk(seed: number, d: number, sigma: number, stops: number, framesPerLeg: number): Float32Array {
  if (!Number.isInteger(stops) || stops < 2) throw new Error(`walk: stops must be a whole number ≥ 2; got ${stops}`);
  if (!Number.isInteger(framesPerLeg) || framesPerLeg < 1) throw new Error(`walk: framesPerLeg must be a whole number ≥ 1; got ${framesPerLeg}`);
  const rng = new Random(seed);
  const radius = Math.sqrt(d) * sigma;
  const points = Array.from({ length: stops }, () => {
    const v = gaussianVector(rng, d);
    const n = norm(v);
    return v.map((x) => (x / n) * radius);
  });
  const out = new Float32Array(stops * framesPerLeg * d);
  let f = 0;
  for (let s = 0; s < stops; s++) {
    const from = points[s];
    const to = points[(s + 1) % stops];
    for (let k = 0; k < framesPerLeg; k++) out.set(slerp(from, to, k / framesPerLeg), f++ * d);
  }
  return out;
}
