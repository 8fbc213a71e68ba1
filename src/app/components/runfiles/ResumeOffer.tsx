/**
 * At page open: "Resume the ring8 run from step 4,200 (saved 2 minutes ago)" or "Start fresh";
 * and the one note when runs cannot be kept in this browser.
 */
import { useKeeping, useKeepingStore } from '../../keepingContext';
import { resumeLabel } from '../../runKeepingStore';
import { useNow } from '../../lib/useNow';

export function ResumeOffer() {
  const keeping = useKeepingStore();
  const offer = useKeeping((s) => s.offer);
  const note = useKeeping((s) => s.storageNote);
  const now = useNow();
  if (!offer && !note) return null;
  return (
    <div className="messages">
      {offer && (
        <div className="message notice resume-offer" role="region" aria-label="Resume a saved run">
          <div>A run was saved in this browser.</div>
          <div className="resume-buttons">
            <button type="button" className="primary" onClick={() => keeping.getState().resume()}>
              {resumeLabel(offer, now)}
            </button>
            <button type="button" onClick={() => keeping.getState().startFresh()}>
              Start fresh
            </button>
          </div>
        </div>
      )}
      {note && (
        <div className="message notice" role="note" data-testid="storage-note">
          <div>{note} Training goes on; Save run still downloads a file.</div>
          <button type="button" className="dismiss" aria-label="Dismiss note" onClick={() => keeping.getState().dismissStorageNote()}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
