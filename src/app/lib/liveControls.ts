/**
 * The one table of live controls: for every live value, its accessible name (part of the spec:
 * keep them exactly), short name, help line, and slider scale. The range comes from the config
 * schema (CONFIG_FIELDS), so a slider can never offer a value the worker would reject. Pure TS:
 * unit-tested in Node.
 */
import { CONFIG_FIELDS, LIVE_KEYS } from '../../core/config';
import type { LiveKey } from '../../core/config';
import { LR_DECAY_FLOOR } from '../../core/train/lrSchedule';
import { makeIntegerLogLadder, makeLinearLadder } from './labLadders';
import { makeLogLadder } from './logSlider';
import type { LogLadder } from './logSlider';

export type LiveScale =
  /** The field's log ladder, with an "off" notch when it allows 0. */
  | { kind: 'log' }
  /** Even steps from min to max (0 is "off" when min is 0). */
  | { kind: 'linear'; step: number }
  /** Whole numbers on a log ladder: an "off" notch when the field allows 0, a plain 0 when min is 0. */
  | { kind: 'whole-steps' }
  | { kind: 'powers-of-two' }
  /** A checkbox sending 1 / 0. */
  | { kind: 'toggle' };

/** Where a control sits: the live settings, the learning-rate decay under them, or the lab. */
export type LiveGroup = 'rates' | 'decay' | 'lab';

export interface LiveControl {
  group: LiveGroup;
  label: string;
  shortLabel: string;
  help: string;
  scale: LiveScale;
  /** For screen readers: how the arrow keys move (the slider has a log-scale default). */
  scaleHint?: string;
}

const FLOOR_PERCENT = Math.round(LR_DECAY_FLOOR * 100);
const LOG: LiveScale = { kind: 'log' };

