/** The left column: run buttons, the six live sliders, then the structural setup. */
import { liveKeysIn } from '../../lib/liveControls';
import { HyperparamSlider } from '../settings/HyperparamSlider';
import { LabControls } from '../settings/LabControls';
import { LrDecayControls } from '../settings/LrDecayControls';
import { PauseWhenHidden } from './PauseWhenHidden';
import { RunControls } from './RunControls';
import { RunFileControls } from '../runfiles/RunFileControls';
import { RunSetupPickers } from './RunSetupPickers';
import { TwinControls } from '../twins/TwinControls';
import { LIVE_SLIDER_GROUPS } from '../../lib/classroom';
import { useHidden, useView } from '../../viewStore';
import { useTranslation } from 'react-i18next';

const RATE_KEYS = liveKeysIn('rates');

export function ControlPanel() {
  const { t } = useTranslation();
  const noLab = useHidden('lab');
  const noSetup = useHidden('setup');
  const projector = useView((s) => s.projector);
  const noLive = useView((s) => LIVE_SLIDER_GROUPS.every((id) => s.hidden.includes(id)));
  return (
    <section className="panel control-panel" aria-labelledby="controls-title">
      <h2 id="controls-title" className="visually-hidden">
        {t('run.controlsTitle')}
      </h2>
      <RunControls />
      <PauseWhenHidden />
      <TwinControls />
      <RunFileControls />
      {!noLive && (
        <fieldset className="live">
          <legend>{t('run.liveSettings')}</legend>
          {RATE_KEYS.map((k) => (
            <HyperparamSlider key={k} field={k} />
          ))}
          <LrDecayControls />
        </fieldset>
      )}
      {!noLab && (
        <details className="lab" open={!projector}>
          <summary>{t('run.lab')}</summary>
          <LabControls />
        </details>
      )}
      {!noSetup && <RunSetupPickers />}
    </section>
  );
}
