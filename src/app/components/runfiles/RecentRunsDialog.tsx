/** The Recent runs list: each autosaved run with its dataset, step, time and samples; open or delete. */
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../lib/useModalDialog';
import { useNow } from '../../lib/useNow';
import { useKeeping, useKeepingStore } from '../../keepingContext';
import { timeAgo } from '../../runKeepingStore';
import { RunThumbnail } from './RunThumbnail';

export function RecentRunsDialog() {
  const { t } = useTranslation();
  const keeping = useKeepingStore();
  const open = useKeeping((s) => s.dialogOpen);
  const runs = useKeeping((s) => s.recent);
  const note = useKeeping((s) => s.storageNote);
  const ref = useModalDialog(open);

  const now = useNow();
  const close = () => keeping.getState().showRecent(false);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog recent-runs-dialog"
      aria-labelledby="recent-runs-title"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="recent-runs-title">{t('recentRuns.title')}</h2>
      <p className="hint">{t('recentRuns.hint')}</p>
      {note && <p className="message notice">{note}</p>}
      {runs === null ? (
        <p>{t('recentRuns.loading')}</p>
      ) : runs.length === 0 ? (
        <p>{t('recentRuns.none')}</p>
      ) : (
        <ul className="recent-runs" aria-label={t('recentRuns.list')}>
          {runs.map((r) => (
            <li key={r.id} className="recent-run">
              <RunThumbnail run={r} />
              <div className="recent-run-text">
                <strong>{r.datasetName}</strong> · {r.model}
                <br />
                {t('recentRuns.details', { step: r.step, epoch: r.epoch, ago: timeAgo(r.savedAt, now) })}
              </div>
              <div className="recent-run-buttons">
                <button
                  type="button"
                  className="primary"
                  onClick={() => keeping.getState().openRecent(r.id)}
                  aria-label={t('recentRuns.openLabel', { dataset: r.dataset, step: r.step })}
                >
                  {t('recentRuns.open')}
                </button>
                <button
                  type="button"
                  onClick={() => keeping.getState().deleteRecent(r.id)}
                  aria-label={t('recentRuns.deleteLabel', { dataset: r.dataset, step: r.step })}
                >
                  {t('recentRuns.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          {t('recentRuns.close')}
        </button>
      </div>
    </dialog>
  );
}
