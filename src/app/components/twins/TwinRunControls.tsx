/**
 * Each run of a twin on its own (docs/twin-runs.md): Pause / Start A or B (the other trains on),
 * Reset B (B forked again from A where A is now) and Save A / Save B (one run alone, as an
 * ordinary run file; the Save run button saves both in one file).
 */
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { useKeeping, useKeepingStore } from '../../keepingContext';
import { useApp, useAppStore } from '../../storeContext';
import type { RunKey } from '../../../worker/protocol';

export function TwinRunControls() {
  const { t } = useTranslation();
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
      <span className="twin-run-label">{t('twin.runLine', { run: key, step, running: String(running) })}</span>
      <button
        type="button"
        disabled={!s.ready}
        onClick={() => (running ? act().pauseRunOf(key) : act().startRunOf(key))}
        title={running ? t('twin.pauseRunTitle', { run: key }) : t('twin.startRunTitle', { run: key })}
      >
        {running ? t('twin.pauseRun', { run: key }) : t('twin.startRun', { run: key })}
      </button>
      {key === 'B' && (
        <button type="button" disabled={!s.ready} onClick={() => act().resetB()} title={t('twin.resetBTitle')}>
          {t('twin.resetB')}
        </button>
      )}
      <button type="button" disabled={!s.ready || busy} onClick={() => keeping.getState().saveRun(key)} title={t('twin.saveRunTitle', { run: key })}>
        {t('twin.saveRun', { run: key })}
      </button>
    </li>
  );
  return (
    <ul className="twin-runs" aria-label={t('twin.runs')}>
      {row('A', s.runningA, s.stepA)}
      {row('B', s.runningB, s.stepB)}
      <li className="twin-fork-note">{t('twin.forkedAt', { step: s.forkStep })}</li>
    </ul>
  );
}