export const LIVE_CONTROLS: Record<LiveKey, LiveControl> = {
  lrG: {
    group: 'rates',
    label: 'Generator learning rate',
    shortLabel: 'G learning rate',
    scale: LOG,
    help: 'Bigger steps learn faster but can overshoot and oscillate.',
  },
  lrD: {
    group: 'rates',
    label: 'Discriminator learning rate',
    shortLabel: 'D learning rate',
    scale: LOG,
    help: 'Far above G’s and D wins, G stalls; far below, D guides G poorly.',
  },
  l1G: { group: 'rates', label: 'Generator L1', shortLabel: 'G L1', scale: LOG, help: 'λ·Σ|w|: pulls G’s weights to exactly 0 (sparse).' },
  l2G: { group: 'rates', label: 'Generator L2', shortLabel: 'G L2', scale: LOG, help: 'λ·Σw²: shrinks G’s big weights most (weight decay).' },
  l1D: { group: 'rates', label: 'Discriminator L1', shortLabel: 'D L1', scale: LOG, help: 'λ·Σ|w|: pulls D’s weights to exactly 0 (sparse).' },
  l2D: { group: 'rates', label: 'Discriminator L2', shortLabel: 'D L2', scale: LOG, help: 'λ·Σw²: shrinks D’s big weights; a smoother, less sure D.' },
  r1Gamma: {
    group: 'lab',
    label: 'R1 penalty γ',
    shortLabel: 'R1 γ',
    scale: LOG,
    help: 'γ/2·‖∇D(real)‖²: penalises D’s slope at the real data, which damps the circling of G and D around the goal.',
  },
  r1Every: {
    group: 'lab',
    label: 'R1 every k D steps',
    shortLabel: 'R1 every',
    scale: { kind: 'powers-of-two' },
    help: 'Lazy R1: the penalty is computed on every k-th D update at k·γ — the same average pull at a k-th of its cost.',
    scaleHint: 'Powers of two; 1 computes it on every update.',
  },
  gpLambda: {
    group: 'lab',
    label: 'WGAN-GP λ',
    shortLabel: 'WGAN-GP λ',
    scale: LOG,
    help: 'λ·(‖∇D‖ − 1)² at points between real and fake: keeps D’s slope near 1 (made for the Wasserstein loss).',
  },
  spectralNorm: {
    group: 'lab',
    label: 'Spectral normalization',
    shortLabel: 'Spectral norm',
    scale: { kind: 'toggle' },
    help: 'Divides each of D’s weight matrices by its largest singular value, which caps how steep D can get.',
  },
  labelSmoothing: {
    group: 'lab',
    label: 'Label smoothing',
    shortLabel: 'Label smoothing',
    scale: { kind: 'linear', step: 0.01 },
    help: 'D’s target for real data becomes 1 − this, so D stays less sure of itself (logit and least-squares losses only).',
    scaleHint: 'Linear scale: arrows move by 0.01.',
  },
  instanceNoise: {
    group: 'lab',
    label: 'Instance noise σ',
    shortLabel: 'Noise σ',
    scale: LOG,
    help: 'Gaussian noise added to everything D sees, real and fake, so the two overlap; σ fades linearly to 0.',
  },
  instanceNoiseSteps: {
    group: 'lab',
    label: 'Instance noise anneal steps',
    shortLabel: 'Anneal steps',
    scale: { kind: 'whole-steps' },
    help: 'How many steps σ takes to fade to 0, counted from when it was last set.',
    scaleHint: 'Log scale in whole steps: Page Up/Down about ×10.',
  },
  augmentP: {
    group: 'lab',
    label: 'Augmentation probability',
    shortLabel: 'Augment p',
    scale: { kind: 'linear', step: 0.05 },
    help: 'DiffAugment: each transform below is applied to each image D sees, real and fake, with this probability; G learns through it. 0 is off.',
    scaleHint: 'Linear scale: arrows move by 0.05.',
  },
  augmentColor: {
    group: 'lab',
    label: 'Augment colour',
    shortLabel: 'Colour',
    scale: { kind: 'toggle' },
    help: 'Random brightness, saturation and contrast.',
  },
  augmentTranslation: {
    group: 'lab',
    label: 'Augment translation',
    shortLabel: 'Translation',
    scale: { kind: 'toggle' },
    help: 'Shifts each image by up to an eighth of its side, filling with grey.',
  },
  augmentCutout: {
    group: 'lab',
    label: 'Augment cutout',
    shortLabel: 'Cutout',
    scale: { kind: 'toggle' },
    help: 'Greys out a square of half the side at a random place.',
  },
  emaKimg: {
    group: 'lab',
    label: 'Averaged generator half-life (k images)',
    shortLabel: 'G_ema half-life',
    scale: LOG,
    help: 'Samples, exports and quality come from a moving average of G’s weights with this half-life in thousands of images (shorter at the start). Off: from G itself.',
  },
  sampleRawG: {
    group: 'lab',
    label: 'Show raw G instead of the average',
    shortLabel: 'Raw G',
    scale: { kind: 'toggle' },
    help: 'The sample grid and quality measures show G itself; the average keeps being kept.',
  },
  lrDecayStart: {
    group: 'decay',
    label: 'Learning-rate decay start step',
    shortLabel: 'Decay from step',
    scale: { kind: 'whole-steps' },
    help: 'The step at which both learning rates begin to fall.',
    scaleHint: 'Log scale in whole steps, from 0: Page Up/Down about ×10.',
  },
  lrDecaySteps: {
    group: 'decay',
    label: 'Learning-rate decay steps',
    shortLabel: 'Decay over',
    scale: { kind: 'whole-steps' },
    help: `Steps over which both learning rates fall linearly to ${FLOOR_PERCENT}% of the values above: big steps find the modes, small ones settle the points onto them.`,
    scaleHint: 'Log scale in whole steps: Page Up/Down about ×10; the left end is off.',
  },
};

/** The live values of a group, in the order they are shown. */
export function liveKeysIn(group: LiveGroup): LiveKey[] {
  return LIVE_KEYS.filter((k) => LIVE_CONTROLS[k].group === group);
}

const ladders = new Map<LiveKey, LogLadder>();

/** The notches of a live value's slider (built once per value). */
export function ladderOf(key: LiveKey): LogLadder {
  let ladder = ladders.get(key);
  if (!ladder) {
    ladder = buildLadder(key);
    ladders.set(key, ladder);
  }
  return ladder;
}

function buildLadder(key: LiveKey): LogLadder {
  const spec = CONFIG_FIELDS[key];
  if (spec.kind !== 'number') throw new Error(`${key} is not numeric`);
  const { min, max } = spec;
  const allowZero = !!spec.allowZero;
  const scale = LIVE_CONTROLS[key].scale;
  switch (scale.kind) {
    case 'log':
      return makeLogLadder(min, max, allowZero);
    case 'linear':
      return makeLinearLadder(min, max, scale.step);
    case 'whole-steps':
      return makeIntegerLogLadder(min, max, allowZero ? 'off' : min === 0 ? 'value' : 'none');
    case 'powers-of-two': {
      const values: number[] = [];
      for (let v = Math.max(1, min); v <= max; v *= 2) values.push(v);
      return { values, allowZero: false, min, max };
    }
    case 'toggle':
      return { values: [0, 1], allowZero: false, min, max };
  }
}
