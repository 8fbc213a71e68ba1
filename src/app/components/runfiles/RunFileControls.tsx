/** Save run (download a .ganrun), Open run (a file picker) and the Recent runs list. */
import { useRef } from 'react';
import { RunFileInput } from './RunFileInput';
import { useApp } from '../../storeContext';
import { useKeeping, useKeepingStore } from '../../keepingContext';

export function RunFileControls() {
  const keeping = useKeepingStore();
  const ready = useApp((s) => s.phase === 'ready');
  const step = useApp((s) => s.step);
  const busy = useKeeping((s) => s.busy);
  const opened = useKeeping((s) => s.opened);
  const input = useRef<HTMLInputElement>(null);

  return (
    <>
      <div className="run-file-controls" role="group" aria-label="Run files">
        <button
          type="button"
          onClick={() => keeping.getState().saveRun()}
          disabled={!ready || busy !== null}
          title="Download this run (weights, optimizer state, history) as a .ganrun file to continue later; in a twin, both runs in one file"
        >
          {busy === 'saving' ? 'Saving…' : 'Save run'}
        </button>
        <button
          type="button"
          onClick={() => input.current?.click()}
          disabled={!ready || busy !== null}
          title="Open a .ganrun file (or drop one on the page): it replaces the current run"
        >
          {busy === 'opening' ? 'Opening…' : 'Open run…'}
        </button>
        <button type="button" onClick={() => keeping.getState().showRecent(true)} disabled={!ready} title="Runs autosaved in this browser">
          Recent runs…
        </button>
        <RunFileInput ref={input} label="Run file to open" testId="open-run-input" onFile={(file) => void keeping.getState().openFile(file)} />
      </div>
      {opened && step >= 0 && (
        <p className="run-file-status" role="status" aria-live="polite">
          {opened}
        </p>
      )}
    </>
  );
}
