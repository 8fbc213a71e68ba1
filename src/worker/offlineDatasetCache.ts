/**
 * The worker's view of the service worker's dataset cache (docs/offline.md): which dataset files
 * it holds, and keeping a file the worker fetched without the service worker (the first visit's
 * worker starts before the service worker controls the page), so every dataset is cached on first use.
 */
import { DATASET_ASSETS, datasetOfAsset } from '../core/data/offlineAssets';

/** Reads which dataset files the Cache API holds (the service worker's dataset cache). */
export function cachedDatasetIdsIn(caches: CacheStorage, cacheName: string, urlOf: (path: string) => string): () => Promise<string[]> {
  return async () => {
    if (!(await caches.has(cacheName))) return [];
    const cache = await caches.open(cacheName);
    const ids: string[] = [];
    for (const [id, path] of Object.entries(DATASET_ASSETS)) if (await cache.match(urlOf(path))) ids.push(id);
    return ids;
  };
}

/** Stores a fetched dataset file in the cache unless it is there already (the service worker put it). */
export async function keepDatasetResponse(caches: CacheStorage | undefined, cacheName: string, path: string, url: string, response: Response): Promise<void> {
  if (!caches || !datasetOfAsset(path)) return;
  const cache = await caches.open(cacheName);
  if (!(await cache.match(url))) await cache.put(url, response);
}
