/** Start, Pause, Step (one step while paused) and Reset (new weights, same config). */
import { useRef } from 'react';
import { useApp, useAppStore } from '../storeContext';

export function RunControls() {
  const store = useAppStore();
  const ready = useApp((s) => s.phase === 'ready');
  const running = useApp((s) => s.running);
  const startRef = useRef<HTMLButtonElement>(null);
  const pauseRef = useRef<HTMLButtonElement>(null);

  // Keyboard users keep their place: the button that just got disabled hands focus to its twin.
  const start = () => {
    store.getState().start();
    requestAnimationFrame(() => pauseRef.current?.focus());
  };
  const pause = () => {
    store.getState().pause();
    requestAnimationFrame(() => startRef.current?.focus());
  };

  return (
    <div className="run-controls" role="group" aria-label="Run">
      <button ref={startRef} type="button" className="primary" onClick={start} disabled={!ready || running} title="Train continuously">
        Start
      </button>
      <button ref={pauseRef} type="button" onClick={pause} disabled={!ready || !running} title="Stop after the current step">
        Pause
      </button>
      <button type="button" onClick={() => store.getState().stepOnce()} disabled={!ready || running} title="Run exactly one training step (while paused)">
        Step
      </button>
      <button type="button" onClick={() => store.getState().reset()} disabled={!ready} title="New random weights, same settings: the run starts again from step 0">
        Reset
      </button>
    </div>
  );
}
