/** Start, Pause, Step (one step while paused) and Reset (new weights, same config). */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../storeContext';

export function RunControls() {
  const { t } = useTranslation();
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
    <div className="run-controls" role="group" aria-label={t('run.group')}>
      <button ref={startRef} type="button" className="primary" onClick={start} disabled={!ready || running} title={t('run.startTitle')}>
        {t('run.start')}
      </button>
      <button ref={pauseRef} type="button" onClick={pause} disabled={!ready || !running} title={t('run.pauseTitle')}>
        {t('run.pause')}
      </button>
      <button type="button" onClick={() => store.getState().stepOnce()} disabled={!ready || running} title={t('run.stepTitle')}>
        {t('run.step')}
      </button>
      <button type="button" onClick={() => store.getState().reset()} disabled={!ready} title={t('run.resetTitle')}>
        {t('run.reset')}
      </button>
    </div>
  );
}
