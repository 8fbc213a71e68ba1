/**
 * emoji: Google's Noto emoji from the `emoji-datasource-google` npm package, prepared into
 * public/data/emoji.bin (each 64 px PNG composited on white, area-averaged to 32×32 RGB; skin-tone
 * variants included; labelled by Unicode category, classes interleaved). The colour dataset.
 */
import { loadImageDataset, recommendedResizeConvConfig } from './imageDataset';
import type { DatasetInfo, DatasetSource } from './types';

export const EMOJI_ASSET = 'data/emoji.bin';
/** What prepare-data yields from emoji-datasource-google 16.0.0 (pinned); the loader checks it. */
export const EMOJI_COUNT = 3781;

/** Unicode emoji categories used as labels ('Component', the bare skin-tone swatches, is left out). */
export const EMOJI_CATEGORIES = [
  'Smileys & Emotion',
  'People & Body',
  'Animals & Nature',
  'Food & Drink',
  'Travel & Places',
  'Activities',
  'Objects',
  'Symbols',
  'Flags',
];

const info: DatasetInfo = {
  id: 'emoji',
  name: 'Emoji (Noto)',
  kind: 'image',
  shape: [32, 32, 3],
  count: EMOJI_COUNT,
  licence: 'Apache 2.0 (Noto Emoji artwork, Google); emoji-datasource: MIT',
  credit: 'Noto Emoji by Google (Apache License 2.0), packaged by Cal Henderson / iamcal (npm "emoji-datasource-google", MIT)',
  description: 'A few thousand colour emoji, 32×32 RGB on white: faces, animals, food, flags. Colour, shapes and far fewer examples than MNIST.',
  recommended: recommendedResizeConvConfig('resize32-small'),
  // A step costs about 1.6× MNIST's: 3,200 steps took 9m09s on the 2-core machine's slower day
  // (3,600 took 10m49s there), under the 10-minute budget. Classifier FID 11.1×, 9.2×
  // and 12.0× its floor at step 3,200 with seeds 1, 2 and 3 (docs/presets.md, "Wall times").
  recommendedSteps: 3200,
  classNames: EMOJI_CATEGORIES,
};

export const emojiSource: DatasetSource = {
  info,
  load: (ctx) => loadImageDataset(info, ctx, EMOJI_ASSET),
};
