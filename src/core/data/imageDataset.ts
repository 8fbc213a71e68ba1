/**
 * Shared by the image loaders: turns a prepared .bin file into a `Dataset` whose `readBatch`
 * converts uint8 pixels to [-1, 1] on the fly, so only the compact bytes stay in memory.
 */
import { checkBatchArgs } from './batchArgs';
import { decodeImageBinary, type ImageBinary } from './imageBinary';
import type { ModelId, TrainConfig } from '../config';
import type { Dataset, DatasetInfo, LoadContext } from './types';

/**
 * The recommended settings for image sets. Batch 32 at lr 5e-4 (measured on MNIST, wasm): digit
 * strokes and 9–10 of 10 classes by step 300, about a minute on a CPU; batch 64 at 2e-4 still
 * showed blobs then.
 */
export function recommendedImageConfig(model: ModelId): Partial<TrainConfig> {
  return { model, loss: 'nonsaturating', batchSize: 32, latentDim: 64, lrG: 5e-4, lrD: 5e-4, beta1: 0.5, beta2: 0.999 };
}

/**
 * The image sets' recommended settings (README, "Image presets", has the measurements): the
 * resize-conv family (no checkerboard), spectral norm and the hinge loss for a D that judges
 * without blowing up, and the averaged generator G_ema for the samples, with a half-life of 10k
 * images (StyleGAN2-ADA's ema_kimg for batch 32; ramped up early). 256 reals are held out so D's
 * overfitting shows. `model` is the CPU size; a hardware GPU gets the full size (runConfig.ts).
 * DiffAugment stays off: at these budgets it did not help (see the README table).
 */
export function recommendedResizeConvConfig(model: ModelId): Partial<TrainConfig> {
  return {
    ...recommendedImageConfig(model),
    loss: 'hinge',
    spectralNorm: 1,
    beta2: 0.99,
    emaKimg: 10,
    holdout: 256,
  };
}

/** pixel → pixel/127.5 − 1, precomputed: one lookup per pixel instead of a divide. */
const PIXEL_TO_UNIT = (() => {
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = v / 127.5 - 1;
  return table;
})();

export function makeImageDataset(info: DatasetInfo, image: ImageBinary): Dataset {
  const [h, w, c] = info.shape;
  if (image.height !== h || image.width !== w || image.channels !== c) {
    throw new Error(
      `${info.id}: prepared file holds ${image.height}×${image.width}×${image.channels} images; expected ${h}×${w}×${c} (re-run "npm run prepare-data")`,
    );
  }
  const dim = h * w * c;
  const { pixels, count } = image;
  return {
    info,
    count,
    dim,
    labels: image.labels,
    readBatch(indices, out) {
      checkBatchArgs(indices, out, count, dim, info.id);
      for (let i = 0; i < indices.length; i++) {
        const src = indices[i] * dim;
        const dst = i * dim;
        for (let p = 0; p < dim; p++) out[dst + p] = PIXEL_TO_UNIT[pixels[src + p]];
      }
    },
  };
}

/** Reads `path` through the context, decodes it and checks it matches `info` (shape and count). */
export async function loadImageDataset(info: DatasetInfo, ctx: LoadContext, path: string): Promise<Dataset> {
  const image = decodeImageBinary(await ctx.readAsset(path), path);
  if (image.count !== info.count) {
    throw new Error(`${info.id}: ${path} holds ${image.count} images; expected ${info.count} (stale file? re-run "npm run prepare-data")`);
  }
  return makeImageDataset(info, image);
}
