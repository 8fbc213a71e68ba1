import { describe, expect, it } from 'vitest';
import { assetFetchError, cachedDatasetIdsIn } from './assetFetchError';

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
});
