/**
 * Differentiable augmentation of everything D sees (DiffAugment, Zhao et al. 2020): colour
 * (brightness, saturation, contrast), translation with zero fill, and cutout, applied to real and
 * fake images alike in both updates, so D cannot memorise the few real images it has and G is
 * still steered through the augmentation (its gradient passes back through it).
 *
 * Each transform is applied to each image with probability `p` (ADA's way of dosing it; p = 1 is
 * DiffAugment's always-on policy). The per-image parameters come from a Random seeded by `seed`,
 * so the result is a pure function of (images, seed, settings). The strengths are DiffAugment's:
 * brightness + U(−½, ½), saturation × U(0, 2), contrast × U(½, 3⁄2), shifts up to ⅛ of the side,
 * a cutout square of half the side.
 *
 * Every operation is linear in the images for fixed parameters, so the backward pass is written
 * out here for the tape-free step; the same forward ops also differentiate on TF.js's tape.
 */
import * as tf from '@tensorflow/tfjs';
import { Random } from '../random';

export interface AugmentSettings {
  /** Probability per image and transform; 0 turns augmentation off. */
  p: number;
  color: boolean;
  translation: boolean;
  cutout: boolean;
}

export interface Augmentation {
  out: tf.Tensor;
  /** ∂L/∂input from ∂L/∂out. */
  backward(dy: tf.Tensor): tf.Tensor;
}

export const TRANSLATION_RATIO = 1 / 8;
export const CUTOUT_RATIO = 1 / 2;

/** Whether `settings` change anything (p > 0 and at least one transform on). */
export function augmentationOn(s: AugmentSettings): boolean {
  return s.p > 0 && (s.color || s.translation || s.cutout);
}

/** Per-image parameters; identity values where a transform is not applied. */
export interface AugmentParams {
  brightness: Float32Array;
  saturation: Float32Array;
  contrast: Float32Array;
  shiftY: Int32Array;
  shiftX: Int32Array;
  /** [n, h, w] of 1 (kept) and 0 (cut out). */
  keep: Float32Array | null;
}

export function drawAugmentParams(n: number, h: number, w: number, s: AugmentSettings, seed: number): AugmentParams {
  const rng = new Random(seed);
  const hit = () => rng.next() < s.p;
  const brightness = new Float32Array(n);
  const saturation = new Float32Array(n).fill(1);
  const contrast = new Float32Array(n).fill(1);
  const shiftY = new Int32Array(n);
  const shiftX = new Int32Array(n);
  const keep = s.cutout ? new Float32Array(n * h * w).fill(1) : null;
  const maxY = Math.round(h * TRANSLATION_RATIO);
  const maxX = Math.round(w * TRANSLATION_RATIO);
  const [ch, cw] = [Math.round(h * CUTOUT_RATIO), Math.round(w * CUTOUT_RATIO)];
  for (let i = 0; i < n; i++) {
    if (s.color) {
      if (hit()) brightness[i] = rng.uniform(-0.5, 0.5);
      if (hit()) saturation[i] = rng.uniform(0, 2);
      if (hit()) contrast[i] = rng.uniform(0.5, 1.5);
    }
    if (s.translation && hit()) {
      shiftY[i] = rng.int(2 * maxY + 1) - maxY;
      shiftX[i] = rng.int(2 * maxX + 1) - maxX;
    }
    if (keep && hit()) {
      // The square's centre anywhere in the image; the part outside is clipped.
      const y0 = rng.int(h) - Math.floor(ch / 2);
      const x0 = rng.int(w) - Math.floor(cw / 2);
      for (let y = Math.max(0, y0); y < Math.min(h, y0 + ch); y++) keep.fill(0, i * h * w + y * w + Math.max(0, x0), i * h * w + y * w + Math.min(w, x0 + cw));
    }
  }
  return { brightness, saturation, contrast, shiftY, shiftX, keep };
}

/** [n, size, size] matrices S with (S·x)[r] = x[r − shift] (0 where that falls outside). */
function shiftMatrices(shifts: Int32Array, size: number): tf.Tensor3D {
  const m = new Float32Array(shifts.length * size * size);
  shifts.forEach((d, i) => {
    for (let r = 0; r < size; r++) if (r - d >= 0 && r - d < size) m[i * size * size + r * size + (r - d)] = 1;
  });
  return tf.tensor3d(m, [shifts.length, size, size]);
}

type Step = { forward: (x: tf.Tensor) => tf.Tensor; backward: (g: tf.Tensor) => tf.Tensor };

/** y = m + (x − m)·k with m the mean over `axes`: ∂ = k·g + (1 − k)·mean_axes(g). */
function mixWithMean(k: Float32Array, axes: number[]): Step {
  const kt = tf.tensor4d(k, [k.length, 1, 1, 1]);
  const rest = tf.sub(1, kt);
  return {
    forward: (x) => tf.add(tf.mul(x, kt), tf.mul(tf.mean(x, axes, true), rest)),
    backward: (g) => tf.add(tf.mul(g, kt), tf.mul(tf.mean(g, axes, true), rest)),
  };
}

/** Row shift of [n, h, w, c] images as a batched matMul over [n, h, w·c]; `transposed` for columns. */
function shiftStep(shifts: Int32Array, shape: number[], columns: boolean): Step {
  const [n, h, w, c] = shape;
  const size = columns ? w : h;
  const s = shiftMatrices(shifts, size);
  const apply = (x: tf.Tensor, transposeS: boolean) => {
    const t = columns ? tf.transpose(x, [0, 2, 1, 3]) : x;
    const y = tf.matMul(s, tf.reshape(t, [n, size, -1]) as tf.Tensor3D, transposeS, false);
    const back = tf.reshape(y, columns ? [n, w, h, c] : [n, h, w, c]);
    return columns ? tf.transpose(back, [0, 2, 1, 3]) : back;
  };
  return { forward: (x) => apply(x, false), backward: (g) => apply(g, true) };
}

/**
 * Augments a batch of [n, h, w, c] images. With augmentation off it returns the input itself and
 * draws nothing (the step is then exactly the step without this module).
 */
export function augment(x: tf.Tensor, s: AugmentSettings, seed: number): Augmentation {
  if (!augmentationOn(s) || x.rank !== 4) return { out: x, backward: (g) => g };
  const [n, h, w] = x.shape;
  const p = drawAugmentParams(n, h, w, s, seed);
  const steps: Step[] = [];
  if (s.color) {
    const b = tf.tensor4d(p.brightness, [n, 1, 1, 1]);
    steps.push({ forward: (v) => tf.add(v, b), backward: (g) => g });
    steps.push(mixWithMean(p.saturation, [3]));
    steps.push(mixWithMean(p.contrast, [1, 2, 3]));
  }
  if (s.translation) steps.push(shiftStep(p.shiftY, x.shape, false), shiftStep(p.shiftX, x.shape, true));
  if (p.keep) {
    const keep = tf.tensor4d(p.keep, [n, h, w, 1]);
    steps.push({ forward: (v) => tf.mul(v, keep), backward: (g) => tf.mul(g, keep) });
  }
  const out = steps.reduce((v, step) => step.forward(v), x);
  return { out, backward: (dy) => steps.reduceRight((g, step) => step.backward(g), dy) };
}
