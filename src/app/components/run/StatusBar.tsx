/**
 * The run status (role="status"): state, backend (with the worker's reasons behind a disclosure),
 * step, epoch, images/s and training time. The fast-changing numbers sit in an aria-live="off"
 * span so screen readers are not flooded ten times a second; state changes are still announced.
 */
import { useTranslation } from 'react-i18next';
import { backendReasonText, calibrationText, threadsNoteText } from '../../lib/backendReasons';
import { useShallow } from 'zustand/react/shallow';
import { formatDuration, formatInt, formatRate } from '../../lib/format';
import { useApp } from '../../storeContext';
import { LR_DECAY_FLOOR } from '../../../core/train/lrSchedule';
import { shownValue } from '../../store/live';
import { TwinStatus } from '../twins/TwinControls';

/**
 * Learning-rate decay, said where everyone looks: "LR decay from step 2,500" before it starts
 * (the ring's preset has it on), "LR ×0.42 (decaying)" while it is in force.
 */
function LrDecayBadge() {
  const { t } = useTranslation();
  const d = useApp(useShallow((st) => ({ steps: shownValue(st, 'lrDecaySteps') ?? 0, start: shownValue(st, 'lrDecayStart') ?? 0, scale: st.latest.lrScale })));
  if (!(d.steps > 0)) return null;
  const active = d.scale !== undefined && Number.isFinite(d.scale) && d.scale < 1;
  const title = t('status.lrDecayTitle', { floor: Math.round(LR_DECAY_FLOOR * 100), start: d.start, steps: d.steps });
  return (
    <span className={`lr-decay-badge${active ? '' : ' counter-secondary'}`} data-testid="lr-decay-badge" title={title}>
      {active ? t('status.lrDecaying', { scale: d.scale!.toFixed(2) }) : t('status.lrDecayFrom', { start: d.start })}
    </span>
  );
}

/**
 * What the page and the worker hold (for a long lesson, both should stay flat): its own small
 * component, so the once-a-second update re-renders only this line. Read by the soak.
 */
function Diagnostics() {
  const { t } = useTranslation();
  const d = useApp(useShallow((st) => ({ tensors: st.workerTensors, rows: st.historyLength + st.historyLengthB })));
  return (
    <p className="diagnostics" data-testid="diagnostics">
      {t('status.diagWorker')} <b data-testid="worker-tensors">{d.tensors ?? '–'}</b> {t('status.diagTensors')} <b data-testid="history-rows">{d.rows}</b>{' '}
      {t('status.diagRows')}
    </p>
  );
}

export function StatusBar() {
  const { t } = useTranslation();
  const s = useApp(
    useShallow((st) => ({
      phase: st.phase,
      // A twin trains while either run does (one may be held).
      running: st.running || st.runningB,
      backend: st.backend,
      requested: st.backendRequested,
      step: st.step,
      epoch: st.epoch,
      imagesPerSec: st.imagesPerSec,
      elapsedMs: st.elapsedMs,
      progress: st.progress,
    })),
  );
  // The state's id (its class) and its words.
  const state = s.phase === 'failed' ? 'stopped' : s.phase === 'loading' ? 'loading' : s.running ? 'training' : 'paused';
  const backendName = s.backend?.name ?? (s.phase === 'loading' ? t('status.starting') : t('status.none'));
  const reasons = s.backend?.reasons ?? [];
  const lost = s.backend?.deviceLost;
  const why =
    s.backend &&
    (lost
      ? t('status.whyLost', { lost: lost.backend, reason: lost.reason, name: s.backend.name, step: lost.step })
      : s.backend.requested !== 'auto'
        ? t('status.whyForced', { requested: s.backend.requested })
        : s.backend.calibration
          ? t('status.whyMeasured', { calibration: calibrationText(s.backend) })
          : t('status.whyAuto'));
  const tooltip = [why, ...reasons.map(backendReasonText)].filter(Boolean).join('\n');

  return (
    <div className="status-bar" role="status" aria-label={t('status.region')}>
      <span className={`run-state state-${state}`} data-testid="run-state">
        {t(`status.${state}`)}
      </span>
      <details className="backend" title={tooltip}>
        <summary data-testid="backend">
          {lost ? t('status.backendLost', { name: backendName, lost: lost.backend }) : t('status.backend', { name: backendName })}
        </summary>
        <div className="backend-why">
          {why && <p data-testid="backend-why">{why}</p>}
          {s.backend?.threads && <p data-testid="backend-threads">{t('status.threads', { note: threadsNoteText(s.backend.threads.note) })}</p>}
          <Diagnostics />
          {reasons.length ? (
            <ul>
              {reasons.map((r, i) => (
                <li key={i}>{backendReasonText(r)}</li>
              ))}
            </ul>
          ) : (
            s.backend && <p>{t('status.noTrouble')}</p>
          )}
        </div>
      </details>
      <span className="counters" aria-live="off">
        <span>
          {t('status.step')} <b data-testid="step-count">{formatInt(s.step)}</b>
        </span>
        <span>
          {t('status.epoch')} <b data-testid="epoch-count">{formatInt(s.epoch)}</b>
        </span>
        <span className="counter-secondary">
          <b data-testid="images-per-sec">{formatRate(s.imagesPerSec)}</b> {t('status.imagesPerSec')}
        </span>
        <span className="counter-secondary">
          {t('status.time')} <b data-testid="elapsed">{formatDuration(s.elapsedMs)}</b>
        </span>
      </span>
      <LrDecayBadge />
      <TwinStatus />
      {s.progress && (
        <span className="progress" data-testid="progress">
          {s.progress.message}
          {s.progress.fraction !== undefined && <progress max={1} value={s.progress.fraction} aria-label={t(`progressStage.${s.progress.stage}`)} />}
        </span>
      )}
    </div>
  );
}
