/**
 * The page's side of offline datasets: which dataset files are in the service worker's dataset
 * cache, and fetching one into it with progress ("Make available offline"). The page writes the
 * same cache the service worker reads (CacheFirst), so it works before the page is controlled.
 */
import { DATASET_ASSETS, DATASET_CACHE_PREFIX } from '../../core/data/offlineAssets';
import { t } from '../i18n/i18n';

/** Set by the build (vite.config.ts): the prefix plus a hash of the dataset files. */
export const DATASET_CACHE: string = import.meta.env.VITE_DATASET_CACHE ?? `${DATASET_CACHE_PREFIX}dev`;

export function assetUrl(path: string): string {
  return `${import.meta.env.BASE_URL}${path}`;
}

/** Ids of the downloadable datasets whose file is cached. */
export async function cachedDatasetIds(): Promise<string[]> {
  if (!('caches' in window)) return [];
  const cache = await caches.open(DATASET_CACHE);
  const ids: string[] = [];
  for (const [id, path] of Object.entries(DATASET_ASSETS)) if (await cache.match(assetUrl(path))) ids.push(id);
  return ids;
}

/** Bytes of each dataset file, from a HEAD request (null when the server does not say). */
export async function datasetFileSize(id: string): Promise<number | null> {
  const response = await fetch(assetUrl(DATASET_ASSETS[id]), { method: 'HEAD' });
  const n = Number(response.headers.get('Content-Length'));
  return response.ok && n > 0 ? n : null;
}

/**
 * Downloads one dataset file into the cache, reporting bytes as they arrive. The body is read
 * here (not by cache.add) so the bar moves; the cached response keeps the server's headers.
 */
export async function cacheDataset(id: string, onProgress: (loaded: number, total: number | null) => void, signal?: AbortSignal): Promise<void> {
  const url = assetUrl(DATASET_ASSETS[id]);
  const response = await fetch(url, { signal, cache: 'no-store' });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const total = Number(response.headers.get('Content-Length')) || null;
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(loaded, total);
  }
  const cache = await caches.open(DATASET_CACHE);
  // A controlling service worker (CacheFirst) may have stored this very download already.
  if (await cache.match(url)) return;
  await cache.put(url, new Response(new Blob(chunks), { status: 200, headers: response.headers }));
}

/** "47.1 MB" (decimal megabytes, as download sizes are usually given). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The "Make available offline" button's words: what it would still download. */
export function makeOfflineLabel(ids: readonly string[], cached: readonly string[], sizes: Readonly<Record<string, number | null>>): string {
  const missing = ids.filter((id) => !cached.includes(id));
  if (!missing.length) return t('offline.allAvailable');
  const bytes = missing.map((id) => sizes[id]);
  const total = bytes.every((b): b is number => b !== null && b !== undefined)
    ? t('offline.total', { size: formatMegabytes(bytes.reduce((a, b) => a + b, 0)) })
    : '';
  return missing.length === ids.length ? t('offline.makeAll', { total }) : t('offline.makeOther', { n: missing.length, total });
}
