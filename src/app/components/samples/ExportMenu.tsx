/**
 * Export, next to the samples: a PNG of the picture as shown, a timelapse GIF over the run's
 * epochs, the metric history as CSV, and the generator as a TF.js model. PNG and CSV are made
 * here; the GIF and the model are built in the worker, which transfers the bytes back.
 */
import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { TimelapseFrame } from '../../../worker/protocol';
import { downloadBytes } from '../../lib/download';
import { i18n } from '../../i18n/i18n';
import { exportFileName } from '../../lib/exports';
import type { AppState } from '../../store/appStore';
import { useApp, useAppStore } from '../../storeContext';
import { drawPoints, POINTS_VIEW_SIZE } from './PointsView';

/** Grid pixels become PNG_SCALE² PNG pixels (nearest neighbour: digits stay crisp). */
export const PNG_SCALE = 4;
/** The timelapse's upscale of the sample grid (points are drawn at full size already). */
export const TIMELAPSE_GRID_SCALE = 2;

function canvasPng(canvas: HTMLCanvasElement, scale: number): Promise<Blob> {
  const out = document.createElement('canvas');
  out.width = canvas.width * scale;
  out.height = canvas.height * scale;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error(i18n.t('exportMenu.noCanvas')));
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(canvas, 0, 0, out.width, out.height);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error(i18n.t('exportMenu.notEncoded')))), 'image/png'));
}

/** Each stored 2-D picture drawn off screen at 1× into RGBA. */
function pointsFrames(frames: AppState['pointFrames']): TimelapseFrame[] {
  const canvas = document.createElement('canvas');
  const heat = document.createElement('canvas');
  return frames.map((f) => {
    drawPoints(canvas, f, heat, 1);
    const ctx = canvas.getContext('2d')!;
    const img = ctx.getImageData(0, 0, POINTS_VIEW_SIZE, POINTS_VIEW_SIZE);
    return { width: img.width, height: img.height, pixels: img.data };
  });
}

export function ExportMenu({ viewRef }: { viewRef: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const s = useApp(
    useShallow((st) => ({
      ready: st.phase === 'ready',
      kind: st.dataset?.kind ?? null,
      dirac: st.config?.model === 'dirac',
      grids: st.samples.length,
      pictures: st.pointFrames.length,
      hasPoints: st.points !== null,
      rows: st.historyLength,
      status: st.exportStatus,
    })),
  );
  const [note, setNote] = useState<string | null>(null);
  const busy = s.status !== null && !s.status.error;
  const picture = !s.dirac && s.kind !== null;
  const frames = s.kind === 'points' ? s.pictures : s.grids;
  const name = (kind: Parameters<typeof exportFileName>[0]) => {
    const st = store.getState();
    return exportFileName(kind, st.config, st.step);
  };

  const png = async () => {
    const canvas = viewRef.current?.querySelector('canvas');
    if (!canvas) return setNote(t('exportMenu.noPicture'));
    try {
      downloadBytes(await canvasPng(canvas, s.kind === 'points' ? 1 : PNG_SCALE), 'image/png', name('png'));
      setNote(null);
    } catch (e) {
      setNote(t('exportMenu.pngFailed', { detail: (e as Error).message }));
    }
  };
  const timelapse = () => {
    const st = store.getState();
    const list: TimelapseFrame[] =
      s.kind === 'points'
        ? pointsFrames(st.pointFrames)
        : st.samples.map((f) => ({ width: f.width, height: f.height, pixels: new Uint8ClampedArray(f.pixels) }));
    if (!list.length) return setNote(t('exportMenu.noPictures'));
    setNote(null);
    st.exportTimelapse(list, s.kind === 'points' ? 1 : TIMELAPSE_GRID_SCALE);
  };
  const csv = () => {
    setNote(null);
    downloadBytes(store.getState().metricsCsv(), 'text/csv', name('csv'));
  };

  return (
    <div className="export-menu" role="group" aria-labelledby="export-title">
      <span id="export-title" className="export-title">
        {t('exportMenu.title')}
      </span>
      {picture && (
        <button type="button" onClick={png} disabled={!(s.kind === 'points' ? s.hasPoints : s.grids > 0)} title={t('exportMenu.pngTitle')}>
          PNG
        </button>
      )}
      {picture && (
        <button type="button" onClick={timelapse} data-frames={frames} disabled={busy || frames < 1} title={t('exportMenu.timelapseTitle', { n: frames })}>
          {t('exportMenu.timelapse')}
        </button>
      )}
      <button type="button" onClick={csv} disabled={s.rows < 1} title={t('exportMenu.csvTitle')}>
        CSV
      </button>
      <button type="button" onClick={() => store.getState().exportModel()} disabled={busy || !s.ready} title={t('exportMenu.modelTitle')}>
        {t('exportMenu.model')}
      </button>
      <div className="export-status" aria-live="polite" data-testid="export-status">
        {busy && s.status && (
          <>
            <progress
              max={1}
              value={s.status.fraction}
              aria-label={s.status.kind === 'model' ? t('exportMenu.modelProgress') : t('exportMenu.timelapseProgress')}
            />{' '}
            {s.status.message}
          </>
        )}
        {s.status?.error && <span className="export-error">{s.status.error}</span>}
        {note && <span className="export-error">{note}</span>}
      </div>
    </div>
  );
}
