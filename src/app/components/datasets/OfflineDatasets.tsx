/**
 * "Offline use" in the datasets window: which downloadable datasets this device holds, their
 * sizes, and one button that downloads the rest into the service worker's dataset cache with a
 * progress bar (docs/offline.md). Point datasets are made in code and always work offline.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATASET_ASSETS } from '../../../core/data/offlineAssets';
import { cacheDataset, cachedDatasetIds, datasetFileSize, formatMegabytes, makeOfflineLabel } from '../../lib/offlineDatasets';
import { useApp } from '../../storeContext';
import { datasetName } from '../../lib/displayNames';

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
  const { t } = useTranslation();
  const datasets = useApp((s) => s.datasets);
  const online = useOnline();
  const supported = typeof caches !== 'undefined';
  const [cached, setCached] = useState<string[]>([]);
  const [sizes, setSizes] = useState<Record<string, number | null>>({});
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => {
    const found = datasets.find((d) => d.id === id);
    return found ? datasetName(found) : id;
  };

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
        setError(t('offline.failed', { name: nameOf(id), detail: (e as Error).message }));
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
      <h3 id="offline-datasets-title">{t('offline.title')}</h3>
      <p className="muted">{online ? t('offline.online') : t('offline.offline')}</p>
      <ul>
        {IDS.map((id) => (
          <li key={id} data-testid={`offline-${id}`}>
            {nameOf(id)}
            <span className="muted"> · {sizes[id] ? formatMegabytes(sizes[id]) : t('offline.sizeUnknown')} · </span>
            {cached.includes(id) ? <b>{t('offline.available')}</b> : progress?.id === id ? t('offline.downloading') : t('offline.notDownloaded')}
          </li>
        ))}
      </ul>
      {progress && (
        <label className="offline-progress">
          {nameOf(progress.id)}: {formatMegabytes(progress.loaded)}
          {progress.total ? t('offline.progressOf', { total: formatMegabytes(progress.total) }) : ''}
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
