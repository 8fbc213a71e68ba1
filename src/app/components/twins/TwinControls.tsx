/**
 * Twin runs and baselines (docs/twin-runs.md): start a twin (A and B from one starting point),
 * choose which run the live controls change, keep A or B; pin the run as a baseline, hide or
 * remove baselines.
 */
import { useShallow } from 'zustand/react/shallow';
import { formatInt, formatRate } from '../../lib/format';
import { MAX_BASELINES } from '../../store/baselines';
import { useApp, useAppStore } from '../../storeContext';
import { PinFromFile } from './PinFromFile';
import type { RunTarget } from '../../../worker/protocol';
import { TwinRunControls } from './TwinRunControls';

const TARGETS: { value: RunTarget; label: string }[] = [
  { value: 'A', label: 'A only' },
  { value: 'B', label: 'B only' },
  { value: 'both', label: 'A and B' },
];

export function TwinControls() {
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
      <div className="twin-row" role="group" aria-label="Twin run">
        {!s.twinOn ? (
          <button
            type="button"
            onClick={() => act().startTwin()}
            disabled={!s.ready}
            title="Fork run B from this run where it is (same weights, optimizer state, data order and noise); A trains on; then change a setting for B only"
          >
            Twin run (A/B)
          </button>
        ) : (
          <>
            <button type="button" onClick={() => act().keepRun('A')} title="End the twin and keep run A">
              Keep A
            </button>
            <button type="button" onClick={() => act().keepRun('B')} title="End the twin and keep run B (its history and settings)">
              Keep B
            </button>
          </>
        )}
        <button
          type="button"
          onClick={() => act().pinBaseline()}
          disabled={!s.hasHistory || s.baselines.length >= MAX_BASELINES}
          title="Freeze this run’s curves: they stay on the charts, faint, behind later runs"
        >
          Pin as baseline
        </button>
        <PinFromFile />
      </div>
      <TwinRunControls />
      {s.twinOn && (
        <fieldset className="twin-target">
          <legend>Live settings change</legend>
          {TARGETS.map((t) => (
            <label key={t.value}>
              <input type="radio" name="live-target" value={t.value} checked={s.target === t.value} onChange={() => act().setLiveTarget(t.value)} /> {t.label}
            </label>
          ))}
        </fieldset>
      )}
      {s.baselines.length > 0 && (
        <ul className="baselines" aria-label="Baselines">
          {s.baselines.map((b) => (
            <li key={b.id} data-testid="baseline">
              <span className={b.hidden ? 'hidden-baseline' : undefined}>{b.label}</span>
              <button
                type="button"
                onClick={() => act().toggleBaseline(b.id)}
                aria-pressed={!b.hidden}
                aria-label={`${b.hidden ? 'Show' : 'Hide'} baseline ${b.label}`}
              >
                {b.hidden ? 'Show' : 'Hide'}
              </button>
              <button type="button" onClick={() => act().removeBaseline(b.id)} aria-label={`Remove baseline ${b.label}`}>
                Remove
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
      A step <b>{formatInt(s.step)}</b> at {formatRate(s.rateA)} steps/s · B step <b data-testid="step-count-b">{formatInt(s.stepB)}</b> at{' '}
      <b data-testid="steps-per-sec-b">{formatRate(s.rateB)}</b> steps/s
    </span>
  );
}
