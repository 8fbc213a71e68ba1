/**
 * "New version — Reload": shown when the service worker has a new build waiting. The new version
 * takes over only when the user presses Reload; a running run is paused and autosaved first
 * (reloadForUpdate.ts), so the resume offer brings it back.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { markedText } from '../../i18n/markedText';
import { useKeepingStore } from '../../keepingContext';
import { reloadForUpdate } from '../../lib/reloadForUpdate';
import { useServiceWorker } from '../../lib/serviceWorker';
import { useAppStore } from '../../storeContext';

export function UpdateNotice() {
  const { t } = useTranslation();
  const store = useAppStore();
  const keeping = useKeepingStore();
  const waiting = useServiceWorker((s) => s.updateWaiting);
  const [dismissed, setDismissed] = useState(false);
  const [reloading, setReloading] = useState(false);
  if (!waiting || dismissed) return null;

  const reload = () => {
    setReloading(true);
    const before = keeping.getState().recent;
    void reloadForUpdate({
      isRunning: () => store.getState().running || store.getState().runningB,
      pause: () => store.getState().pause(),
      subscribe: (listener) => store.subscribe(listener),
      savedAfterPause: () =>
        new Promise<void>((resolve) => {
          if (keeping.getState().recent !== before) return resolve();
          const off = keeping.subscribe((s) => {
            if (s.recent !== before) {
              off();
              resolve();
            }
          });
        }),
      reload: () => useServiceWorker.getState().activateUpdate(),
    });
  };

  return (
    <div className="messages">
      <div className="message notice update-notice" role="status" data-testid="update-notice">
        <span>{markedText(t('update.text'))}</span>
        <span className="update-buttons">
          <button type="button" onClick={reload} disabled={reloading}>
            {reloading ? t('update.reloading') : t('update.reload')}
          </button>
          <button type="button" className="dismiss" aria-label={t('update.later')} title={t('update.later')} onClick={() => setDismissed(true)}>
            ×
          </button>
        </span>
      </div>
    </div>
  );
}
