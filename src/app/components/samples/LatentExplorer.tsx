/**
 * Walking G's latent space, under the sample grid (docs/latent-explorer.md): interpolate between
 * two picked samples, start the walk (drawn beside the grid by LatentWalk), or explore one picked
 * sample. Each action says why it is disabled; the frames come from the worker, a few at a time.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useAppStore } from '../../storeContext';
import { InterpolationStrip } from './InterpolationStrip';
import { ExploreView } from './ExploreView';

export function LatentExplorer() {
  const { t } = useTranslation();
  const store = useAppStore();
  const s = useApp(
    useShallow((st) => ({
      ready: st.phase === 'ready',
      selected: st.latentSelected,
      walking: st.latentWalk !== null,
    })),
  );
  const picked = s.selected.length;
  const interpolateWhy = !s.ready ? t('latent.notReady') : picked < 2 ? t('latent.needTwo', { n: picked }) : null;
  const exploreWhy = !s.ready ? t('latent.notReady') : picked < 1 ? t('latent.needOne') : null;
  const newest = s.selected[s.selected.length - 1];

  return (
    <section className="latent-explorer" aria-labelledby="latent-title" data-testid="latent-explorer">
      <h3 id="latent-title">{t('latent.title')}</h3>
      <p className="latent-hint" id="latent-hint">
        {picked === 0 ? t('latent.hint') : t('latent.picked', { a: s.selected[0] + 1, b: s.selected[1] === undefined ? '–' : s.selected[1] + 1 })}
      </p>
      <div className="latent-actions">
        <button
          type="button"
          onClick={() => store.getState().interpolate()}
          disabled={interpolateWhy !== null}
          aria-describedby={interpolateWhy ? 'latent-interpolate-why' : undefined}
        >
          {t('latent.interpolate')}
        </button>
        <button
          type="button"
          onClick={() => newest !== undefined && store.getState().explore(newest)}
          disabled={exploreWhy !== null}
          aria-describedby={exploreWhy ? 'latent-explore-why' : undefined}
        >
          {t('latent.explore')}
        </button>
        <button
          type="button"
          onClick={() => (s.walking ? store.getState().stopWalk() : store.getState().walk())}
          disabled={!s.ready}
          aria-pressed={s.walking}
          title={t('latent.walkTitle')}
        >
          {t('latent.walk')}
        </button>
        <button type="button" onClick={() => store.getState().clearLatentSelection()} disabled={picked === 0}>
          {t('latent.clear')}
        </button>
      </div>
      {interpolateWhy && (
        <p className="latent-why" id="latent-interpolate-why">
          {interpolateWhy}
        </p>
      )}
      {exploreWhy && exploreWhy !== interpolateWhy && (
        <p className="latent-why" id="latent-explore-why">
          {exploreWhy}
        </p>
      )}
      <InterpolationStrip />
      <ExploreView />
    </section>
  );
}
