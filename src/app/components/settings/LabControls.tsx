/**
 * The regularization lab: live controls for R1 (and how often it is computed), WGAN-GP, spectral normalization, one-sided label
 * smoothing and annealed instance noise. Like the learning rates they take effect at the next step
 * and never reset the run. The accessible names are part of the spec: keep them exactly.
 */
import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LossId } from '../../../core/config';
import type { LiveKey } from '../../../core/config';
import { LIVE_CONTROLS, liveKeysIn } from '../../lib/liveControls';
import { shownValue } from '../../store/live';
import { useApp, useAppStore } from '../../storeContext';
import { HyperparamSlider } from './HyperparamSlider';
import { lossLabel } from '../run/RunSetupPickers';

const LAB_KEYS = liveKeysIn('lab');

/** Losses that label smoothing changes (it sets a target probability). */
const SMOOTHING_LOSSES = new Set(['nonsaturating', 'minimax', 'least-squares']);

export function LabControls() {
  const { t } = useTranslation();
  const loss = useApp((s) => s.config?.loss ?? null);
  const smoothingIdle = loss !== null && !SMOOTHING_LOSSES.has(loss);
  return (
    <div className="lab-controls" data-testid="lab-controls">
      {LAB_KEYS.map((k) => (
        <Fragment key={k}>
          {LIVE_CONTROLS[k].scale.kind === 'toggle' ? <LiveToggle field={k} /> : <HyperparamSlider field={k} />}
          {k === 'labelSmoothing' && smoothingIdle && (
            <p className="lab-note" data-testid="smoothing-idle">
              {t('lab.smoothingIdle', { loss: lossLabel(loss as LossId) })}
            </p>
          )}
        </Fragment>
      ))}
    </div>
  );
}

/** An on/off live value (spectral normalization): a checkbox that sends 1 / 0 like any live value. */
function LiveToggle({ field }: { field: LiveKey }) {
  const { t } = useTranslation();
  const id = useId();
  const store = useAppStore();
  const value = useApp((s) => shownValue(s, field));
  const isPending = useApp((s) => s.pending[field] !== undefined);
  const appliedSince = useApp((s) => s.appliedSince[field]);
  const ready = useApp((s) => s.phase === 'ready');
  return (
    <div className={`hyperparam lab-toggle${isPending ? ' is-pending' : ''}`}>
      <div className="hyperparam-head">
        <label htmlFor={`${id}-check`}>
          <input
            id={`${id}-check`}
            type="checkbox"
            checked={value === 1}
            disabled={!ready}
            aria-describedby={`${id}-help`}
            onChange={(e) => store.getState().setLive(field, e.target.checked ? 1 : 0)}
          />{' '}
          {t(`live.${field}.label`)}
        </label>
      </div>
      <p className="help" id={`${id}-help`}>
        {t(`live.${field}.help`)}{' '}
        <span className="hyperparam-applied" data-testid={`applied-${field}`}>
          {isPending ? t('slider.applying') : appliedSince !== undefined ? t('slider.appliedAt', { step: appliedSince }) : ''}
        </span>
      </p>
    </div>
  );
}
