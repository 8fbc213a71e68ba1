/** Under the samples: the quality measures over the run and the weights view, each collapsible. */
import { useApp } from '../storeContext';
import { QualityChart } from './QualityChart';
import { WeightsView } from './WeightsView';

export function LabViews() {
  // The Dirac-GAN has no quality measure: its (θ, ψ) path says it all.
  const dirac = useApp((s) => s.config?.model === 'dirac');
  return (
    <>
      {!dirac && (
        <details className="lab-view" open>
          <summary>Quality over the run</summary>
          <QualityChart />
        </details>
      )}
      <details className="lab-view" open>
        <summary>Weights of G and D</summary>
        <WeightsView />
      </details>
    </>
  );
}
