/** Under each chart's title while a twin is on or baselines are shown: which line is which. */
import { useShallow } from 'zustand/react/shallow';
import { twinDifference } from '../lib/runLabel';
import { useApp } from '../storeContext';

export function TwinLegend() {
  const { twinOn, difference, baselines } = useApp(
    useShallow((s) => ({
      twinOn: s.twinOn,
      difference: s.twinOn && s.config && s.configB ? twinDifference(s.config, s.configB) : '',
      baselines: s.baselines.filter((b) => !b.hidden).length,
    })),
  );
  if (!twinOn && baselines === 0) return null;
  return (
    <p className="twin-legend" data-testid="twin-legend">
      {twinOn && (
        <>
          <span className="swatch" aria-hidden="true" /> A solid, <span className="swatch dashed" aria-hidden="true" /> B dashed
          {' — '}
          {difference ? `B: ${difference}` : 'same settings so far'}
        </>
      )}
      {twinOn && baselines > 0 && ' · '}
      {baselines > 0 && <span className="baseline-note">faint: {baselines === 1 ? 'the baseline' : `${baselines} baselines`}</span>}
    </p>
  );
}
