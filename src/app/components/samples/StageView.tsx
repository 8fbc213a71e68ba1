/**
 * The stage view: the generator's samples (or, for 2-D sets, the points over D's heatmap) alone,
 * full-window, with the step and the loss curves in one top line — for the back of a classroom.
 * A modal dialog: Escape or the Close button leaves, focus returns to the page.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { GRID_GAP } from '../../../core/sampleGrid';
import { formatMetric } from '../../lib/format';
import { stageGrid, stripPoints, tileOrigin, tileSide } from '../../lib/stageLayout';
import { useModalDialog } from '../../lib/useModalDialog';
import { useApp } from '../../storeContext';
import { useView } from '../../viewStore';
import { drawPoints, POINTS_VIEW_SIZE } from './PointsView';
import './stage.css';

/** The sample grid is always 8 × 8 (the worker's fixed noise batch). */
const SIDE = 8;
const STRIP_W = 320;
const STRIP_H = 44;
/** The key's name as printed on keyboards, the same in every language. */
const ESC_KEY = 'Esc';

/** The size of an element's content box, kept current. */
function useBoxSize(): [React.RefObject<HTMLDivElement | null>, { w: number; h: number }] {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setSize({ w: Math.floor(e.contentRect.width), h: Math.floor(e.contentRect.height) }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, size];
}

/** The newest grid, re-tiled to fill the box: 64 samples at 1280×720 come out about 108 px each. */
function StageSamples({ w, h }: { w: number; h: number }) {
  const { t } = useTranslation();
  const frame = useApp((s) => s.samples.at(-1) ?? null);
  const ref = useRef<HTMLCanvasElement>(null);
  const layout = stageGrid(SIDE * SIDE, w, h);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !frame || layout.tile < 1) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const tilePx = Math.floor(layout.tile * dpr);
    canvas.width = layout.cols * tilePx;
    canvas.height = layout.rows * tilePx;
    const src = document.createElement('canvas');
    src.width = frame.width;
    src.height = frame.height;
    src.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(frame.pixels), frame.width, frame.height), 0, 0);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const side = tileSide(frame.width, SIDE, GRID_GAP);
    const gap = Math.max(2, Math.round(tilePx * 0.04));
    for (let n = 0; n < SIDE * SIDE; n++) {
      const [sx, sy] = tileOrigin(n, SIDE, side, GRID_GAP);
      const dx = (n % layout.cols) * tilePx;
      const dy = Math.floor(n / layout.cols) * tilePx;
      ctx.drawImage(src, sx, sy, side, side, dx, dy, tilePx - gap, tilePx - gap);
    }
  }, [frame, layout.cols, layout.rows, layout.tile]);
  if (!frame) return <p className="stage-wait">{t('stage.waitGrid')}</p>;
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={t('stage.samples')}
      data-testid="stage-canvas"
      data-tile={layout.tile}
      data-cols={layout.cols}
      data-step={frame.step}
      style={{ width: layout.cols * layout.tile, height: layout.rows * layout.tile }}
    />
  );
}

/** The points over D's heatmap, as large as the box's shorter side. */
function StagePoints({ w, h }: { w: number; h: number }) {
  const { t } = useTranslation();
  const frame = useApp((s) => s.points);
  const ref = useRef<HTMLCanvasElement>(null);
  const heat = useRef<HTMLCanvasElement | null>(null);
  const size = Math.max(POINTS_VIEW_SIZE, Math.min(w, h));
  useEffect(() => {
    if (!ref.current || !frame) return;
    heat.current ??= document.createElement('canvas');
    drawPoints(ref.current, frame, heat.current, undefined, size);
  }, [frame, size]);
  if (!frame) return <p className="stage-wait">{t('stage.waitPicture')}</p>;
  return <canvas ref={ref} role="img" aria-label={t('stage.points')} data-testid="stage-canvas" data-step={frame.step} style={{ width: size, height: size }} />;
}

/** D's and G's loss over the run, one small strip with the newest values beside it. */
function LossStrip() {
  const { t } = useTranslation();
  const { rows, d, g } = useApp(useShallow((s) => ({ rows: s.charts.losses, d: s.latest.dLoss, g: s.latest.gLoss })));
  const values = rows.flatMap((r) => [r.dLoss, r.gLoss]).filter((v): v is number => Number.isFinite(v));
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  return (
    <div className="stage-losses">
      <svg width={STRIP_W} height={STRIP_H} viewBox={`0 0 ${STRIP_W} ${STRIP_H}`} aria-hidden="true">
        <polyline points={stripPoints(rows, 'dLoss', STRIP_W, STRIP_H, lo, hi)} className="stage-d" />
        <polyline points={stripPoints(rows, 'gLoss', STRIP_W, STRIP_H, lo, hi)} className="stage-g" />
      </svg>
      <span data-testid="stage-losses">
        <span className="stage-d-text">{t('stage.dLoss', { value: d === undefined ? '–' : formatMetric(d) })}</span> ·{' '}
        <span className="stage-g-text">{t('stage.gLoss', { value: g === undefined ? '–' : formatMetric(g) })}</span>
      </span>
    </div>
  );
}

export function StageView() {
  const { t } = useTranslation();
  const open = useView((s) => s.stage);
  const ref = useModalDialog(open);
  const close = () => useView.getState().setStage(false);
  return (
    <dialog
      ref={ref}
      className="stage-view"
      aria-label={t('stage.label')}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      {open && <StageBody onClose={close} />}
    </dialog>
  );
}

function StageBody({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { step, epoch, points, running } = useApp(
    useShallow((s) => ({ step: s.step, epoch: s.epoch, points: s.dataset?.kind === 'points', running: s.running })),
  );
  const [boxRef, box] = useBoxSize();
  return (
    <>
      <div className="stage-bar">
        <span className="stage-step" data-testid="stage-step">
          {t('stage.step', { step })} <span className="stage-epoch">{t('stage.epoch', { epoch })}</span>
          {!running && <span className="stage-paused"> {t('stage.paused')}</span>}
        </span>
        <LossStrip />
        <button type="button" className="stage-close" onClick={onClose} autoFocus>
          {t('stage.close')} <kbd>{ESC_KEY}</kbd>
        </button>
      </div>
      <div className="stage-box" ref={boxRef}>
        {points ? <StagePoints w={box.w} h={box.h} /> : <StageSamples w={box.w} h={box.h} />}
      </div>
    </>
  );
}
