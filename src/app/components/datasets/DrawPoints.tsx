/**
 * "Draw your own" 2-D data: paint points with a mouse, finger or pen (pointer events), one point
 * every few pixels along the stroke, then train on them. The drawing lives in [-1, 1]² (y up).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { DRAWN_MAX_POINTS, DRAWN_MIN_POINTS, brushTo, canvasToData, dataToCanvas } from '../../lib/datasets';
import type { BrushState } from '../../lib/datasets';
import { useTranslation } from 'react-i18next';

/** The canvas's CSS size in pixels (the drawing is resolution-independent). */
const SIZE = 280;
/** Brush spacings; each one's name is draw.<key> in the catalogues. */
const SPACINGS = [
  { px: 4, key: 'dense' },
  { px: 8, key: 'medium' },
  { px: 16, key: 'sparse' },
];
const DOT = 'rgba(4, 120, 87, 0.85)';

export interface DrawPointsProps {
  /** Trains on the drawing (the caller asks first when a run would be lost). */
  onTrain(points: Float32Array): void;
}

function paintBackground(ctx: CanvasRenderingContext2D, px: number, dpr: number): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, px, px);
  ctx.strokeStyle = '#e5e7eb';
  ctx.lineWidth = dpr;
  ctx.beginPath();
  for (let i = 1; i < 8; i++) {
    const v = Math.round((i * px) / 8) + 0.5;
    ctx.moveTo(v, 0);
    ctx.lineTo(v, px);
    ctx.moveTo(0, v);
    ctx.lineTo(px, v);
  }
  ctx.stroke();
  ctx.strokeStyle = '#9ca3af';
  ctx.beginPath();
  ctx.moveTo(px / 2, 0);
  ctx.lineTo(px / 2, px);
  ctx.moveTo(0, px / 2);
  ctx.lineTo(px, px / 2);
  ctx.stroke();
}

/** Canvas pixels per CSS pixel, capped at 2. */
const dpr = () => Math.min(2, window.devicePixelRatio || 1);

const dot = (ctx: CanvasRenderingContext2D, x: number, y: number) => {
  const d = dpr();
  const [cx, cy] = dataToCanvas(x, y, SIZE);
  ctx.moveTo(cx * d + 2.6 * d, cy * d);
  ctx.arc(cx * d, cy * d, 2.6 * d, 0, Math.PI * 2);
};

