/**
 * For 2-D datasets (GAN Lab style): real points and generated points over a heatmap of D's
 * output, redrawn a few times a second. The heatmap is D's verdict at each place in the plane:
 * green where D says "real", purple where it says "fake".
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointsFrame } from '../../store/frames';
import { useApp } from '../../storeContext';

export const POINTS_VIEW_SIZE = 320;
const SIZE = POINTS_VIEW_SIZE;
// D(x) = 0 (fake) → purple, 0.5 → near white, 1 (real) → green.
const FAKE_RGB = [167, 139, 250];
const MID_RGB = [248, 250, 252];
const REAL_RGB = [110, 231, 183];

/** Heatmap colour for a D output in [0, 1]. */
function shade(v: number, out: Uint8ClampedArray, at: number): void {
  const t = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0.5));
  const [a, b, u] = t < 0.5 ? [FAKE_RGB, MID_RGB, t * 2] : [MID_RGB, REAL_RGB, (t - 0.5) * 2];
  out[at] = a[0] + (b[0] - a[0]) * u;
  out[at + 1] = a[1] + (b[1] - a[1]) * u;
  out[at + 2] = a[2] + (b[2] - a[2]) * u;
  out[at + 3] = 255;
}

/** Draws one frame; also used off screen for the points timelapse (dpr 1) and on the stage (`size`). */
export function drawPoints(
  canvas: HTMLCanvasElement,
  frame: PointsFrame,
  heat: HTMLCanvasElement,
  dpr = Math.min(2, window.devicePixelRatio || 1),
  size = SIZE,
): void {
  const px = Math.round(size * dpr);
  if (canvas.width !== px) {
    canvas.width = px;
    canvas.height = px;
  }
  const ctx = canvas.getContext('2d');
  const { gridSize: g, heatmap, extent, real, fake } = frame;
  if (!ctx || g < 1) return;
  // Heatmap: one pixel per grid cell, row 0 at ymin → flip so y grows upwards, then scale up smoothly.
  heat.width = g;
  heat.height = g;
  const hctx = heat.getContext('2d');
  if (!hctx) return;
  const img = hctx.createImageData(g, g);
  for (let r = 0; r < g; r++) for (let c = 0; c < g; c++) shade(heatmap[r * g + c], img.data, ((g - 1 - r) * g + c) * 4);
  hctx.putImageData(img, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(heat, 0, 0, px, px);

  const [x0, x1, y0, y1] = extent;
  const sx = px / (x1 - x0);
  const sy = px / (y1 - y0);
  const dot = (pts: Float32Array, fill: string, stroke: string | null, radius: number) => {
    ctx.fillStyle = fill;
    ctx.strokeStyle = stroke ?? fill;
    ctx.lineWidth = dpr;
    ctx.beginPath();
    for (let i = 0; i + 1 < pts.length; i += 2) {
      const x = (pts[i] - x0) * sx;
      const y = px - (pts[i + 1] - y0) * sy;
      ctx.moveTo(x + radius, y);
      ctx.arc(x, y, radius, 0, Math.PI * 2);
    }
    ctx.fill();
    if (stroke) ctx.stroke();
  };
  // Dots grow with the picture, a little less than linearly (a stage-sized view stays legible, not blotchy).
  const grow = Math.sqrt(size / SIZE);
  dot(real, 'rgba(4, 120, 87, 0.9)', null, 2.4 * dpr * grow);
  dot(fake, 'rgba(109, 40, 217, 0.7)', null, 2.2 * dpr * grow);
}

/** `run`: 'B' draws twin run B's points (docs/twin-runs.md). */
export function PointsView({ run }: { run?: 'B' } = {}) {
  const { t } = useTranslation();
  const frame = useApp((s) => (run === 'B' ? s.pointsB : s.points));
  const tag = run ? `-${run}` : '';
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const heatRef = useRef<HTMLCanvasElement | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !frame) return;
    heatRef.current ??= document.createElement('canvas');
    drawPoints(canvas, frame, heatRef.current);
  }, [frame]);

  return (
    <figure className="points-view">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={run ? t('samples.runLabel', { run }) : t('samples.gridLabel')}
        aria-describedby={`points-caption${tag}`}
        data-testid={`samples-canvas${tag}`}
        data-step={frame?.step ?? ''}
        data-epoch={frame?.epoch ?? ''}
        width={SIZE}
        height={SIZE}
      >
        {t('samples.pointsFallback')}
      </canvas>
      <figcaption id={`points-caption${tag}`}>
        <span data-testid={`samples-epoch${tag}`}>{frame ? t('samples.caption', { epoch: frame.epoch, step: frame.step }) : t('samples.waitPicture')}</span>
        <ul className="points-legend">
          <li>
            <span className="dot real" aria-hidden="true" /> {t('samples.real')}
          </li>
          <li>
            <span className="dot fake" aria-hidden="true" /> {t('samples.generated')}
          </li>
          <li>
            <span className="ramp" aria-hidden="true" /> {t('samples.dSays')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
