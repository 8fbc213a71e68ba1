/**
 * The run status (role="status"): state, backend (with the worker's reasons behind a disclosure),
 * step, epoch, images/s and training time. The fast-changing numbers sit in an aria-live="off"
 * span so screen readers are not flooded ten times a second; state changes are still announced.
 */
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
  const d = useApp(useShallow((st) => ({ steps: shownValue(st, 'lrDecaySteps') ?? 0, start: shownValue(st, 'lrDecayStart') ?? 0, scale: st.latest.lrScale })));
  if (!(d.steps > 0)) return null;
  const active = d.scale !== undefined && Number.isFinite(d.scale) && d.scale < 1;
  const title = `Both learning rates fall linearly to ${Math.round(LR_DECAY_FLOOR * 100)}% of the slider values from step ${formatInt(d.start)} over ${formatInt(d.steps)} steps (Learning-rate decay, under the live sliders).`;
  return (
    <span className={`lr-decay-badge${active ? '' : ' counter-secondary'}`} data-testid="lr-decay-badge" title={title}>
      {active ? `LR ×${d.scale!.toFixed(2)} (decaying)` : `LR decay from step ${formatInt(d.start)}`}
    </span>
  );
}

/**
 * What the page and the worker hold (for a long lesson, both should stay flat): its own small
 * component, so the once-a-second update re-renders only this line. Read by the soak.
 */
function Diagnostics() {
  const d = useApp(useShallow((st) => ({ tensors: st.workerTensors, rows: st.historyLength + st.historyLengthB })));
  return (
    <p className="diagnostics" data-testid="diagnostics">
      Worker: <b data-testid="worker-tensors">{d.tensors ?? '–'}</b> TF.js tensors · metric history: <b data-testid="history-rows">{d.rows}</b> rows
    </p>
  );
}

export function StatusBar() {
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
  const state = s.phase === 'failed' ? 'Stopped' : s.phase === 'loading' ? 'Loading…' : s.running ? 'Training' : 'Paused';
  const backendName = s.backend?.name ?? (s.phase === 'loading' ? 'starting…' : 'none');
  const reasons = s.backend?.reasons ?? [];
  const lost = s.backend?.deviceLost;
  const why =
    s.backend &&
    (lost
      ? `The ${lost.backend} GPU device was lost (${lost.reason}); ${s.backend.name} took over from step ${formatInt(lost.step)}.`
      : s.backend.requested !== 'auto'
        ? `Forced by the URL (?backend=${s.backend.requested}).`
        : s.backend.calibration
          ? `Chosen by measurement: ${s.backend.calibration}.`
          : `Chosen automatically (tried in order: webgpu, webgl, wasm, cpu).`);
  const tooltip = [why, ...reasons].filter(Boolean).join('\n');

  return (
    <div className="status-bar" role="status" aria-label="Run status">
      <span className={`run-state state-${state.replace('…', '').toLowerCase()}`} data-testid="run-state">
        {state}
      </span>
      <details className="backend" title={tooltip}>
        <summary data-testid="backend">
          Backend: {backendName}
          {lost && ` (${lost.backend} device lost)`}
        </summary>
        <div className="backend-why">
          {why && <p data-testid="backend-why">{why}</p>}
          {s.backend?.threads && <p data-testid="backend-threads">WASM threads: {s.backend.threads.note}</p>}
          <Diagnostics />
          {reasons.length ? (
            <ul>
              {reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          ) : (
            s.backend && <p>The first choice started without trouble.</p>
          )}
        </div>
      </details>
      <span className="counters" aria-live="off">
        <span>
          Step <b data-testid="step-count">{formatInt(s.step)}</b>
        </span>
        <span>
          Epoch <b data-testid="epoch-count">{formatInt(s.epoch)}</b>
        </span>
        <span className="counter-secondary">
          <b data-testid="images-per-sec">{formatRate(s.imagesPerSec)}</b> images/s
        </span>
        <span className="counter-secondary">
          Time <b data-testid="elapsed">{formatDuration(s.elapsedMs)}</b>
        </span>
      </span>
      <LrDecayBadge />
      <TwinStatus />
      {s.progress && (
        <span className="progress" data-testid="progress">
          {s.progress.message}
          {s.progress.fraction !== undefined && <progress max={1} value={s.progress.fraction} aria-label={s.progress.stage} />}
        </span>
      )}
    </div>
  );
}
