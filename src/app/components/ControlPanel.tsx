/** The left column: run buttons, the six live sliders, then the structural setup. */
import type { LiveKey } from '../../core/config';
import { HyperparamSlider } from './HyperparamSlider';
import { LabControls } from './LabControls';
import { LrDecayControls } from './LrDecayControls';
import { RunControls } from './RunControls';
import { RunSetupPickers } from './RunSetupPickers';
import { LIVE_SLIDER_GROUPS } from '../lib/classroom';
import { useHidden, useView } from '../viewStore';

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
  const noLab = useHidden('lab');
  const projector = useView((s) => s.projector);
  const noSetup = useHidden('setup');
  const noLive = useView((s) => LIVE_SLIDER_GROUPS.every((id) => s.hidden.includes(id)));
  return (
    <section className="panel control-panel" aria-labelledby="controls-title">
      <h2 id="controls-title" className="visually-hidden">
        Controls
      </h2>
      <RunControls />
      {!noLive && (
        <fieldset className="live">
          <legend>Live settings (take effect at the next step)</legend>
          {SLIDERS.map((s) => (
            <HyperparamSlider key={s.field} {...s} />
          ))}
          <LrDecayControls />
        </fieldset>
      )}
      {!noLab && (
        <details className="lab" open={!projector}>
          <summary>Regularization lab (live)</summary>
          <LabControls />
        </details>
      )}
      {!noSetup && <RunSetupPickers />}
    </section>
  );
}
