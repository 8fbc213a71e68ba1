/**
 * Each run of a twin on its own (docs/twin-runs.md): Pause / Start A or B (the other trains on),
 * Reset B (B forked again from A where A is now) and Save A / Save B (one run alone, as an
 * ordinary run file; the Save run button saves both in one file).
 */
import { useShallow } from 'zustand/react/shallow';
import { formatInt } from '../../lib/format';
import { useKeeping, useKeepingStore } from '../../keepingContext';
import { useApp, useAppStore } from '../../storeContext';
import type { RunKey } from '../../../worker/protocol';

export function TwinRunControls() {
  const store = useAppStore();
  const keeping = useKeepingStore();
  const busy = useKeeping((k) => k.busy !== null);
  const s = useApp(
    useShallow((st) => ({
      twinOn: st.twinOn,
      ready: st.phase === 'ready',
      runningA: st.running,
      runningB: st.runningB,
      stepA: st.step,
      stepB: st.stepB,
      forkStep: st.forkStep,
    })),
  );
  if (!s.twinOn) return null;
  const act = store.getState;
  const row = (key: RunKey, running: boolean, step: number) => (
    <li key={key} className="twin-run" data-testid={`twin-run-${key}`}>
      <span className="twin-run-label">
        Run {key} · step {formatInt(step)} · {running ? 'training' : 'paused'}
      </span>
      <button
        type="button"
        disabled={!s.ready}
        onClick={() => (running ? act().pauseRunOf(key) : act().startRunOf(key))}
        title={running ? `Pause run ${key}; the other run trains on` : `Train run ${key} (the other run keeps its state)`}
      >
        {running ? `Pause ${key}` : `Start ${key}`}
      </button>
      {key === 'B' && (
        <button
          type="button"
          disabled={!s.ready}
          onClick={() => act().resetB()}
          title="Fork B again from A where A is now (B keeps its settings); training pauses"
        >
          Reset B
        </button>
      )}
      <button
        type="button"
        disabled={!s.ready || busy}
        onClick={() => keeping.getState().saveRun(key)}
        title={`Download run ${key} alone as an ordinary .ganrun file (Save run saves both)`}
      >
        Save {key}
      </button>
    </li>
  );
  return (
    <ul className="twin-runs" aria-label="Runs A and B">
      {row('A', s.runningA, s.stepA)}
      {row('B', s.runningB, s.stepB)}
      <li className="twin-fork-note">B forked from A at step {formatInt(s.forkStep)}.</li>
    </ul>
  );
}
