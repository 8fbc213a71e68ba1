/**
 * Real examples of one dataset: a 4×4 grid of images (putImageData, scaled up crisply), or a
 * scatter of a few hundred points. 1-D sets (Dirac) get a number line instead.
 */
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import type { DatasetInfo } from '../../../core/data/types';
import { hasPreview, isOneD, pointsViewBox } from '../../lib/datasets';
import { hiDpiContext } from '../../lib/hiDpiCanvas';
import type { DatasetPreview as Preview } from '../../store/datasets';
import { datasetName } from '../../lib/displayNames';

const POINTS_SIZE = 200;

function drawImage(canvas: HTMLCanvasElement, image: NonNullable<Preview['image']>): void {
  if (!(image.width > 0 && image.height > 0) || image.pixels.length !== image.width * image.height * 4) return;
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.putImageData(new ImageData(new Uint8ClampedArray(image.pixels), image.width, image.height), 0, 0);
}

function drawPoints(canvas: HTMLCanvasElement, points: Float32Array, extent: DatasetInfo['extent']): void {
  const px = POINTS_SIZE;
  const ctx = hiDpiContext(canvas, px, px);
  if (!ctx) return;
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, px, px);
  const [x0, x1, y0, y1] = pointsViewBox(points, extent);
  // Axes through the origin when it is in view.
  ctx.strokeStyle = '#cbd5e1';
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (x0 < 0 && x1 > 0) {
    const x = ((0 - x0) / (x1 - x0)) * px;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, px);
  }
  if (y0 < 0 && y1 > 0) {
    const y = px - ((0 - y0) / (y1 - y0)) * px;
    ctx.moveTo(0, y);
    ctx.lineTo(px, y);
  }
  ctx.stroke();
  ctx.fillStyle = 'rgba(4, 120, 87, 0.75)';
  ctx.beginPath();
  const r = 1.8;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = ((points[i] - x0) / (x1 - x0)) * px;
    const y = px - ((points[i + 1] - y0) / (y1 - y0)) * px;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
  ctx.fill();
}

/** The Dirac set: every example is 0, so one spike on a number line. */
function drawNumberLine(canvas: HTMLCanvasElement): void {
  const w = POINTS_SIZE;
  const h = 70;
  const ctx = hiDpiContext(canvas, w, h);
  if (!ctx) return;
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#64748b';
  ctx.lineWidth = 1;
  const base = h - 18;
  ctx.beginPath();
  ctx.moveTo(8, base);
  ctx.lineTo(w - 8, base);
  for (const t of [-1, 0, 1]) {
    const x = w / 2 + t * (w / 2 - 16);
    ctx.moveTo(x, base);
    ctx.lineTo(x, base + 4);
  }
  ctx.stroke();
  ctx.fillStyle = '#334155';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (const t of [-1, 0, 1]) ctx.fillText(String(t), w / 2 + t * (w / 2 - 16), base + 15);
  ctx.strokeStyle = 'rgba(4, 120, 87, 0.9)';
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.moveTo(w / 2, base);
  ctx.lineTo(w / 2, 8);
  ctx.stroke();
}

export interface DatasetPreviewProps {
  info: DatasetInfo;
  preview: Preview | undefined;
}

export function DatasetPreview({ info, preview }: DatasetPreviewProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const drawable = hasPreview(info);
  const oneD = isOneD(info);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    if (oneD) drawNumberLine(canvas);
    else if (preview?.image) drawImage(canvas, preview.image);
    else if (preview?.points) drawPoints(canvas, preview.points, info.extent);
  }, [preview, info.extent, oneD]);

  const ready = oneD || Boolean(preview?.image || preview?.points);
  const label = oneD
    ? t('datasets.previewZero', { name: datasetName(info) })
    : info.kind === 'image'
      ? t('datasets.previewImages', { name: datasetName(info) })
      : t('datasets.previewPoints', { name: datasetName(info), n: preview?.points ? preview.points.length / 2 : '' });
  return (
    <div className={`dataset-preview ${info.kind === 'image' ? 'is-image' : 'is-points'}`} aria-busy={!ready}>
      {(drawable || oneD) && (
        <canvas
          ref={ref}
          key={info.id}
          role="img"
          aria-label={label}
          data-testid="dataset-preview"
          data-dataset={info.id}
          data-ready={ready ? 'true' : 'false'}
          hidden={!ready}
        />
      )}
      {!ready && drawable && <p className="dataset-preview-wait">{t('datasets.loadingExamples')}</p>}
    </div>
  );
}
