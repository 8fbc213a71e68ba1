import { describe, expect, it } from 'vitest';
import { assetFetchError } from './assetFetchError';
import { cachedDatasetIdsIn, keepDatasetResponse } from './offlineDatasetCache';

const names: Record<string, string> = { mnist: 'MNIST digits', 'fashion-mnist': 'Fashion-MNIST', emoji: 'Emoji (Noto)' };
const nameOf = (id: string) => names[id] ?? id;

/** A CacheStorage holding one cache with the given URLs. */
function fakeCaches(cacheName: string, urls: string[]): CacheStorage {
  const cache = { match: async (u: string) => (urls.includes(u) ? new Response('x') : undefined) };
  return { has: async (n: string) => n === cacheName, open: async () => cache } as unknown as CacheStorage;
}

describe('assetFetchError', () => {
  it('names the dataset that was never cached and the ones that were', async () => {
    const cachedIds = cachedDatasetIdsIn(fakeCaches('gan-datasets-1', ['/data/mnist.bin']), 'gan-datasets-1', (p) => `/${p}`);
    const e = await assetFetchError('data/fashion-mnist.bin', new TypeError('Failed to fetch'), { cachedIds, nameOf });
    expect(e.message).toMatch(/^Fashion-MNIST is not available offline/);
    expect(e.message).toContain('Available offline: MNIST digits, and every point dataset');
  });

  it('says so when no image dataset is cached, or the cache is missing', async () => {
    const cachedIds = cachedDatasetIdsIn(fakeCaches('other', ['/data/mnist.bin']), 'gan-datasets-1', (p) => `/${p}`);
    expect(await cachedIds()).toEqual([]);
    const e = await assetFetchError('data/emoji.bin', new TypeError('Failed to fetch'), { cachedIds, nameOf });
    expect(e.message).toContain('Emoji (Noto) is not available offline');
    expect(e.message).toContain('no image dataset was saved for offline use');
  });

  it('keeps a plain message for other assets', async () => {
    const e = await assetFetchError('classifiers/mnist.bin', new TypeError('Failed to fetch'), { cachedIds: async () => [], nameOf });
    expect(e.message).toBe('classifiers/mnist.bin could not be downloaded (Failed to fetch); is the network off?');
  });

  it('keeps a dataset file fetched past the service worker, once, and nothing else', async () => {
    const stored = new Map<string, Response>();
    const cache = { match: async (u: string) => stored.get(u), put: async (u: string, r: Response) => void stored.set(u, r) };
    const caches = { open: async () => cache } as unknown as CacheStorage;
    const first = new Response('one');
    await keepDatasetResponse(caches, 'c', 'data/mnist.bin', 'http://x/data/mnist.bin', first);
    await keepDatasetResponse(caches, 'c', 'data/mnist.bin', 'http://x/data/mnist.bin', new Response('two'));
    await keepDatasetResponse(caches, 'c', 'classifiers/floors.json', 'http://x/classifiers/floors.json', new Response('{}'));
    expect([...stored.keys()]).toEqual(['http://x/data/mnist.bin']);
    expect(await stored.get('http://x/data/mnist.bin')!.text()).toBe('one');
    await keepDatasetResponse(undefined, 'c', 'data/mnist.bin', 'u', new Response('x'));
  });
});
