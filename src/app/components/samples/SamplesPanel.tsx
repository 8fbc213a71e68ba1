/** The right column: the generator's output (image grid or 2-D scatter) and what it means. */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../storeContext';
import { ExportMenu } from './ExportMenu';
import { DiracView } from './DiracView';
import { ExplainerPanel } from '../lessons/ExplainerPanel';
import { LabViews } from '../charts/LabViews';
import { PointsView } from './PointsView';
import { SampleGrid } from './SampleGrid';
import { LatentExplorer } from './LatentExplorer';
import { StageView } from './StageView';
import { useView } from '../../viewStore';
import { TwinPictures } from '../twins/TwinPictures';

export function SamplesPanel() {
  const { t } = useTranslation();
  const kind = useApp((s) => s.dataset?.kind ?? null);
  const dirac = useApp((s) => s.config?.model === 'dirac');
  const viewRef = useRef<HTMLDivElement>(null);
  const twinOn = useApp((s) => s.twinOn);
  return (
    <section className="panel samples-panel" aria-labelledby="samples-title">
      <div className="panel-head">
        <h2 id="samples-title">{dirac ? t('samples.diracTitle') : kind === 'points' ? t('samples.pointsTitle') : t('samples.samplesTitle')}</h2>
        {!dirac && kind && (
          <button type="button" className="stage-open" onClick={() => useView.getState().setStage(true)} title={t('samples.stageOpenTitle')}>
            {t('samples.stageOpen')}
          </button>
        )}
      </div>
      <div ref={viewRef}>
        {twinOn && !dirac && (kind === 'points' || kind === 'image') ? (
          <TwinPictures kind={kind} />
        ) : dirac ? (
          <DiracView />
        ) : kind === 'points' ? (
          <PointsView />
        ) : kind === 'image' ? (
          <>
            <SampleGrid picking />
            <LatentExplorer />
          </>
        ) : (
          <p className="chart-empty">{t('samples.loading')}</p>
        )}
      </div>
      <ExportMenu viewRef={viewRef} />
      <LabViews />
      <ExplainerPanel kind={kind} />
      <StageView />
    </section>
  );
}
