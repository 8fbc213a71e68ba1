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
import { ClassPicker } from './ClassPicker';
import { defaultClassPair, latentWalkClassDefault, type LatentAlong } from '../../store/latent';

/** The strip's two modes for a conditional run, in the order the radio group lists them. */
const ALONG: readonly LatentAlong[] = ['z', 'class'];

export function LatentExplorer() {
  const { t } = useTranslation();
  const store = useAppStore();
  const s = useApp(
    useShallow((st) => ({
      ready: st.phase === 'ready',
      selected: st.latentSelected,
      walking: st.latentWalk !== null,
      // A conditional run's class count: its strip may walk the class embedding, its walk has a class.
      classes: st.sampleClasses ? (st.dataset?.classNames?.length ?? 0) : 0,
      along: st.latentAlong,
      pair: st.latentClassPair,
      walkClass: st.latentWalkClass ?? latentWalkClassDefault(st),
    })),
  );
  const picked = s.selected.length;
  const alongClass = s.classes > 0 && s.along === 'class';
  const pair = s.pair ?? defaultClassPair(s.classes);
  const interpolateWhy = !s.ready
    ? t('latent.notReady')
    : alongClass
      ? picked < 1
        ? t('latent.needOneClass')
        : null
      : picked < 2
        ? t('latent.needTwo', { n: picked })
        : null;
  const exploreWhy = !s.ready ? t('latent.notReady') : picked < 1 ? t('latent.needOne') : null;
  const newest = s.selected[s.selected.length - 1];

  return (
    <section className="latent-explorer" aria-labelledby="latent-title" data-testid="latent-explorer">
      <h3 id="latent-title">{t('latent.title')}</h3>
      <p className="latent-hint" id="latent-hint">
        {picked === 0 ? t('latent.hint') : t('latent.picked', { a: s.selected[0] + 1, b: s.selected[1] === undefined ? '–' : s.selected[1] + 1 })}
      </p>
      {s.classes > 0 && (
        <fieldset className="latent-along" data-testid="latent-along">
          <legend>{t('latent.alongLegend')}</legend>
          {ALONG.map((along) => (
            <label key={along}>
              <input type="radio" name="latent-along" value={along} checked={s.along === along} onChange={() => store.getState().setLatentAlong(along)} />{' '}
              {along === 'z' ? t('latent.alongZ') : t('latent.alongClass')}
            </label>
          ))}
          {alongClass && (
            <p className="latent-class-pair">
              <ClassPicker id="latent-class-a" label={t('latent.classA')} value={pair[0]} onPick={(c) => store.getState().setLatentClassEnd(0, c)} />{' '}
              <ClassPicker id="latent-class-b" label={t('latent.classB')} value={pair[1]} onPick={(c) => store.getState().setLatentClassEnd(1, c)} />
            </p>
          )}
          <p className="model-hint">{alongClass ? t('latent.alongClassNote') : t('latent.alongZNote')}</p>
        </fieldset>
      )}
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
        {s.classes > 0 && (
          <ClassPicker id="latent-walk-class" label={t('latent.walkClass')} value={s.walkClass} onPick={(c) => store.getState().setLatentWalkClass(c)} />
        )}
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
