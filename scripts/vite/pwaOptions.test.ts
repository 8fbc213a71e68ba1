import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASET_CACHE_PREFIX as CORE_PREFIX } from '../../src/core/data/offlineAssets';
import { DATASET_CACHE_PREFIX, datasetCacheName, pwaOptions } from './pwaOptions';

describe('pwaOptions', () => {
  it('names the dataset cache after the files: same files, same name; changed files, new name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pwa-'));
    writeFileSync(join(dir, 'a.bin'), 'one');
    const first = datasetCacheName(dir);
    expect(first).toMatch(/^gan-datasets-[0-9a-f]{10}$/);
    expect(datasetCacheName(dir)).toBe(first);
    writeFileSync(join(dir, 'a.bin'), 'two');
    expect(datasetCacheName(dir)).not.toBe(first);
    expect(DATASET_CACHE_PREFIX).toBe(CORE_PREFIX);
  });

  it('precaches the shell, wasm and classifiers but not the datasets, which are cached on use', () => {
    const wb = pwaOptions('gan-datasets-x').workbox!;
    expect(wb.globPatterns!.join()).toMatch(/wasm/);
    expect(wb.globIgnores).toEqual(['data/**']);
    const rule = wb.runtimeCaching![0];
    expect(rule.handler).toBe('CacheFirst');
    expect((rule.urlPattern as RegExp).test('https://x.org/data/fashion-mnist.bin')).toBe(true);
    expect((rule.urlPattern as RegExp).test('https://x.org/classifiers/mnist.bin')).toBe(false);
    expect(rule.options?.cacheName).toBe('gan-datasets-x');
  });

  it('waits for the user before a new version takes over', () => {
    expect(pwaOptions('c').registerType).toBe('prompt');
  });
});
