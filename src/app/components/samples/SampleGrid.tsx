/**
 * The generator's 8×8 grid from the fixed noise, refreshed every few seconds while training; one
 * frame per epoch is kept for the scrubber, which looks back at earlier epochs' grids. "Draw samples
 * now" draws it at once, also while training (the worker draws it between two slices). The worker
 * sends RGBA bytes; this only puts them on a canvas. With `picking` (the samples panel), its tiles
 * are buttons that pick samples for the latent explorer, and the latent walk plays beside it.
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../storeContext';
import { className } from '../../lib/displayNames';
import { SampleSelection } from './SampleSelection';
import { LatentWalk } from './LatentWalk';
import './latent.css';

/** The grid's rows (and columns): 8×8 samples. */
const GRID_ROWS = 8;

export function SampleGrid({ picking = false }: { picking?: boolean }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const { samples, liveSample, ready, shape, sampleClasses, classNames, datasetId, gridClass } = useApp(
    useShallow((s) => ({
      samples: s.samples,
      liveSample: s.liveSample,
      ready: s.phase === 'ready',
      shape: s.dataset?.shape,
      sampleClasses: s.sampleClasses,
      classNames: s.dataset?.classNames,
      datasetId: s.dataset?.id,
      gridClass: s.gridClass,
    })),
  );
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // null: follow the newest grid; a number: the index the person scrubbed to.
  const [picked, setPicked] = useState<number | null>(null);
  const index = picked === null ? samples.length - 1 : Math.min(picked, samples.length - 1);
  // Following the newest: the live grid (refreshed every few seconds within an epoch) when there is one.
  const frame = picked === null && liveSample ? liveSample : index >= 0 ? samples[index] : null;

  // A reset shrinks the list: follow the newest grid again (adjusted during render, not in an effect, so no stale frame paints).
  if (picked !== null && picked >= samples.length) setPicked(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !frame) return;
    if (canvas.width !== frame.width || canvas.height !== frame.height) {
      canvas.width = frame.width;
      canvas.height = frame.height;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(frame.pixels), frame.width, frame.height), 0, 0);
  }, [frame]);

  const caption = frame ? t('samples.caption', { epoch: frame.epoch, step: frame.step }) : t('samples.waitGrid');
  // A conditional run: each row's class (row r is class sampleClasses[r·8]), or the one class a "Generate class" grid shows.
  const classOf = (k: number) => className(datasetId, classNames, k);
  const rowNames = sampleClasses && frame ? Array.from({ length: GRID_ROWS }, (_, r) => classOf(frame.classIndex ?? sampleClasses[r * GRID_ROWS])) : null;
  const classCount = classNames?.length ?? 0;
  return (
    <figure className="sample-grid">
      <div className="sample-grid-row">
        {rowNames && (
          <ol className="grid-row-names" aria-label={t('conditional.rowNames')} data-testid="grid-row-names">
            {rowNames.map((name, r) => (
              <li key={r}>{name}</li>
            ))}
          </ol>
        )}
        <div className="sample-grid-frame">
          <canvas
            ref={canvasRef}
            role="img"
            aria-label={t('samples.gridLabel')}
            aria-describedby="sample-grid-caption"
            data-testid="samples-canvas"
            data-step={frame?.step ?? ''}
            data-epoch={frame?.epoch ?? ''}
            width={224}
            height={224}
          >
            {t('samples.gridFallback')}
          </canvas>
          {picking && frame && shape && <SampleSelection tileWidth={shape[1]} tileHeight={shape[0]} />}
        </div>
        {picking && <LatentWalk />}
      </div>
      <figcaption id="sample-grid-caption">
        <span data-testid="samples-epoch">{caption}</span>
        {picked !== null && index < samples.length - 1 && <span className="older">{t('samples.earlier')}</span>}
        {frame?.classIndex !== undefined && (
          <span className="grid-class" data-testid="grid-class">
            {t('conditional.showing', { name: classOf(frame.classIndex) })}
          </span>
        )}
      </figcaption>
      {sampleClasses && (
        <div className="generate-class">
          {classCount > GRID_ROWS && <p className="model-hint">{t('conditional.rowsShown', { first: 0, last: GRID_ROWS - 1, n: classCount })}</p>}
          <label htmlFor="generate-class">{t('conditional.generate')}</label>{' '}
          <select
            id="generate-class"
            value={gridClass ?? ''}
            disabled={!ready}
            aria-describedby="generate-class-note"
            title={t('conditional.generateTitle')}
            onChange={(e) => store.getState().setGridClass(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('conditional.allClasses')}</option>
            {Array.from({ length: classCount }, (_, k) => (
              <option key={k} value={k}>
                {classOf(k)}
              </option>
            ))}
          </select>
          <p className="model-hint" id="generate-class-note">
            {t('conditional.generateNote')}
          </p>
        </div>
      )}
      <div className="scrubber">
        <label htmlFor="sample-scrubber">{t('samples.lookBack')}</label>
        <input
          id="sample-scrubber"
          type="range"
          min={0}
          max={Math.max(0, samples.length - 1)}
          step={1}
          value={Math.max(0, index)}
          disabled={samples.length < 2}
          aria-valuetext={frame ? t('samples.scrubberValue', { epoch: frame.epoch }) : t('samples.noGrids')}
          onChange={(e) => {
            const i = Number(e.target.value);
            setPicked(i >= samples.length - 1 ? null : i);
          }}
        />
        <button type="button" onClick={() => setPicked(null)} disabled={picked === null}>
          {t('samples.latest')}
        </button>
      </div>
      <button type="button" className="draw-now" onClick={() => store.getState().requestSamples()} disabled={!ready} title={t('samples.drawNowTitle')}>
        {t('samples.drawNow')}
      </button>
    </figure>
  );
}
