/**
 * Worker errors (bad config, backend failure, NaN losses) and ignored URL parameters, shown by
 * the status rather than only in the console. Errors are alerts; URL notices are plain notes.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useAppStore } from '../../storeContext';
import type { AppError } from '../../store/errors';

/** Each code's title: its key under errors.titles in the catalogues. */
const TITLES: Record<AppError['code'], string> = {
  'bad-message': 'badMessage',
  'bad-config': 'badConfig',
  'backend-failed': 'backendFailed',
  'dataset-failed': 'datasetFailed',
  'bad-upload': 'badUpload',
  'nan-loss': 'nanLoss',
  'bad-run-file': 'badRunFile',
  'not-ready': 'notReady',
  'export-failed': 'exportFailed',
  internal: 'internal',
  'worker-crashed': 'workerCrashed',
};

export function ErrorMessages() {
  const { t } = useTranslation();
  const store = useAppStore();
  const { errors, notices } = useApp(useShallow((s) => ({ errors: s.errors, notices: s.notices })));
  if (!errors.length && !notices.length) return null;
  return (
    <div className="messages">
      {errors.map((e) => (
        <div key={e.id} className={`message error code-${e.code}`} role="alert" data-testid="error-message">
          <div>
            <strong>{t('errors.heading', { title: t(`errors.titles.${TITLES[e.code]}`) })}</strong> {e.message}
            {e.fieldErrors && e.fieldErrors.length > 1 && (
              <ul>
                {e.fieldErrors.map((f, i) => (
                  <li key={i}>
                    <code>{f.field}</code>: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" className="dismiss" aria-label={t('errors.dismiss')} onClick={() => store.getState().dismissError(e.id)}>
            ×
          </button>
        </div>
      ))}
      {notices.map((n, i) => (
        <div key={`n${i}`} className="message notice" role="note" data-testid="url-notice">
          <div>{n}</div>
          <button type="button" className="dismiss" aria-label={t('errors.dismissNote')} onClick={() => store.getState().dismissNotice(i)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
