import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRecentRuns, RecentRunsError, type RecentRunInfo } from './recentRuns';

function info(id: string, savedAt: number, step = 100): RecentRunInfo {
  return {
    id,
    savedAt,
    dataset: 'ring8',
    datasetName: 'Ring of 8',
    model: 'mlp2d',
    step,
    epoch: 1,
    size: 4,
    thumbnail: { width: 1, height: 1, pixels: new Uint8ClampedArray([1, 2, 3, 255]) },
  };
}

afterEach(() => vi.restoreAllMocks());

describe('recent runs (IndexedDB, fake-indexeddb in Node)', () => {
  it('saves runs and lists them newest first, with their bytes and thumbnails', async () => {
    const store = await openRecentRuns(new IDBFactory());
    await store.save(info('a', 1000), new Uint8Array([1, 2, 3, 4]));
    await store.save(info('b', 3000), new Uint8Array([5, 6]));
    await store.save(info('c', 2000), new Uint8Array([7]));
    const runs = await store.list();
    expect(runs.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(Array.from(runs[0].thumbnail!.pixels)).toEqual([1, 2, 3, 255]);
    expect(Array.from(await store.read('a'))).toEqual([1, 2, 3, 4]);
    expect(Array.from(await store.read('b'))).toEqual([5, 6]);
  });

  it('saving the same run again replaces its entry', async () => {
    const store = await openRecentRuns(new IDBFactory());
    await store.save(info('a', 1000, 100), new Uint8Array([1]));
    await store.save(info('a', 2000, 200), new Uint8Array([2, 2]));
    const runs = await store.list();
    expect(runs).toHaveLength(1);
    expect(runs[0].step).toBe(200);
    expect(Array.from(await store.read('a'))).toEqual([2, 2]);
  });

  it('keeps only the latest N runs', async () => {
    const store = await openRecentRuns(new IDBFactory(), 3);
    for (let i = 0; i < 5; i++) await store.save(info(`r${i}`, 1000 + i), new Uint8Array([i]));
    expect((await store.list()).map((r) => r.id)).toEqual(['r4', 'r3', 'r2']);
    await expect(store.read('r0')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('stores only the file bytes of a view into a larger buffer', async () => {
    const store = await openRecentRuns(new IDBFactory());
    const big = new Uint8Array([9, 9, 1, 2, 9]);
    await store.save(info('a', 1), big.subarray(2, 4));
    expect(Array.from(await store.read('a'))).toEqual([1, 2]);
  });

  it('deletes a run', async () => {
    const store = await openRecentRuns(new IDBFactory());
    await store.save(info('a', 1), new Uint8Array([1]));
    await store.save(info('b', 2), new Uint8Array([2]));
    await store.delete('a');
    expect((await store.list()).map((r) => r.id)).toEqual(['b']);
    await expect(store.read('a')).rejects.toBeInstanceOf(RecentRunsError);
  });

  it('a full quota is a typed error and the store keeps what it had', async () => {
    const store = await openRecentRuns(new IDBFactory());
    await store.save(info('a', 1), new Uint8Array([1]));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const err = await store.save(info('b', 2), new Uint8Array([2])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecentRunsError);
    expect((err as RecentRunsError).kind).toBe('quota');
    expect((err as RecentRunsError).message).toMatch(/storage for this site is full/);
    vi.restoreAllMocks();
    expect((await store.list()).map((r) => r.id)).toEqual(['a']);
  });

  it('no IndexedDB, or one that refuses to open, is a typed "unavailable" error', async () => {
    await expect(openRecentRuns(undefined)).rejects.toMatchObject({ kind: 'unavailable' });
    const refusing = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as globalThis.IDBFactory;
    const err = await openRecentRuns(refusing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecentRunsError);
    expect((err as RecentRunsError).kind).toBe('unavailable');
    // Firefox's private windows: open() returns a request that fails.
    const failing = {
      open() {
        const req = {} as { onsuccess?: () => void; onerror?: () => void; error?: DOMException };
        setTimeout(() => {
          req.error = new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
          req.onerror?.();
        }, 0);
        return req;
      },
    } as unknown as globalThis.IDBFactory;
    await expect(openRecentRuns(failing)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
