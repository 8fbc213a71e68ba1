/**
 * At page open: "Resume the ring8 run from step 4,200 (saved 2 minutes ago)" or "Start fresh";
 * and the one note when runs cannot be kept in this browser.
 */
import { useTranslation } from 'react-i18next';
import { useKeeping, useKeepingStore } from '../../keepingContext';
import { resumeLabel } from '../../runKeepingStore';
import { useNow } from '../../lib/useNow';

export function ResumeOffer() {
  const { t } = useTranslation();
  const keeping = useKeepingStore();
  const offer = useKeeping((s) => s.offer);
  const note = useKeeping((s) => s.storageNote);
  const now = useNow();
  if (!offer && !note) return null;
  return (
    <div className="messages">
      {offer && (
        <div className="message notice resume-offer" role="region" aria-label={t('resume.region')}>
          <div>{t('resume.saved')}</div>
          <div className="resume-buttons">
            <button type="button" className="primary" onClick={() => keeping.getState().resume()}>
              {resumeLabel(offer, now)}
            </button>
            <button type="button" onClick={() => keeping.getState().startFresh()}>
              {t('resume.fresh')}
            </button>
          </div>
        </div>
      )}
      {note && (
        <div className="message notice" role="note" data-testid="storage-note">
          <div>{t('resume.storageGoesOn', { note })}</div>
          <button type="button" className="dismiss" aria-label={t('resume.dismiss')} onClick={() => keeping.getState().dismissStorageNote()}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
