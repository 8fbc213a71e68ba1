import { describe, expect, it } from 'vitest';
import { DATASET_SOURCES } from './registry';
import { DATASET_ASSETS, datasetOfAsset, offlineDatasetMessage } from './offlineAssets';

describe('offlineAssets', () => {
  it('lists a file for exactly the datasets that read one', async () => {
    const reads: Record<string, string[]> = {};
    for (const source of DATASET_SOURCES) {
      const paths: string[] = [];
      await source.load({ seed: 1, readAsset: (p) => (paths.push(p), Promise.reject(new Error('no files in this test'))) }).catch(() => undefined);
      if (paths.length) reads[source.info.id] = paths;
    }
    expect(Object.fromEntries(Object.entries(DATASET_ASSETS).map(([id, p]) => [id, [p]]))).toEqual(reads);
  });

  it('maps a file back to its dataset', () => {
    expect(datasetOfAsset('data/mnist.bin')).toBe('mnist');
    expect(datasetOfAsset('classifiers/mnist.bin')).toBeUndefined();
  });

  it('names the missing dataset and what is available instead', () => {
    const m = offlineDatasetMessage('Fashion-MNIST', ['MNIST']);
    expect(m).toMatch(/^Fashion-MNIST is not available offline/);
    expect(m).toContain('Available offline: MNIST, and every point dataset');
    expect(m).toContain('Your current run is kept');
    expect(offlineDatasetMessage('Emoji', [])).toContain('no image dataset was saved for offline use');
  });
});
