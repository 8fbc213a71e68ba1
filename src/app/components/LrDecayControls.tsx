/**
 * Learning-rate decay: when it starts and how long it takes both learning rates to fall to 5% of
 * the values set above. The sliders above keep showing the set values; the line below says what
 * is in force now, read from the last step's metrics.
 */
import { LR_DECAY_FLOOR } from '../../core/lrSchedule';
import { makeIntegerLogLadder } from '../lib/labLadders';
import { shownValue } from '../store/live';
import { useApp } from '../storeContext';
import { HyperparamSlider } from './HyperparamSlider';
import type { HyperparamSliderProps } from './HyperparamSlider';

const FLOOR_PERCENT = Math.round(LR_DECAY_FLOOR * 100);

export const LR_DECAY_SLIDERS: HyperparamSliderProps[] = [
  {
    field: 'lrDecayStart',
    label: 'Learning-rate decay start step',
    shortLabel: 'Decay from step',
    help: 'The step at which both learning rates begin to fall.',
    ladder: makeIntegerLogLadder(1, 1_000_000, 'value'),
    scaleHint: 'Log scale in whole steps, from 0: Page Up/Down about ×10.',
  },
  {
    field: 'lrDecaySteps',
    label: 'Learning-rate decay steps',
    shortLabel: 'Decay over',
    help: `Steps over which both learning rates fall linearly to ${FLOOR_PERCENT}% of the values above: big steps find the modes, small ones settle the points onto them.`,
    ladder: makeIntegerLogLadder(1, 1_000_000, 'off'),
    scaleHint: 'Log scale in whole steps: Page Up/Down about ×10; the left end is off.',
  },
];

export function LrDecayControls() {
  const scale = useApp((s) => s.latest.lrScale);
  const on = useApp((s) => (shownValue(s, 'lrDecaySteps') ?? 0) > 0);
  const start = useApp((s) => shownValue(s, 'lrDecayStart') ?? 0);
  return (
    <div className="lr-decay" data-testid="lr-decay">
      {LR_DECAY_SLIDERS.map((s) => (
        <HyperparamSlider key={s.field} {...s} />
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
