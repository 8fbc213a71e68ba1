/**
 * "Offline use" in the datasets window: which downloadable datasets this device holds, their
 * sizes, and one button that downloads the rest into the service worker's dataset cache with a
 * progress bar (docs/offline.md). Point datasets are made in code and always work offline.
 */
import { useCallback, useEffect, useState } from 'react';
import { DATASET_ASSETS } from '../../../core/data/offlineAssets';
import { cacheDataset, cachedDatasetIds, datasetFileSize, formatMegabytes, makeOfflineLabel } from '../../lib/offlineDatasets';
import { useApp } from '../../storeContext';

const IDS = Object.keys(DATASET_ASSETS);

interface Progress {
  id: string;
  loaded: number;
  total: number | null;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export function OfflineDatasets() {
  const datasets = useApp((s) => s.datasets);
  const online = useOnline();
  const supported = typeof caches !== 'undefined';
  const [cached, setCached] = useState<string[]>([]);
  const [sizes, setSizes] = useState<Record<string, number | null>>({});
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => datasets.find((d) => d.id === id)?.name ?? id;

  const refresh = useCallback(() => {
    if (supported) void cachedDatasetIds().then(setCached, () => undefined);
  }, [supported]);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    if (!online) return;
    for (const id of IDS)
      void datasetFileSize(id).then(
        (n) => setSizes((s) => ({ ...s, [id]: n })),
        () => undefined,
      );
  }, [online]);

  if (!supported) return null;

  const download = async () => {
    setError(null);
    for (const id of IDS.filter((x) => !cached.includes(x))) {
      setProgress({ id, loaded: 0, total: sizes[id] ?? null });
      try {
        await cacheDataset(id, (loaded, total) => setProgress({ id, loaded, total }));
      } catch (e) {
        setError(`${nameOf(id)} could not be saved for offline use: ${(e as Error).message}. Datasets saved so far are kept.`);
        break;
      }
      setCached((c) => [...c, id]);
    }
    setProgress(null);
    refresh();
  };

  const label = makeOfflineLabel(IDS, cached, sizes);
  return (
    <section className="offline-datasets" aria-labelledby="offline-datasets-title" data-testid="offline-datasets">
      <h3 id="offline-datasets-title">Offline use</h3>
      <p className="muted">
        {online
          ? 'After this visit the app opens without a network. Point datasets always work offline; image datasets once downloaded.'
          : 'You are offline: the datasets marked “available offline” and every point dataset can be trained.'}
      </p>
      <ul>
        {IDS.map((id) => (
          <li key={id} data-testid={`offline-${id}`}>
            {nameOf(id)}
            <span className="muted"> · {sizes[id] ? formatMegabytes(sizes[id]) : 'size unknown offline'} · </span>
            {cached.includes(id) ? <b>available offline ✓</b> : progress?.id === id ? 'downloading…' : 'not downloaded'}
          </li>
        ))}
      </ul>
      {progress && (
        <label className="offline-progress">
          {nameOf(progress.id)}: {formatMegabytes(progress.loaded)}
          {progress.total ? ` of ${formatMegabytes(progress.total)}` : ''}
          <progress max={progress.total ?? undefined} value={progress.total ? progress.loaded : undefined} />
        </label>
      )}
      {error && (
        <p role="alert" className="message error">
          {error}
        </p>
      )}
      <button type="button" onClick={() => void download()} disabled={!online || !!progress || cached.length === IDS.length}>
        {label}
      </button>
    </section>
  );
}
