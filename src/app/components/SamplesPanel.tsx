/** The right column: the generator's output (image grid or 2-D scatter) and what it means. */
import { useApp } from '../storeContext';
import { ExplainerPanel } from './ExplainerPanel';
import { PointsView } from './PointsView';
import { SampleGrid } from './SampleGrid';

export function SamplesPanel() {
  const kind = useApp((s) => s.dataset?.kind ?? null);
  return (
    <section className="panel samples-panel" aria-labelledby="samples-title">
      <h2 id="samples-title">{kind === 'points' ? 'Real vs generated points' : 'Generated samples'}</h2>
      {kind === 'points' ? <PointsView /> : kind === 'image' ? <SampleGrid /> : <p className="chart-empty">Loading…</p>}
      <ExplainerPanel kind={kind} />
    </section>
  );
}
