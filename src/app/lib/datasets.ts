/**
 * Pure helpers for the dataset panel, the image upload and the drawing canvas: text for result
 * lines and dataset facts, and the brush that turns a pointer's path into evenly spaced points.
 * No DOM, no TF.js: unit-tested in Node.
 */
import type { DatasetInfo } from '../../core/data/types';
import { MAX_IMAGES, MAX_SOURCE_PIXELS } from '../../core/data/imageResize';
import { MAX_UPLOAD_CLASSES } from '../../core/data/uploadClasses';
import { DRAWN_MAX_POINTS, DRAWN_MIN_POINTS } from '../../core/data/drawnPoints';
import type { Wording } from '../../worker/protocol';
import { i18n, t } from '../i18n/i18n';
import { workerText } from '../i18n/workerText';

export { DRAWN_MAX_POINTS, DRAWN_MIN_POINTS, MAX_IMAGES, MAX_SOURCE_PIXELS, MAX_UPLOAD_CLASSES };

/** Largest file the worker reads (mirrors MAX_FILE_BYTES in src/worker/imageUploads.ts). */
export const MAX_FILE_MB = 64;

/** The caps, as the upload panel states them (in the page's language). */
export function uploadCapsText(): string {
  return t('upload.caps', { images: MAX_IMAGES, megapixels: MAX_SOURCE_PIXELS / 1e6, mb: MAX_FILE_MB });
}

export interface UploadSummary {
  accepted: number;
  skipped: SkippedFile[];
  capped: number;
}

/** A skipped file as the worker reports it (src/worker/imageUploads.ts): its English reason, and a key and values. */
export type SkippedFile = { name: string; reason: string } & Wording;

/** Why a file was skipped, in the page's language (the worker's English for a reason without a known key). */
export function skipReasonText(s: SkippedFile): string {
  return workerText({ message: s.reason, key: s.key, values: s.values });
}

/**
 * "3 accepted, 1 skipped", plus " (12 over the cap)" when the set reached its cap; a set from class
 * folders names its classes: "120 accepted in 3 classes (cats, dogs, owls), 0 skipped".
 */
export function uploadResultLine(r: UploadSummary & { dataset?: Pick<DatasetInfo, 'classNames'> | null }): string {
  const counts = { accepted: r.accepted, skipped: r.skipped.length, capped: r.capped };
  const classNames = r.dataset?.classNames;
  if (classNames?.length) {
    const named = { ...counts, classes: classNames.length, names: classNames.join(t('upload.classSeparator')) };
    return t(r.capped > 0 ? 'upload.resultClassesCapped' : 'upload.resultClasses', named);
  }
  return t(r.capped > 0 ? 'upload.resultCapped' : 'upload.result', counts);
}

/**
 * Groups skip reasons for a short summary: "not an image ×2, empty file ×1". A worded reason
 * groups on its key's short form (`upload.skipShort`, no details); an older worker's English
 * on the part before its details.
 */
export function skipReasonCounts(skipped: UploadSummary['skipped']): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const s of skipped) {
    const short = s.key?.startsWith('skip.') ? `upload.skipShort.${s.key.slice('skip.'.length)}` : null;
    const key =
      short && i18n.exists(short)
        ? i18n.t(short, s.values ?? {})
        : // "corrupt or unreadable PNG (…details…)" → group on the part before the details.
          s.reason.replace(/\s*\(.*\)\s*$/, '').replace(/^too large:.*/, 'too large');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

/** One example's shape in words: "28×28 grey", "32×32 RGB", "2-D points", "1-D numbers". */
export function describeShape(info: Pick<DatasetInfo, 'kind' | 'shape'>): string {
  if (info.kind === 'points')
    return info.shape.length === 1 && info.shape[0] === 1 ? t('datasets.shapeNumbers') : t('datasets.shapePoints', { d: info.shape[0] });
  const [h, w, c] = info.shape;
  return t('datasets.shapeImage', { h, w, c: String(c) });
}

/** "10,000 images" / "1,024 points". */
export function describeCount(info: Pick<DatasetInfo, 'kind' | 'count'>): string {
  return t('datasets.count', { n: info.count, kind: info.kind });
}

/** A 1-D set (the Dirac-GAN's): one number per example. */
export function isOneD(info: Pick<DatasetInfo, 'kind' | 'shape'>): boolean {
  return info.kind === 'points' && info.shape.length === 1 && info.shape[0] === 1;
}

/** Whether the worker can show real examples of this dataset (1-D sets have no picture). */
export function hasPreview(info: Pick<DatasetInfo, 'kind' | 'shape'>): boolean {
  return info.kind === 'image' ? info.shape.length === 3 : info.shape.length === 1 && info.shape[0] === 2;
}

// ── the brush ───────────────────────────────────────────────────────────────────────────────

export interface BrushState {
  /** The last point laid down, in canvas pixels, or null before a stroke's first point. */
  last: [number, number] | null;
}

/**
 * Points laid down as the pointer moves from the last point to (x, y): one every `spacing`
 * pixels along the path, so a fast drag leaves no gaps and a slow one no clumps. The first call
 * of a stroke lays its start point. Returns canvas-pixel coordinates and updates `state`.
 */
export function brushTo(state: BrushState, x: number, y: number, spacing: number): [number, number][] {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return [];
  const step = Math.max(0.5, spacing);
  if (!state.last) {
    state.last = [x, y];
    return [[x, y]];
  }
  const [lx, ly] = state.last;
  const dist = Math.hypot(x - lx, y - ly);
  const n = Math.floor(dist / step);
  const out: [number, number][] = [];
  for (let i = 1; i <= n; i++) {
    const t = (i * step) / dist;
    out.push([lx + (x - lx) * t, ly + (y - ly) * t]);
  }
  if (n > 0) state.last = out[out.length - 1];
  return out;
}

/** Canvas pixels (y down, 0…size) → the drawing's units ([-1, 1]², y up). */
export function canvasToData(x: number, y: number, size: number): [number, number] {
  return [(x / size) * 2 - 1, 1 - (y / size) * 2];
}

/** The drawing's units → canvas pixels. */
export function dataToCanvas(x: number, y: number, size: number): [number, number] {
  return [((x + 1) / 2) * size, ((1 - y) / 2) * size];
}

/**
 * A view box for a point preview: the dataset's extent when known, else the points' bounds,
 * padded and made square so shapes are not stretched. [xMin, xMax, yMin, yMax].
 */
export function pointsViewBox(points: Float32Array, extent?: DatasetInfo['extent']): [number, number, number, number] {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  if (extent) ({ xMin: x0, xMax: x1, yMin: y0, yMax: y1 } = extent);
  else {
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = points[i];
      const y = points[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    if (!(x1 >= x0)) return [-1, 1, -1, 1];
    const pad = 0.08 * Math.max(x1 - x0, y1 - y0, 1e-6);
    x0 -= pad;
    x1 += pad;
    y0 -= pad;
    y1 += pad;
  }
  const half = Math.max(x1 - x0, y1 - y0, 1e-6) / 2;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return [cx - half, cx + half, cy - half, cy + half];
}
