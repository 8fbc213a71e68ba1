/** The Recent runs list: each autosaved run with its dataset, step, time and samples; open or delete. */
import { useModalDialog } from '../../lib/useModalDialog';
import { useNow } from '../../lib/useNow';
import { useKeeping, useKeepingStore } from '../../keepingContext';
import { timeAgo } from '../../runKeepingStore';
import { RunThumbnail } from './RunThumbnail';

export function RecentRunsDialog() {
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
      <h2 id="recent-runs-title">Recent runs</h2>
      <p className="hint">Autosaved in this browser every 30 s of training, on Pause and when the page is hidden; the latest 5 are kept.</p>
      {note && <p className="message notice">{note}</p>}
      {runs === null ? (
        <p>Loading…</p>
      ) : runs.length === 0 ? (
        <p>No saved runs yet.</p>
      ) : (
        <ul className="recent-runs" aria-label="Saved runs">
          {runs.map((r) => (
            <li key={r.id} className="recent-run">
              <RunThumbnail run={r} />
              <div className="recent-run-text">
                <strong>{r.datasetName}</strong> · {r.model}
                <br />
                step {r.step.toLocaleString('en-US')} · epoch {r.epoch.toLocaleString('en-US')} · saved {timeAgo(r.savedAt, now)}
              </div>
              <div className="recent-run-buttons">
                <button
                  type="button"
                  className="primary"
                  onClick={() => keeping.getState().openRecent(r.id)}
                  aria-label={`Open the ${r.dataset} run at step ${r.step}`}
                >
                  Open
                </button>
                <button type="button" onClick={() => keeping.getState().deleteRecent(r.id)} aria-label={`Delete the ${r.dataset} run at step ${r.step}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