export function DrawPoints({ onTrain }: DrawPointsProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // Data-unit coordinates, x, y interleaved; strokeStarts[i] = index (in points) where stroke i began.
  const points = useRef<number[]>([]);
  const strokeStarts = useRef<number[]>([]);
  const brush = useRef<BrushState | null>(null);
  const [count, setCount] = useState(0);
  const [spacing, setSpacing] = useState(8);

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const d = dpr();
    const px = Math.round(SIZE * d);
    if (canvas.width !== px) {
      canvas.width = px;
      canvas.height = px;
    }
    paintBackground(ctx, px, d);
    ctx.fillStyle = DOT;
    ctx.beginPath();
    const p = points.current;
    for (let i = 0; i + 1 < p.length; i += 2) dot(ctx, p[i], p[i + 1]);
    ctx.fill();
  }, []);

  useEffect(redraw, [redraw]);

  /** Adds canvas-pixel points (clipped to the canvas, capped in number) and paints them. */
  const add = (pts: [number, number][]) => {
    const ctx = canvasRef.current?.getContext('2d');
    const p = points.current;
    let added = 0;
    if (ctx) {
      ctx.fillStyle = DOT;
      ctx.beginPath();
    }
    for (const [cx, cy] of pts) {
      if (p.length / 2 >= DRAWN_MAX_POINTS) break;
      if (cx < 0 || cy < 0 || cx > SIZE || cy > SIZE) continue;
      const [x, y] = canvasToData(cx, cy, SIZE);
      p.push(x, y);
      if (ctx) dot(ctx, x, y);
      added++;
    }
    if (ctx) ctx.fill();
    if (added) setCount(p.length / 2);
  };

  const at = (e: { clientX: number; clientY: number }): [number, number] => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return [((e.clientX - rect.left) * SIZE) / rect.width, ((e.clientY - rect.top) * SIZE) / rect.height];
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    strokeStarts.current.push(points.current.length / 2);
    brush.current = { last: null };
    const [x, y] = at(e);
    add(brushTo(brush.current, x, y, spacing));
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const b = brush.current;
    if (!b) return;
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    const list = events.length ? events : [e.nativeEvent];
    const out: [number, number][] = [];
    for (const ev of list) {
      const [x, y] = at(ev);
      out.push(...brushTo(b, x, y, spacing));
    }
    add(out);
  };

  const endStroke = () => {
    brush.current = null;
    // A stroke that laid no point (it started off-canvas) leaves no undo entry.
    const starts = strokeStarts.current;
    if (starts.length && starts[starts.length - 1] === points.current.length / 2) starts.pop();
  };

  const clear = () => {
    points.current = [];
    strokeStarts.current = [];
    setCount(0);
    redraw();
  };

  const undo = () => {
    const start = strokeStarts.current.pop();
    if (start === undefined) return;
    points.current.length = start * 2;
    setCount(start);
    redraw();
  };

  /** A keyboard-friendly way to draw: a Gaussian blob of 40 points somewhere in the square. */
  const addBlob = () => {
    strokeStarts.current.push(points.current.length / 2);
    const cx = (Math.random() * 1.2 - 0.6) * SIZE * 0.5 + SIZE / 2;
    const cy = (Math.random() * 1.2 - 0.6) * SIZE * 0.5 + SIZE / 2;
    const pts: [number, number][] = [];
    for (let i = 0; i < 40; i++) {
      const r = Math.sqrt(-2 * Math.log(1 - Math.random())) * SIZE * 0.035;
      const a = Math.random() * Math.PI * 2;
      pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
    add(pts);
  };

  const full = count >= DRAWN_MAX_POINTS;
  return (
    <div className="draw-points">
      <p>{t('draw.intro')}</p>
      <div className="draw-area">
        <canvas
          ref={canvasRef}
          className="draw-canvas"
          style={{ width: SIZE, height: SIZE }}
          aria-label={t('draw.canvas', { n: count })}
          data-testid="draw-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
          onLostPointerCapture={endStroke}
        />
        <div className="draw-tools">
          <div className="brush-row">
            <label htmlFor="brush-spacing">{t('draw.spacing')}</label>
            <select id="brush-spacing" value={spacing} onChange={(e) => setSpacing(Number(e.target.value))}>
              {SPACINGS.map((s) => (
                <option key={s.px} value={s.px}>
                  {t(`draw.${s.key}`)}
                </option>
              ))}
            </select>
          </div>
          <p className="draw-count" data-testid="draw-count" aria-live="polite">
            {t('draw.count', { n: count })}
            {full && t('draw.full', { max: DRAWN_MAX_POINTS })}
          </p>
          <div className="draw-buttons">
            <button type="button" onClick={addBlob} disabled={full}>
              {t('draw.blob')}
            </button>
            <button type="button" onClick={undo} disabled={count === 0}>
              {t('draw.undo')}
            </button>
            <button type="button" onClick={clear} disabled={count === 0}>
              {t('draw.clear')}
            </button>
          </div>
          <button
            type="button"
            className="primary"
            disabled={count < DRAWN_MIN_POINTS}
            title={count < DRAWN_MIN_POINTS ? t('draw.tooFew', { min: DRAWN_MIN_POINTS }) : t('draw.trainTitle')}
            onClick={() => onTrain(Float32Array.from(points.current))}
          >
            {t('draw.train')}
          </button>
          <p className="muted">{t('draw.limits', { min: DRAWN_MIN_POINTS, max: DRAWN_MAX_POINTS })}</p>
        </div>
      </div>
    </div>
  );
}
