/**
 * The Recent runs store: run files kept in IndexedDB (available in workers), the newest few.
 * The database factory is injected, so Node tests use `fake-indexeddb` and the worker passes
 * `self.indexedDB`. Metadata and file bytes live in two object stores, so listing the runs never
 * reads megabytes of weights.
 */

/** A small RGBA picture of the run's samples, for the list. */
export interface Thumbnail {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

export interface RecentRunInfo {
  /** One id per run: autosaving the same run again replaces its entry. */
  id: string;
  /** Date.now() when saved. */
  savedAt: number;
  dataset: string;
  datasetName: string;
  model: string;
  step: number;
  epoch: number;
  /** The run file's size in bytes. */
  size: number;
  thumbnail: Thumbnail | null;
}

export type RecentRunsErrorKind = 'unavailable' | 'quota' | 'not-found' | 'failed';

/** Every failure of the store comes as one of these, never as a bare DOMException. */
export class RecentRunsError extends Error {
  constructor(
    readonly kind: RecentRunsErrorKind,
    message: string,
    /** The catalogue key the page words it with (docs/i18n.md); none for a bare failure. */
    readonly key?: string,
  ) {
    super(message);
    this.name = 'RecentRunsError';
  }
}

/** Runs kept; saving a sixth drops the oldest. */
export const RECENT_RUNS_KEPT = 5;
const DB_NAME = 'gan-playground-runs';
const DB_VERSION = 1;
const META = 'meta';
const FILES = 'files';

export interface RecentRuns {
  /** Saves (or replaces, same id) a run and drops the oldest past `keep`. */
  save(info: RecentRunInfo, bytes: Uint8Array): Promise<void>;
  /** Newest first. */
  list(): Promise<RecentRunInfo[]>;
  /** The run file's bytes. */
  read(id: string): Promise<Uint8Array>;
  delete(id: string): Promise<void>;
  close(): void;
}

function classify(e: unknown, doing: string): RecentRunsError {
  if (e instanceof RecentRunsError) return e;
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = (e as { message?: string } | null)?.message ?? String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new RecentRunsError('quota', `The browser's storage for this site is full, so runs are not autosaved (${doing}).`, 'storageFull');
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return new RecentRunsError(
      'unavailable',
      `This browser does not let the page store data (a private window?), so runs are not autosaved.`,
      'storageRefused',
    );
  }
  return new RecentRunsError('failed', `Could not ${doing}: ${message}`);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/**
 * Opens the store. `factory` undefined (no IndexedDB in this context) or refusing to open (private
 * windows in some browsers) gives a RecentRunsError of kind 'unavailable'.
 */
export async function openRecentRuns(factory: IDBFactory | undefined, keep = RECENT_RUNS_KEPT): Promise<RecentRuns> {
  if (!factory) throw new RecentRunsError('unavailable', 'This browser has no IndexedDB here, so runs are not autosaved.', 'noIndexedDb');
  let db: IDBDatabase;
  try {
    const req = factory.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const d = req.result;
      if (!d.objectStoreNames.contains(META)) d.createObjectStore(META, { keyPath: 'id' });
      if (!d.objectStoreNames.contains(FILES)) d.createObjectStore(FILES);
    };
    db = await request(req);
  } catch (e) {
    const err = classify(e, 'open the run store');
    throw err.kind === 'failed' ? new RecentRunsError('unavailable', `${err.message} Runs are not autosaved.`) : err;
  }

  async function list(): Promise<RecentRunInfo[]> {
    try {
      const tx = db.transaction(META, 'readonly');
      const all = (await request(tx.objectStore(META).getAll())) as RecentRunInfo[];
      return all.sort((a, b) => b.savedAt - a.savedAt);
    } catch (e) {
      throw classify(e, 'list the saved runs');
    }
  }

  return {
    async save(info, bytes) {
      try {
        const older = (await list()).filter((r) => r.id !== info.id);
        const drop = older.slice(Math.max(0, keep - 1));
        const tx = db.transaction([META, FILES], 'readwrite');
        const finished = done(tx);
        tx.objectStore(META).put(info);
        // A copy of exactly the file's bytes (the view may be a window on a larger buffer).
        tx.objectStore(FILES).put(bytes.slice().buffer, info.id);
        for (const r of drop) {
          tx.objectStore(META).delete(r.id);
          tx.objectStore(FILES).delete(r.id);
        }
        await finished;
      } catch (e) {
        throw classify(e, 'save the run');
      }
    },
    list,
    async read(id) {
      let value: unknown;
      try {
        const tx = db.transaction(FILES, 'readonly');
        value = await request(tx.objectStore(FILES).get(id));
      } catch (e) {
        throw classify(e, 'read the saved run');
      }
      if (!(value instanceof ArrayBuffer)) throw new RecentRunsError('not-found', 'That saved run is no longer there (deleted in another tab?).', 'runGone');
      return new Uint8Array(value);
    },
    async delete(id) {
      try {
        const tx = db.transaction([META, FILES], 'readwrite');
        const finished = done(tx);
        tx.objectStore(META).delete(id);
        tx.objectStore(FILES).delete(id);
        await finished;
      } catch (e) {
        throw classify(e, 'delete the saved run');
      }
    },
    close: () => db.close(),
  };
}
