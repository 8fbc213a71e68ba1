/** Under the samples: the quality measures over the run and the weights view, each collapsible. */
import { useTranslation } from 'react-i18next';
import { useApp } from '../../storeContext';
import { useView } from '../../viewStore';
import { QualityChart } from './QualityChart';
import { OverfittingChart } from './OverfittingChart';
import { ARCHITECTURES } from '../../../core/models/specs';
import { WeightsView } from './WeightsView';

export function LabViews() {
  const { t } = useTranslation();
  // The Dirac-GAN has no quality measure: its (θ, ψ) path says it all.
  const dirac = useApp((s) => s.config?.model === 'dirac');
  // D's overfitting is measured on image runs only.
  const images = useApp((s) => s.config !== null && s.config !== undefined && ARCHITECTURES[s.config.model].dataShape.length === 3);
  // Projector mode folds the secondary views so the samples get the room.
  const projector = useView((s) => s.projector);
  return (
    <>
      {!dirac && (
        <details className="lab-view" open>
          <summary>{t('charts.qualitySummary')}</summary>
          <QualityChart />
        </details>
      )}
      {images && (
        <details className="lab-view" open={!projector}>
          <summary>{t('charts.overfittingSummary')}</summary>
          <OverfittingChart />
        </details>
      )}
      <details className="lab-view" open={!projector}>
        <summary>{t('charts.weightsSummary')}</summary>
        <WeightsView />
      </details>
    </>
  );
}
