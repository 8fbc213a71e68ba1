/**
 * One picked sample, large, with sliders that nudge its z along a few random directions (fixed
 * for that sample): small moves give small changes, which is what a smooth latent space means.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../storeContext';
import { drawFrame } from './latentCanvas';

export function ExploreView() {
  const { t } = useTranslation();
  const store = useAppStore();
  const ex = useApp((s) => s.latentExplore);
  const ref = useRef<HTMLCanvasElement>(null);
  const strip = ex?.strip ?? null;

  useEffect(() => {
    if (strip) drawFrame(ref.current, strip.width, strip.height, strip.frames[0]);
  }, [strip]);

  if (!ex) return null;
  return (
    <figure className="latent-explore" data-testid="latent-explore">
      <canvas
        ref={ref}
        className="latent-big"
        role="img"
        aria-label={t('latent.exploreLabel', { n: ex.index + 1 })}
        data-drawn={strip?.frames[0] ? 'true' : 'false'}
        width={1}
        height={1}
      />
      <figcaption>{strip?.error ? t('latent.failed', { detail: strip.error }) : t('latent.exploreCaption', { n: ex.index + 1 })}</figcaption>
      <div className="latent-nudges">
        {ex.nudges.map((v, k) => (
          <label key={k}>
            <span>{t('latent.direction', { n: k + 1 })}</span>
            <input
              type="range"
              min={-1}
              max={1}
              step={0.05}
              value={v}
              aria-valuetext={t('latent.nudgeValue', { value: v.toFixed(2) })}
              onChange={(e) => store.getState().nudge(k, Number(e.target.value))}
            />
          </label>
        ))}
      </div>
      <div className="latent-actions">
        <button type="button" onClick={() => ex.nudges.forEach((_, k) => store.getState().nudge(k, 0))} disabled={ex.nudges.every((v) => v === 0)}>
          {t('latent.resetNudges')}
        </button>
        <button type="button" onClick={() => store.getState().closeExplore()}>
          {t('latent.close')}
        </button>
      </div>
    </figure>
  );
}
