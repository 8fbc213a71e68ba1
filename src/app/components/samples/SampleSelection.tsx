/**
 * Buttons laid over the sample grid's tiles, to pick samples for the latent explorer: a click (or
 * Enter / Space) selects a sample or unselects it. One tab stop for the 64 (roving tabindex);
 * the arrow keys, Home and End move between tiles.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GRID_GAP } from '../../../core/sampleGrid';
import { useApp, useAppStore } from '../../storeContext';

const SIDE = 8;

export function SampleSelection({ tileWidth, tileHeight }: { tileWidth: number; tileHeight: number }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const selected = useApp((s) => s.latentSelected);
  const [focus, setFocus] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const width = SIDE * tileWidth + (SIDE - 1) * GRID_GAP;
  const height = SIDE * tileHeight + (SIDE - 1) * GRID_GAP;

  const move = (e: KeyboardEvent, i: number) => {
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, ArrowDown: i + SIDE, ArrowUp: i - SIDE, Home: 0, End: SIDE * SIDE - 1 }[e.key] ?? null;
    if (to === null) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(SIDE * SIDE - 1, to));
    setFocus(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="sample-picks" role="group" aria-label={t('latent.pickGroup')} data-testid="sample-picks">
      {Array.from({ length: SIDE * SIDE }, (_, i) => {
        const order = selected.indexOf(i);
        const pct = (x: number, of: number) => `${(100 * x) / of}%`;
        return (
          <button
            key={i}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            className={order >= 0 ? 'sample-pick picked' : 'sample-pick'}
            style={{
              left: pct((i % SIDE) * (tileWidth + GRID_GAP), width),
              top: pct(Math.floor(i / SIDE) * (tileHeight + GRID_GAP), height),
              width: pct(tileWidth, width),
              height: pct(tileHeight, height),
            }}
            tabIndex={i === focus ? 0 : -1}
            aria-pressed={order >= 0}
            aria-label={t('latent.sampleLabel', { n: i + 1 })}
            data-testid={`sample-pick-${i}`}
            onFocus={() => setFocus(i)}
            onKeyDown={(e) => move(e, i)}
            onClick={() => store.getState().toggleLatentSample(i)}
          >
            {order >= 0 && <span className="pick-badge">{order === 0 ? 'A' : 'B'}</span>}
          </button>
        );
      })}
    </div>
  );
}
