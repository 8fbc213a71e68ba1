/**
 * Learning-rate decay: when it starts and how long it takes both learning rates to fall to 5% of
 * the values set above. The sliders above keep showing the set values; the line below says what
 * is in force now, read from the last step's metrics.
 */
import { useTranslation } from 'react-i18next';
import { liveKeysIn } from '../../lib/liveControls';
import { shownValue } from '../../store/live';
import { useApp } from '../../storeContext';
import { HyperparamSlider } from './HyperparamSlider';

const DECAY_KEYS = liveKeysIn('decay');

export function LrDecayControls() {
  const { t } = useTranslation();
  const scale = useApp((s) => s.latest.lrScale);
  const on = useApp((s) => (shownValue(s, 'lrDecaySteps') ?? 0) > 0);
  const start = useApp((s) => shownValue(s, 'lrDecayStart') ?? 0);
  return (
    <div className="lr-decay" data-testid="lr-decay">
      {DECAY_KEYS.map((k) => (
        <HyperparamSlider key={k} field={k} />
      ))}
      <p className="lab-note" data-testid="lr-scale" aria-live="polite">
        {!on
          ? t('lrDecay.off')
          : scale === undefined || !Number.isFinite(scale) || scale === 1
            ? t('lrDecay.until', { step: start })
            : t('lrDecay.now', { scale: scale.toFixed(2) })}
      </p>
    </div>
  );
}
