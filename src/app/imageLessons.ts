/**
 * The four image lessons, shaped as the Lessons menu's `Lesson` (src/app/lessons.ts), kept in their
 * own file until the lessons are wired in (append IMAGE_LESSONS to LESSONS). Unlike the 2-D
 * lessons, their effects are not yet measured run by run: the watch lists say what the methods are
 * known to do (DiffAugment, G_ema, resize-conv papers); measure before quoting numbers.
 */
import type { TrainConfig } from '../core/config';
import { DEFAULT_CONFIG } from '../core/config';
import { getDatasetSource } from '../core/data/registry';
import type { Lesson } from './lessons';

/** A dataset's recommended image settings (resize-conv, spectral norm, hinge, G_ema, 256 held out). */
function preset(dataset: string): TrainConfig {
  return { ...DEFAULT_CONFIG, ...getDatasetSource(dataset)!.info.recommended, dataset };
}

const EMOJI = preset('emoji');

export const IMAGE_LESSONS: Lesson[] = [
  {
    id: 'images-d-overfits',
    title: 'D overfits a small dataset; augmentation stops it',
    summary: 'A twin on 3,500 emoji: A without augmentation, B with DiffAugment (p = 0.5).',
    config: EMOJI,
    twin: { b: { augmentP: 0.5 } },
    explanation:
      'A few thousand emoji are few enough for D to learn them by heart. 256 of them are held out: D never trains on those. Both runs start from the same weights; B shows D every image, real and fake, with random colour changes, shifts and cut-out squares (DiffAugment), so memorising the exact training images stops paying off. G still learns through the augmentation, so B’s samples are not augmented.',
    watch: [
      'D’s overfitting chart: in A the held-out line (dashed) drifts away from the training reals towards the fakes — D has learnt its training set, not emoji. In B the two real lines stay together.',
      'r_t in the read-out: near 1, D is sure of every training image.',
      'The sample grids: at this short a run augmentation costs some sharpness; it pays off as the run gets longer (see the README table).',
    ],
  },
  {
    id: 'images-l2-d',
    title: 'L2 on D for images',
    summary: 'A twin on emoji: A without, B with an L2 penalty on D’s weights (1e-3).',
    config: EMOJI,
    twin: { b: { l2D: 1e-3 } },
    explanation:
      'The same L2 penalty as in the ring lesson, on a convolutional D. Shrinking D’s kernels makes its judgement smoother; with spectral normalization already capping D’s slope, the extra penalty mostly weakens D’s feedback to G.',
    watch: [
      'The Weights view: B’s D kernels shrink; their L2 norms fall while A’s grow.',
      'The D(x) chart: B’s D(real) and D(fake) move closer together.',
      'The quality chart (FID): compare A and B after a few epochs.',
    ],
  },
  {
    id: 'images-ema',
    title: 'Averaged vs raw generator',
    summary: 'A twin: both train the same way; A shows G_ema, B shows raw G.',
    config: EMOJI,
    twin: { b: { sampleRawG: 1 } },
    explanation:
      'G moves a little with every step, chasing what D rewards right now, so its samples flicker and carry the last steps’ noise. The averaged generator G_ema is a moving average of G’s weights (half-life 10k images, shorter at the start): the same training, seen through a steadier model. Both runs here train identically; only what they show differs.',
    watch: [
      'The two sample grids: B’s raw-G faces and flags change from epoch to epoch and show blotches; A’s averaged ones are calmer and cleaner.',
      'The quality chart: compare A’s FID with B’s at the same step.',
    ],
    tryIt: { label: 'Switch A to raw G too', values: { sampleRawG: 1 } },
  },
  {
    id: 'images-checkerboard',
    title: 'Checkerboard artifacts',
    summary: 'The article’s DCGAN (transposed convolutions) on emoji: look for the grid pattern.',
    // Compare against a pinned baseline of the recommended preset (resize-conv): the model is
    // structural, so this cannot be a live twin.
    config: { ...EMOJI, model: 'dcgan32-small', loss: 'nonsaturating', spectralNorm: 0, emaKimg: 0 },
    explanation:
      'A stride-2 transposed convolution spreads each input pixel over a 5×5 patch with a step of 2, so some output pixels get more kernel taps than their neighbours; the result is a faint checkerboard, most visible in flat colours (Odena et al. 2016). The resize-conv family upsamples by repeating pixels and then applies a 3×3 convolution: every output pixel gets the same taps, and the pattern is gone.',
    watch: [
      'The sample grid: a fine regular grid pattern over the blobs, clearest on the white background.',
      'Pin this run as a baseline, then choose the emoji dataset’s recommended model (Resize-conv 32 small) and compare the grids at the same step.',
    ],
  },
];
