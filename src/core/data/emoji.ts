/**
 * emoji: Google's Noto emoji from the `emoji-datasource-google` npm package, prepared into
 * public/data/emoji.bin (each 64 px PNG composited on white, area-averaged to 32×32 RGB; skin-tone
 * variants included; labelled by Unicode category, classes interleaved). The colour dataset.
 */
import { loadImageDataset } from './imageDataset';
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
  // Batch 32 at lr 5e-4 (measured on MNIST, wasm): digit strokes and 9–10 of 10 classes by step 300,
  // about a minute on a CPU; batch 64 at 2e-4 still showed blobs then.
  recommended: {
    model: 'dcgan32-small',
    loss: 'nonsaturating',
    batchSize: 32,
    latentDim: 64,
    lrG: 5e-4,
    lrD: 5e-4,
    beta1: 0.5,
    beta2: 0.999,
  },
  classNames: EMOJI_CATEGORIES,
};

export const emojiSource: DatasetSource = {
  info,
  load: (ctx) => loadImageDataset(info, ctx, EMOJI_ASSET),
};
