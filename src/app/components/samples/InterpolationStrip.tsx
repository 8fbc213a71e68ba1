/**
 * The interpolation: a strip of frames from sample A to sample B (slerp in z), each drawn as it
 * arrives, and a larger view that can play the strip back and forth on request.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../storeContext';
import { drawFrame } from './latentCanvas';
import { GifExport } from './GifExport';

const PLAY_FPS = 6;

function StripFrame({ width, height, pixels, index, active }: { width: number; height: number; pixels?: Uint8ClampedArray; index: number; active: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => drawFrame(ref.current, width, height, pixels), [width, height, pixels]);
  return (
    <canvas
      ref={ref}
      className={active ? 'latent-frame active' : 'latent-frame'}
      role="img"
      aria-label={t('latent.frameLabel', { n: index + 1 })}
      data-testid="latent-frame"
      data-drawn={pixels ? 'true' : 'false'}
      width={1}
      height={1}
    />
  );
}

export function InterpolationStrip() {
  const { t } = useTranslation();
  const store = useAppStore();
  const strip = useApp((s) => s.latentStrip);
  const names = useApp((s) => s.dataset?.classNames);
  const [playing, setPlaying] = useState(false);
  const [frame, setFrame] = useState(0);
  const bigRef = useRef<HTMLCanvasElement>(null);
  const total = strip?.total ?? 0;

  // Back and forth (0 … 9 … 0), so the loop has no jump from B to A.
  useEffect(() => {
    if (!playing || total < 2) return;
    let tick = 0;
    const timer = setInterval(() => {
      tick = (tick + 1) % (2 * total - 2);
      setFrame(tick < total ? tick : 2 * total - 2 - tick);
    }, 1000 / PLAY_FPS);
    return () => clearInterval(timer);
  }, [playing, total]);

  useEffect(() => {
    if (strip) drawFrame(bigRef.current, strip.width, strip.height, strip.frames[Math.min(frame, strip.total - 1)]);
  }, [strip, frame]);

  if (!strip) return null;
  const drawn = strip.frames.filter(Boolean).length;
  return (
    <figure className="latent-strip-view" data-testid="latent-interpolation" data-along={strip.classPair ? 'class' : 'z'}>
      <div className="latent-strip" data-testid="latent-strip" data-frames={drawn}>
        {strip.frames.map((pixels, i) => (
          <StripFrame key={i} index={i} width={strip.width} height={strip.height} pixels={pixels} active={playing && i === frame} />
        ))}
      </div>
      {playing && <canvas ref={bigRef} className="latent-big" role="img" aria-label={t('latent.playingLabel')} data-frame={frame} width={1} height={1} />}
      <figcaption>
        {strip.error
          ? t('latent.failed', { detail: strip.error })
          : drawn < strip.total
            ? t('latent.drawing', { n: drawn, total: strip.total })
            : strip.classPair
              ? t('latent.stripClassCaption', {
                  n: strip.total,
                  a: names?.[strip.classPair[0]] ?? strip.classPair[0],
                  b: names?.[strip.classPair[1]] ?? strip.classPair[1],
                  step: strip.step,
                })
              : t('latent.stripCaption', { n: strip.total, step: strip.step })}
      </figcaption>
      <div className="latent-actions">
        <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing} disabled={drawn < strip.total}>
          {playing ? t('latent.pause') : t('latent.play')}
        </button>
        <GifExport target="interpolate" ready={drawn === strip.total} />
        <button
          type="button"
          onClick={() => {
            setPlaying(false);
            store.getState().closeInterpolation();
          }}
        >
          {t('latent.close')}
        </button>
      </div>
    </figure>
  );
}
