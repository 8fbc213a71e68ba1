/** Start, Pause, Step (one step while paused) and Reset (new weights, same config). */
import { useEffect, useRef } from 'react';
import { useApp, useAppStore } from '../../storeContext';

export function RunControls() {
  const store = useAppStore();
  const ready = useApp((s) => s.phase === 'ready');
  // In a twin, training while either run trains (A may be held while B trains on).
  const running = useApp((s) => s.running || s.runningB);
  const startRef = useRef<HTMLButtonElement>(null);
  const pauseRef = useRef<HTMLButtonElement>(null);

  // Keyboard users keep their place: once the worker confirms, the button that just got disabled
  // hands focus to its twin.
  const handOver = useRef<'start' | 'pause' | null>(null);
  useEffect(() => {
    const target = handOver.current === 'pause' && running ? pauseRef.current : handOver.current === 'start' && !running ? startRef.current : null;
    if (!target) return;
    handOver.current = null;
    if (document.activeElement === document.body || document.activeElement === startRef.current || document.activeElement === pauseRef.current) target.focus();
  }, [running]);
  const start = () => {
    handOver.current = 'pause';
    store.getState().start();
  };
  const pause = () => {
    handOver.current = 'start';
    store.getState().pause();
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
      <button
        type="button"
        onClick={() => store.getState().reset()}
        disabled={!ready}
        title="New random weights, same settings: the run starts again from step 0"
      >
        Reset
      </button>
    </div>
  );
}
