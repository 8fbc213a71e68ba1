/**
 * Twin runs and baselines (docs/twin-runs.md): start a twin (A and B from one starting point),
 * choose which run the live controls change, keep A or B; pin the run as a baseline, hide or
 * remove baselines.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatInt, formatRate } from '../../lib/format';
import { MAX_BASELINES } from '../../store/baselines';
import { useApp, useAppStore } from '../../storeContext';
import { PinFromFile } from './PinFromFile';
import type { RunTarget } from '../../../worker/protocol';
import { TwinRunControls } from './TwinRunControls';

/** Where the live settings go; each one's name is twin.<key> in the catalogues. */
const TARGETS: { value: RunTarget; key: string }[] = [
  { value: 'A', key: 'targetA' },
  { value: 'B', key: 'targetB' },
  { value: 'both', key: 'targetBoth' },
];

export function TwinControls() {
  const { t } = useTranslation();
  const store = useAppStore();
  const s = useApp(
    useShallow((st) => ({
      ready: st.phase === 'ready',
      twinOn: st.twinOn,
      target: st.liveTarget,
      baselines: st.baselines,
      hasHistory: st.historyLength > 0,
    })),
  );
  const act = store.getState;
  return (
    <div className="twin-controls">
      <div className="twin-row" role="group" aria-label={t('twin.group')}>
        {!s.twinOn ? (
          <button type="button" onClick={() => act().startTwin()} disabled={!s.ready} title={t('twin.startTitle')}>
            {t('twin.start')}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => act().keepRun('A')} title={t('twin.keepATitle')}>
              {t('twin.keepA')}
            </button>
            <button type="button" onClick={() => act().keepRun('B')} title={t('twin.keepBTitle')}>
              {t('twin.keepB')}
            </button>
          </>
        )}
        <button type="button" onClick={() => act().pinBaseline()} disabled={!s.hasHistory || s.baselines.length >= MAX_BASELINES} title={t('twin.pinTitle')}>
          {t('twin.pin')}
        </button>
        <PinFromFile />
      </div>
      <TwinRunControls />
      {s.twinOn && (
        <fieldset className="twin-target">
          <legend>{t('twin.liveChange')}</legend>
          {TARGETS.map((x) => (
            <label key={x.value}>
              <input type="radio" name="live-target" value={x.value} checked={s.target === x.value} onChange={() => act().setLiveTarget(x.value)} />{' '}
              {t(`twin.${x.key}`)}
            </label>
          ))}
        </fieldset>
      )}
      {s.baselines.length > 0 && (
        <ul className="baselines" aria-label={t('twin.baselines')}>
          {s.baselines.map((b) => (
            <li key={b.id} data-testid="baseline">
              <span className={b.hidden ? 'hidden-baseline' : undefined}>{b.label}</span>
              <button
                type="button"
                onClick={() => act().toggleBaseline(b.id)}
                aria-pressed={!b.hidden}
                aria-label={t(b.hidden ? 'twin.showLabel' : 'twin.hideLabel', { label: b.label })}
              >
                {b.hidden ? t('twin.show') : t('twin.hide')}
              </button>
              <button type="button" onClick={() => act().removeBaseline(b.id)} aria-label={t('twin.removeLabel', { label: b.label })}>
                {t('twin.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** B's counters for the status bar while a twin is on. */
export function TwinStatus() {
  const { t } = useTranslation();
  // A held run's rate reads 0, not the last rate it trained at.
  const s = useApp(
    useShallow((st) => ({
      twinOn: st.twinOn,
      step: st.step,
      stepB: st.stepB,
      rateA: st.running ? st.stepsPerSec : 0,
      rateB: st.runningB ? st.stepsPerSecB : 0,
    })),
  );
  if (!s.twinOn) return null;
  return (
    <span className="twin-status" data-testid="twin-status">
      {t('twin.statusA')} <b>{formatInt(s.step)}</b> {t('twin.statusAt')} {formatRate(s.rateA)} {t('twin.stepsPerSec')} {t('twin.statusB')}{' '}
      <b data-testid="step-count-b">{formatInt(s.stepB)}</b> {t('twin.statusAt')} <b data-testid="steps-per-sec-b">{formatRate(s.rateB)}</b>{' '}
      {t('twin.stepsPerSec')}
    </span>
  );
}
