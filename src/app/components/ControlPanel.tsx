/** The left column: run buttons, the six live sliders, then the structural setup. */
import { liveKeysIn } from '../lib/liveControls';
import { HyperparamSlider } from './HyperparamSlider';
import { LabControls } from './LabControls';
import { LrDecayControls } from './LrDecayControls';
import { RunControls } from './RunControls';
import { RunSetupPickers } from './RunSetupPickers';
import { TwinControls } from './TwinControls';

const RATE_KEYS = liveKeysIn('rates');

export function ControlPanel() {
  return (
    <section className="panel control-panel" aria-labelledby="controls-title">
      <h2 id="controls-title" className="visually-hidden">
        Controls
      </h2>
      <RunControls />
      <TwinControls />
      <fieldset className="live">
        <legend>Live settings (take effect at the next step)</legend>
        {RATE_KEYS.map((k) => (
          <HyperparamSlider key={k} field={k} />
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
