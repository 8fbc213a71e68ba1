/**
 * The latent walk beside the grid: a slow loop along great circles of the sphere where G's noise
 * lives. Frames arrive a few at a time from the worker; while training runs, each finished loop
 * asks for the same path again, so the journey is redrawn with the newer weights.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useAppStore } from '../../storeContext';
import { drawFrame } from './latentCanvas';
import { GifExport } from './GifExport';
import { WebmExport } from './WebmExport';

/** Frames a second: slow enough to follow one digit turning into the next. */
export const WALK_FPS = 8;

export function LatentWalk() {
  const { t } = useTranslation();
  const store = useAppStore();
  const { walk, running } = useApp(useShallow((s) => ({ walk: s.latentWalk, running: s.running })));
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [frame, setFrame] = useState(0);
  const drawn = walk ? walk.frames.filter(Boolean).length : 0;

  // The interval reads the newest strip through refs, so frames arriving do not restart it.
  const latest = useRef({ walk, running, frame });
  useEffect(() => {
    latest.current = { walk, running, frame };
  }, [walk, running, frame]);
  const active = walk !== null;

  // Advances over the frames that have arrived; at the loop's end, redraws from the current weights.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      const { walk: w, running: r, frame: f } = latest.current;
      if (!w) return;
      let next = (f + 1) % w.total;
      if (!w.frames[next]) next = 0;
      if (next === 0 && f !== 0 && w.complete && r && !w.error) store.getState().walk();
      setFrame(next);
    }, 1000 / WALK_FPS);
    return () => clearInterval(timer);
  }, [active, store]);

  useEffect(() => {
    if (walk) drawFrame(canvasRef.current, walk.width, walk.height, walk.frames[frame]);
  }, [walk, frame]);

  if (!walk) return null;
  return (
    <figure className="latent-walk" data-testid="latent-walk">
      <canvas ref={canvasRef} role="img" aria-label={t('latent.walkLabel')} data-frame={frame} data-frames={drawn} data-step={walk.step} width={1} height={1} />
      <figcaption>
        {walk.error
          ? t('latent.failed', { detail: walk.error })
          : drawn < walk.total
            ? t('latent.drawing', { n: drawn, total: walk.total })
            : t('latent.walkCaption', { step: walk.step })}
      </figcaption>
      <div className="latent-actions">
        <GifExport target="walk" ready={walk.frames.every(Boolean)} />
        <WebmExport ready={walk.frames.every(Boolean)} />
        <button type="button" onClick={() => store.getState().stopWalk()}>
          {t('latent.stopWalk')}
        </button>
      </div>
    </figure>
  );
}
