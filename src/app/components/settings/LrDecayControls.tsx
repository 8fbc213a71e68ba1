/**
 * Learning-rate decay: when it starts and how long it takes both learning rates to fall to 5% of
 * the values set above. The sliders above keep showing the set values; the line below says what
 * is in force now, read from the last step's metrics.
 */
import { liveKeysIn } from '../../lib/liveControls';
import { shownValue } from '../../store/live';
import { useApp } from '../../storeContext';
import { HyperparamSlider } from './HyperparamSlider';

const DECAY_KEYS = liveKeysIn('decay');

export function LrDecayControls() {
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
          ? 'Decay off: the learning rates in force are the values above.'
          : scale === undefined || !Number.isFinite(scale) || scale === 1
            ? `Learning rates in force: the values above until step ${start.toLocaleString('en-US')}.`
            : `Learning rates in force now: ×${scale.toFixed(2)} the values above.`}
      </p>
    </div>
  );
}
