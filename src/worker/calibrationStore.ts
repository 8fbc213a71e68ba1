/**
 * Where `auto`'s per-model backend measurements are kept between visits: IndexedDB (workers have
 * it), in a database of its own so it never meets the run store's versions. Without IndexedDB (a
 * private window) it keeps them for the session only: a measurement is cheap to repeat.
 */
import type { CachedChoice, CalibrationCache } from '../core/backend/backendCalibration';

const DB_NAME = 'gan-playground-calibration';
const STORE = 'choices';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const r = factory.open(DB_NAME, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(STORE);
  return request(r);
}

export function calibrationStore(factory: IDBFactory | undefined = globalThis.indexedDB): CalibrationCache {
  const memory = new Map<string, CachedChoice>();
  // open() may throw at once (a disabled storage), or fail later: either way memory serves.
  const db: Promise<IDBDatabase | null> = factory
    ? Promise.resolve()
        .then(() => open(factory))
        .catch(() => null)
    : Promise.resolve(null);
  const withStore = async (mode: IDBTransactionMode): Promise<IDBObjectStore | null> => {
    const d = await db;
    return d ? d.transaction(STORE, mode).objectStore(STORE) : null;
  };
  return {
    async get(key) {
      const store = await withStore('readonly').catch(() => null);
      if (!store) return memory.get(key);
      return ((await request(store.get(key)).catch(() => undefined)) as CachedChoice | undefined) ?? memory.get(key);
    },
    async set(key, value) {
      memory.set(key, value);
      const store = await withStore('readwrite').catch(() => null);
      if (store) await request(store.put(value, key)).catch(() => undefined);
    },
  };
}
