/**
 * The "Lessons" menu as data: each lesson is a complete config (so nothing from the previous run
 * leaks in), its claims and an optional live change to try. Its words (title, summary,
 * explanation, what to watch, the try-it label) are in the catalogues under `lessonText.<id>`
 * (src/app/i18n/en.ts, zh-CN.ts); `lessonText` words them in the page's language with the numbers
 * of lessonClaims.ts as values. Choosing one resets the run onto its config and trains it up to the
 * step where the lesson stops. TF-free; `lessons.test.ts` checks every config validates and its
 * model fits its dataset, and that the text quotes the numbers of lessonClaims.ts in both
 * languages, which e2e/lesson-claims.spec.ts checks in the built app.
 */
import type { TFunction } from 'i18next';
import type { LiveHyperparams, TrainConfig } from '../core/config';
import { DEFAULT_CONFIG } from '../core/config';
import { recommendedImageConfig, recommendedResizeConvConfig } from '../core/data/imageDataset';
import { en } from './i18n/en';
import { t as translate } from './i18n/i18n';
import { LESSON_CLAIMS, rangeText, type LessonClaims, type LessonId } from './lessonClaims';

export interface Lesson {
  id: LessonId;
  /** The whole config the lesson trains with. */
  config: TrainConfig;
  /**
   * An optional change to try (a button in the lesson panel; its label is `lessonText.<id>.tryIt`):
   * live values set mid-run, or a new run on `config`, the current one pinned as a baseline first
   * so the charts compare the two.
   */
  tryIt?: { values: Partial<LiveHyperparams>; config?: TrainConfig };
  /** A twin lesson: the config is A (without), `b` the live values B adds (with the regularizer). */
  twin?: { b: Partial<LiveHyperparams> };
  /** What the text promises, as numbers (the run's cap among them): lessonClaims.ts. */
  claims: LessonClaims;
}

/** A lesson's words in one language. */
export interface LessonWords {
  title: string;
  /** One line for the menu. */
  summary: string;
  /** A short paragraph: what is set up and why. */
  explanation: string;
  /** What to look at, in order. */
  watch: string[];
  /** The try-it button's label, for a lesson that has one. */
  tryIt?: string;
}

const C = LESSON_CLAIMS;

/**
 * The ring of 8 Gaussians at its recommended settings (batch 256, 2 D steps per G step, no decay:
 * the settings every number in lessonClaims.ts was measured at) with every regularizer off: the
 * base of the 2-D lessons. Alone it covers 6 of 8 modes by step 1,000 (44% high quality).
 */
const RING: TrainConfig = { ...DEFAULT_CONFIG, dataset: 'ring8', model: 'mlp2d', batchSize: 256, dSteps: 2 };

/** The Dirac-GAN with its recommended plain-gradient settings (see src/core/data/dirac.ts). */
const DIRAC: TrainConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'dirac',
  model: 'dirac',
  loss: 'nonsaturating',
  batchSize: 8,
  latentDim: 1,
  lrG: 0.05,
  lrD: 0.05,
  beta1: 0,
  beta2: 0.999,
};

/**
 * The article's DCGAN (stride-2 transposed convolutions, non-saturating loss) at the image sets'
 * batch and learning rates: the image lessons' "before".
 */
const articleDcgan = (dataset: string, model: 'dcgan28-small' | 'dcgan32-small'): TrainConfig => ({
  ...DEFAULT_CONFIG,
  dataset,
  ...recommendedImageConfig(model),
});
/**
 * Emoji on the resize-conv model (resize then a 3×3 conv, spectral norm, hinge) with every value
 * its lessons' numbers were measured at written out, not read from the preset (which may be
 * retuned): batch 32, lr 5e-4, β = (0.5, 0.99), 256 reals held out for D's overfitting chart,
 * G_ema with a half-life of 10k images, augmentation off.
 */
const EMOJI_RESIZE: TrainConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'emoji',
  model: 'resize32-small',
  loss: 'hinge',
  spectralNorm: 1,
  batchSize: 32,
  latentDim: 64,
  latentStd: 1,
  lrG: 5e-4,
  lrD: 5e-4,
  beta1: 0.5,
  beta2: 0.99,
  dSteps: 1,
  emaKimg: 10,
  sampleRawG: 0,
  holdout: 256,
  trainLimit: 0,
  augmentP: 0,
  augmentColor: 1,
  augmentTranslation: 1,
  augmentCutout: 1,
};

/** "D overfits a small dataset": D trains on the first this many emoji (8 steps an epoch at batch 32)… */
const SMALL_SET = 256;
/** …and twin B shows D every image, real and fake, through DiffAugment's three transforms with this probability. */
const SMALL_SET_AUGMENT_P = 1;

/** Conditional MNIST at the set's recommended settings (the resize-conv preset every number was measured at). */
const COND_MNIST: TrainConfig = { ...DEFAULT_CONFIG, ...recommendedResizeConvConfig('resize28-small'), dataset: 'mnist', conditional: true };

