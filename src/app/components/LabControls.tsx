/**
 * The regularization lab: live controls for R1 (and how often it is computed), WGAN-GP, spectral normalization, one-sided label
 * smoothing and annealed instance noise. Like the learning rates they take effect at the next step
 * and never reset the run. The accessible names are part of the spec: keep them exactly.
 */
import { useId } from 'react';
import { shownValue } from '../store/live';
import { useApp, useAppStore } from '../storeContext';
import { makeIntegerLogLadder, makeLinearLadder } from '../lib/labLadders';
import { HyperparamSlider } from './HyperparamSlider';
import type { HyperparamSliderProps } from './HyperparamSlider';

const SMOOTHING_LADDER = makeLinearLadder(0, 0.5, 0.01);
const ANNEAL_LADDER = makeIntegerLogLadder(1, 1_000_000);
const R1_EVERY_LADDER = { values: [1, 2, 4, 8, 16, 32, 64], allowZero: false, min: 1, max: 64 };

export const LAB_SLIDERS: HyperparamSliderProps[] = [
  {
    field: 'r1Gamma',
    label: 'R1 penalty γ',
    shortLabel: 'R1 γ',
    help: 'γ/2·‖∇D(real)‖²: penalises D’s slope at the real data, which damps the circling of G and D around the goal.',
  },
  {
    field: 'r1Every',
    label: 'R1 every k D steps',
    shortLabel: 'R1 every',
    help: 'Lazy R1: the penalty is computed on every k-th D update at k·γ — the same average pull at a k-th of its cost.',
    ladder: R1_EVERY_LADDER,
    scaleHint: 'Powers of two; 1 computes it on every update.',
  },
  {
    field: 'gpLambda',
    label: 'WGAN-GP λ',
    shortLabel: 'WGAN-GP λ',
    help: 'λ·(‖∇D‖ − 1)² at points between real and fake: keeps D’s slope near 1 (made for the Wasserstein loss).',
  },
  {
    field: 'labelSmoothing',
    label: 'Label smoothing',
    shortLabel: 'Label smoothing',
    help: 'D’s target for real data becomes 1 − this, so D stays less sure of itself (logit and least-squares losses only).',
    ladder: SMOOTHING_LADDER,
    scaleHint: 'Linear scale: arrows move by 0.01.',
  },
  {
    field: 'instanceNoise',
    label: 'Instance noise σ',
    shortLabel: 'Noise σ',
    help: 'Gaussian noise added to everything D sees, real and fake, so the two overlap; σ fades linearly to 0.',
  },
  {
    field: 'instanceNoiseSteps',
    label: 'Instance noise anneal steps',
    shortLabel: 'Anneal steps',
    help: 'How many steps σ takes to fade to 0, counted from when it was last set.',
    ladder: ANNEAL_LADDER,
    scaleHint: 'Log scale in whole steps: Page Up/Down about ×10.',
  },
];

/** Losses that label smoothing changes (it sets a target probability). */
const SMOOTHING_LOSSES = new Set(['nonsaturating', 'minimax', 'least-squares']);

export function LabControls() {
  const loss = useApp((s) => s.config?.loss ?? null);
  const smoothingIdle = loss !== null && !SMOOTHING_LOSSES.has(loss);
  return (
    <div className="lab-controls" data-testid="lab-controls">
      <HyperparamSlider {...LAB_SLIDERS[0]} />
      <HyperparamSlider {...LAB_SLIDERS[1]} />
      <HyperparamSlider {...LAB_SLIDERS[2]} />
      <SpectralNormToggle />
      <HyperparamSlider {...LAB_SLIDERS[3]} />
      {smoothingIdle && (
        <p className="lab-note" data-testid="smoothing-idle">
          The {loss} loss has no target probability: label smoothing does nothing with it.
        </p>
      )}
      <HyperparamSlider {...LAB_SLIDERS[4]} />
      <HyperparamSlider {...LAB_SLIDERS[5]} />
    </div>
  );
}

/** Spectral normalization is on or off: a checkbox that sends 1 / 0 like any live value. */
function SpectralNormToggle() {
  const id = useId();
  const store = useAppStore();
  const value = useApp((s) => shownValue(s, 'spectralNorm'));
  const isPending = useApp((s) => s.pending.spectralNorm !== undefined);
  const appliedSince = useApp((s) => s.appliedSince.spectralNorm);
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
            onChange={(e) => store.getState().setLive('spectralNorm', e.target.checked ? 1 : 0)}
          />{' '}
          Spectral normalization
        </label>
      </div>
      <p className="help" id={`${id}-help`}>
        Divides each of D’s weight matrices by its largest singular value, which caps how steep D can get.{' '}
        <span className="hyperparam-applied" data-testid="applied-spectralNorm">
          {isPending ? 'applying…' : appliedSince !== undefined ? `applied at step ${appliedSince}` : ''}
        </span>
      </p>
    </div>
  );
}
