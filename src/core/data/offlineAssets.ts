/**
 * Which datasets are files to download (the rest are generated in code and always work offline),
 * and the words for a dataset that cannot load offline. Shared by the worker (its asset reader)
 * and the page (the "Make available offline" list); no DOM, no TF.js.
 */
import { EMOJI_ASSET } from './emoji';
import { FASHION_MNIST_ASSET } from './fashionMnist';
import { MNIST_ASSET } from './mnist';

/** Dataset id → its file under the site root. */
export const DATASET_ASSETS: Readonly<Record<string, string>> = {
  mnist: MNIST_ASSET,
  'fashion-mnist': FASHION_MNIST_ASSET,
  emoji: EMOJI_ASSET,
};

/**
 * Caches that hold dataset files start with this; the build appends a hash of the files, so a
 * new version of the data lands in a new cache and the old one is deleted.
 */
export const DATASET_CACHE_PREFIX = 'gan-datasets-';

export function datasetOfAsset(path: string): string | undefined {
  return Object.keys(DATASET_ASSETS).find((id) => DATASET_ASSETS[id] === path);
}

/**
 * The error for a dataset file that could not be fetched while offline: names the dataset and
 * what can be trained instead. `available` lists the downloadable datasets already cached.
 */
export function offlineDatasetMessage(name: string, available: readonly string[]): string {
  const instead = available.length
    ? `Available offline: ${available.join(', ')}, and every point dataset (ring, grid, spiral…).`
    : 'Available offline: every point dataset (ring, grid, spiral…); no image dataset was saved for offline use.';
  return `${name} is not available offline: it was never downloaded on this device. ${instead} Your current run is kept.`;
}
