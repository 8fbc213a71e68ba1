/** Under the samples: the quality measures over the run and the weights view, each collapsible. */
import { QualityChart } from './QualityChart';
import { WeightsView } from './WeightsView';

export function LabViews() {
  return (
    <>
      <details className="lab-view" open>
        <summary>Quality over the run</summary>
        <QualityChart />
      </details>
      <details className="lab-view" open>
        <summary>Weights of G and D</summary>
        <WeightsView />
      </details>
    </>
  );
}
