/** The left column: run buttons, the six live sliders, then the structural setup. */
import type { LiveKey } from '../../core/config';
import { HyperparamSlider } from './HyperparamSlider';
import { LabControls } from './LabControls';
import { LrDecayControls } from './LrDecayControls';
import { RunControls } from './RunControls';
import { RunFileControls } from './RunFileControls';
import { RunSetupPickers } from './RunSetupPickers';

interface SliderDef {
  field: LiveKey;
  label: string;
  shortLabel: string;
  help: string;
}

/** The accessible names are part of the spec: keep them exactly. */
export const SLIDERS: SliderDef[] = [
  {
    field: 'lrG',
    label: 'Generator learning rate',
    shortLabel: 'G learning rate',
    help: 'Bigger steps learn faster but can overshoot and oscillate.',
  },
  {
    field: 'lrD',
    label: 'Discriminator learning rate',
    shortLabel: 'D learning rate',
    help: 'Far above G’s and D wins, G stalls; far below, D guides G poorly.',
  },
  {
    field: 'l1G',
    label: 'Generator L1',
    shortLabel: 'G L1',
    help: 'λ·Σ|w|: pulls G’s weights to exactly 0 (sparse).',
  },
  {
    field: 'l2G',
    label: 'Generator L2',
    shortLabel: 'G L2',
    help: 'λ·Σw²: shrinks G’s big weights most (weight decay).',
  },
  {
    field: 'l1D',
    label: 'Discriminator L1',
    shortLabel: 'D L1',
    help: 'λ·Σ|w|: pulls D’s weights to exactly 0 (sparse).',
  },
  {
    field: 'l2D',
    label: 'Discriminator L2',
    shortLabel: 'D L2',
    help: 'λ·Σw²: shrinks D’s big weights; a smoother, less sure D.',
  },
];

export function ControlPanel() {
  return (
    <section className="panel control-panel" aria-labelledby="controls-title">
      <h2 id="controls-title" className="visually-hidden">
        Controls
      </h2>
      <RunControls />
      <RunFileControls />
      <fieldset className="live">
        <legend>Live settings (take effect at the next step)</legend>
        {SLIDERS.map((s) => (
          <HyperparamSlider key={s.field} {...s} />
        ))}
        <LrDecayControls />
      </fieldset>
      <details className="lab" open>
        <summary>Regularization lab (live)</summary>
        <LabControls />
      </details>
      <RunSetupPickers />
    </section>
  );
}
