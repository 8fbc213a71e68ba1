/** Under each chart's title while a twin is on or baselines are shown: which line is which. */
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { twinDifference } from '../../lib/runLabel';
import { useApp } from '../../storeContext';

/** `baselines`: how many baselines this chart draws, where not every shown one is (the quality chart). */
export function TwinLegend({ baselines: drawn }: { baselines?: number } = {}) {
  const { t } = useTranslation();
  const {
    twinOn,
    difference,
    baselines: shown,
  } = useApp(
    useShallow((s) => ({
      twinOn: s.twinOn,
      difference: s.twinOn && s.config && s.configB ? twinDifference(s.config, s.configB) : '',
      baselines: s.baselines.filter((b) => !b.hidden).length,
    })),
  );
  const baselines = drawn ?? shown;
  if (!twinOn && baselines === 0) return null;
  return (
    <p className="twin-legend" data-testid="twin-legend">
      {twinOn && (
        <>
          <span className="swatch" aria-hidden="true" /> {t('twin.solidA')} <span className="swatch dashed" aria-hidden="true" /> {t('twin.dashedB')}
          {' — '}
          {difference ? t('twin.differs', { difference }) : t('twin.same')}
        </>
      )}
      {twinOn && baselines > 0 && ' · '}
      {baselines > 0 && <span className="baseline-note">{t('twin.faint', { n: baselines })}</span>}
    </p>
  );
}