export const LESSONS: Lesson[] = [
  {
    id: 'mode-collapse',
    claims: C['mode-collapse'],
    config: { ...RING, lrG: 0.005 },
    tryIt: { values: { lrG: 1e-3 } },
  },
  {
    id: 'r1-fix',
    claims: C['r1-fix'],
    config: { ...RING, lrG: 0.005, r1Gamma: 30 },
  },
  {
    id: 'r1-twin',
    claims: C['r1-twin'],
    // A twin starts both from the same weights, data order and noise: A is "Mode collapse", B "R1 fixes it".
    config: { ...RING, lrG: 0.005 },
    twin: { b: { r1Gamma: 30 } },
  },
  {
    id: 'l2-too-strong',
    claims: C['l2-too-strong'],
    config: RING,
    twin: { b: { l2D: 0.01 } },
  },
  {
    id: 'l1-sparse',
    claims: C['l1-sparse'],
    config: RING,
    twin: { b: { l1D: 1e-3 } },
  },
  {
    id: 'lr-imbalance',
    claims: C['lr-imbalance'],
    config: { ...RING, lrG: 1e-3, lrD: 1e-4 },
  },
  {
    id: 'ask-digit',
    claims: C['ask-digit'],
    config: COND_MNIST,
  },
  {
    id: 'dirac',
    claims: C.dirac,
    config: DIRAC,
    tryIt: { values: { r1Gamma: 1 } },
  },
  {
    id: 'checkerboard',
    claims: C.checkerboard,
    config: articleDcgan('emoji', 'dcgan32-small'),
    // The emoji preset's model: resize then a 3×3 convolution, so every output pixel gets the same number of taps.
    tryIt: { values: {}, config: { ...DEFAULT_CONFIG, dataset: 'emoji', ...recommendedResizeConvConfig('resize32-small') } },
  },
  {
    id: 'l2-images',
    claims: C['l2-images'],
    config: articleDcgan('mnist', 'dcgan28-small'),
    twin: { b: { l2D: 0.01 } },
  },
  {
    id: 'small-data',
    claims: C['small-data'],
    // D trains on the first SMALL_SET emoji only; B sees every image through DiffAugment.
    config: { ...EMOJI_RESIZE, trainLimit: SMALL_SET },
    twin: { b: { augmentP: SMALL_SET_AUGMENT_P } },
  },
  {
    id: 'ema-average',
    claims: C['ema-average'],
    // G_ema plays no part in training: A and B train the same networks, B samples from the average.
    config: { ...EMOJI_RESIZE, emaKimg: 0 },
    twin: { b: { emaKimg: 10 } },
  },
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

/**
 * The values the lesson messages quote, from the lesson's claims: ranges as "0–1" (`rangeText`),
 * steps as numbers (the message formats them: `{fromStep, number}`).
 */
export function claimValues(c: LessonClaims): Record<string, string | number> {
  const v: Record<string, string | number> = { fromStep: c.fromStep, stopAtStep: c.stopAtStep };
  if (c.modesA) v.modesA = rangeText(c.modesA);
  if (c.modesB) v.modesB = rangeText(c.modesB);
  if (c.hqA) v.hqA = rangeText(c.hqA);
  if (c.hqB) v.hqB = rangeText(c.hqB);
  if (c.line) v.percent = Math.round(c.line.by * 100);
  if (c.classesA) v.classesA = rangeText(c.classesA);
  if (c.classRead) {
    v.readClass = c.classRead.classIndex;
    v.readPercent = String(c.classRead.percent);
  }
  if (c.radius) {
    v.radiusMin = String(c.radius.min);
    v.radiusMax = String(c.radius.max);
  }
  if (c.checkerA) v.checkerA = rangeText(c.checkerA);
  if (c.gapA) v.gapA = String(c.gapA.min);
  if (c.gapB) v.gapB = String(c.gapB.max);
  if (c.tryIt) {
    v.tryStep = c.tryIt.stopAtStep;
    if (c.tryIt.checkerA) v.tryChecker = String(c.tryIt.checkerA.max);
    if (c.tryIt.modesA) v.tryModes = String(c.tryIt.modesA.min);
    if (c.tryIt.radiusBelow !== undefined) v.radiusBelow = String(c.tryIt.radiusBelow);
  }
  return v;
}

/**
 * A lesson's words in the page's language (or `tr`'s: a component passes its `useTranslation`
 * `t`, a test a fixed language's). Call it when the text is shown, not at module load.
 */
export function lessonText(lesson: Lesson, tr: TFunction = translate): LessonWords {
  // The "what to watch" lines are read in the catalogue's key order (w1, w2, …).
  const base = `lessonText.${lesson.id}`;
  const values = claimValues(lesson.claims);
  return {
    title: tr(`${base}.title`),
    summary: tr(`${base}.summary`),
    explanation: tr(`${base}.explanation`),
    watch: Object.keys(en.lessonText[lesson.id].watch).map((k) => tr(`${base}.watch.${k}`, values)),
    tryIt: lesson.tryIt ? tr(`${base}.tryIt`) : undefined,
  };
}
