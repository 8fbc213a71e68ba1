/**
 * Worker errors (bad config, backend failure, NaN losses) and ignored URL parameters, shown by
 * the status rather than only in the console. Errors are alerts; URL notices are plain notes.
 */
import { useShallow } from 'zustand/react/shallow';
import { useApp, useAppStore } from '../../storeContext';
import type { AppError } from '../../store/errors';

const TITLES: Record<AppError['code'], string> = {
  'bad-message': 'Internal message error',
  'bad-config': 'Setting rejected',
  'backend-failed': 'Backend failed',
  'dataset-failed': 'Dataset could not load',
  'bad-upload': 'Images could not be used',
  'nan-loss': 'Training diverged',
  'bad-run-file': 'Run file could not be opened',
  'not-ready': 'Not ready',
  'export-failed': 'Export failed',
  internal: 'Training error',
  'worker-crashed': 'Training worker failed',
};

export function ErrorMessages() {
  const store = useAppStore();
  const { errors, notices } = useApp(useShallow((s) => ({ errors: s.errors, notices: s.notices })));
  if (!errors.length && !notices.length) return null;
  return (
    <div className="messages">
      {errors.map((e) => (
        <div key={e.id} className={`message error code-${e.code}`} role="alert" data-testid="error-message">
          <div>
            <strong>{TITLES[e.code]}:</strong> {e.message}
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
          <button type="button" className="dismiss" aria-label="Dismiss message" onClick={() => store.getState().dismissError(e.id)}>
            ×
          </button>
        </div>
      ))}
      {notices.map((n, i) => (
        <div key={`n${i}`} className="message notice" role="note" data-testid="url-notice">
          <div>{n}</div>
          <button type="button" className="dismiss" aria-label="Dismiss note" onClick={() => store.getState().dismissNotice(i)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
