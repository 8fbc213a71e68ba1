/**
 * Embed mode (`embed=1`, docs/embed.md): the page as it sits in a slide or a course page's
 * iframe. The generated samples and the loss chart come first, then only the controls a
 * classroom link's `hide=` leaves; the header shrinks to the run status and a link that opens
 * the same run in a full tab.
 */
import { useTranslation } from 'react-i18next';
import { ControlPanel } from '../run/ControlPanel';
import { ErrorMessages } from '../run/ErrorMessages';
import { StatusBar } from '../run/StatusBar';
import { LossChart } from '../charts/LossChart';
import { DiracView } from '../samples/DiracView';
import { PointsView } from '../samples/PointsView';
import { SampleGrid } from '../samples/SampleGrid';
import { TwinPictures } from '../twins/TwinPictures';
import { currentLink } from '../../linkSync';
import { useApp, useAppStore } from '../../storeContext';
import './embed.css';

function EmbedSamples() {
  const { t } = useTranslation();
  const kind = useApp((s) => s.dataset?.kind ?? null);
  const dirac = useApp((s) => s.config?.model === 'dirac');
  const twinOn = useApp((s) => s.twinOn);
  return (
    <section className="panel embed-samples" aria-label={kind === 'points' ? t('samples.pointsTitle') : t('samples.samplesTitle')}>
      {twinOn && !dirac && (kind === 'points' || kind === 'image') ? (
        <TwinPictures kind={kind} />
      ) : dirac ? (
        <DiracView />
      ) : kind === 'points' ? (
        <PointsView />
      ) : kind === 'image' ? (
        <SampleGrid />
      ) : (
        <p className="chart-empty">{t('samples.loading')}</p>
      )}
    </section>
  );
}

/**
 * Opens the run as it is now, without embed mode, in a new tab. The address is refreshed when the
 * pointer or focus reaches the link (the run moves on), so a middle click gets it right too.
 */
function OpenFullLink() {
  const { t } = useTranslation();
  const store = useAppStore();
  // Re-render once the run is ready: before that there is no run link yet.
  useApp((s) => s.phase);
  const refresh = (a: HTMLAnchorElement) => (a.href = currentLink(store, { embed: false }));
  return (
    <a
      className="embed-open-full"
      href={currentLink(store, { embed: false })}
      target="_blank"
      rel="noopener"
      data-testid="open-full"
      onMouseEnter={(e) => refresh(e.currentTarget)}
      onFocus={(e) => refresh(e.currentTarget)}
      onClick={(e) => refresh(e.currentTarget)}
    >
      {t('embed.openFull')}
    </a>
  );
}

export function EmbedApp() {
  return (
    <div className="app embed-app" data-testid="embed-app">
      <header className="embed-header">
        <StatusBar />
        <OpenFullLink />
      </header>
      <ErrorMessages />
      <main className="embed-main">
        <div className="embed-views">
          <EmbedSamples />
          <section className="panel embed-chart">
            <LossChart />
          </section>
        </div>
        <ControlPanel />
      </main>
    </div>
  );
}
