/**
 * The pictures the worker sends: the 2-D points view (real and generated points over D's
 * heatmap), the sample grid of images, and a dataset's preview for the picker. Each builder
 * returns a protocol event; the session decides when to send it.
 */
import type { Dataset } from '../core/data/types';
import { imageGridRGBA } from '../core/sampleGrid';
import { SAMPLE_GRID_SIDE, type Trainer } from '../core/train/trainer';
import type { PeriodicHook } from '../core/train/trainingLoop';
import type { WorkerEvent } from './protocol';

const POINTS_SHOWN = 1000;
const HEATMAP_SIZE = 48;
/** Real examples in a dataset preview: a 4×4 grid, or this many points. */
const PREVIEW_SIDE = 4;
const PREVIEW_POINTS = 500;

/**
 * The live image grid between epoch ends (an MNIST epoch takes a minute or more in a browser).
 * A redraw is one forward pass of G on 64 noise vectors, about a fifth of a training step; it
 * comes every `minMs`, or less often when it is slow, so that it takes at most `costShare` of the
 * time, but never less often than every `maxMs` (the "at least every 5 s", with room for
 * the slice that is running when it falls due). `scripts/live-grid-cost.ts` measures it.
 */
export const LIVE_GRID = { minMs: 2000, maxMs: 4000, costShare: 0.05 } as const;

/** The loop hook that redraws the live grid, spaced by LIVE_GRID from how long the last redraw took. */
export function liveGridHook(draw: () => Promise<void>, now: () => number): PeriodicHook {
  const hook: PeriodicHook = {
    everyMs: LIVE_GRID.minMs,
    run: async () => {
      const t0 = now();
      await draw();
      const spent = now() - t0;
      hook.everyMs = Math.min(LIVE_GRID.maxMs, Math.max(LIVE_GRID.minMs, spent / LIVE_GRID.costShare - spent));
    },
  };
  return hook;
}

/** A fixed sample of real points and the square view box the points view draws them in. */
export interface PointsView {
  real: Float32Array;
  extent: [number, number, number, number];
}

/** n indices spread evenly over a dataset, so a preview shows its variety. */
function spread(n: number, count: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));
}

/** A fixed sample of real points and a view box around them with a margin; null unless 2-D. */
export function pointsViewOf(dataset: Dataset): PointsView | null {
  if (dataset.dim !== 2) return null;
  const n = Math.min(POINTS_SHOWN, dataset.count);
  const real = new Float32Array(n * 2);
  dataset.readBatch(spread(n, dataset.count), real);
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  const box = dataset.info.extent;
  if (box) [x0, x1, y0, y1] = [box.xMin, box.xMax, box.yMin, box.yMax];
  else
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, real[2 * i]);
      x1 = Math.max(x1, real[2 * i]);
      y0 = Math.min(y0, real[2 * i + 1]);
      y1 = Math.max(y1, real[2 * i + 1]);
    }
  // Square, so circles look round; the data's own box already has a margin.
  const half = Math.max(x1 - x0, y1 - y0, 1e-3) * (box ? 0.5 : 0.75);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { real, extent: [cx - half, cx + half, cy - half, cy + half] };
}

/**
 * The run's picture now: points and heatmap for 2-D data, the sample grid for images, nothing for
 * the Dirac-GAN (its picture is its (θ, ψ) path, which the step metrics already carry). `live`
 * tags an image grid drawn between epoch ends (the live grid shows it; the scrubber does not keep it).
 */
export async function pictureOf(t: Trainer, view: PointsView | null, live = false): Promise<WorkerEvent | null> {
  if (t.dataset.dim === 1) return null;
  if (t.dataset.dim === 2) {
    if (!view) return null;
    const fake = await t.generate(POINTS_SHOWN, t.config.seed + 1);
    const heatmap = await t.discriminatorMap(view.extent, HEATMAP_SIZE);
    return { type: 'points', step: t.step, epoch: t.epoch, real: view.real.slice(), fake, heatmap, gridSize: HEATMAP_SIZE, extent: view.extent };
  }
  const grid = imageGridRGBA(await t.fixedSamples(), t.dataset.info.shape, SAMPLE_GRID_SIDE);
  return { type: 'samples', step: t.step, epoch: t.epoch, ...grid, ...(live ? { live: true } : {}) };
}

/**
 * A conditional run's grid with every one of the 64 fixed noise vectors drawn as class `classIndex`
 * ("Generate class"): a live grid, tagged with its class, never kept for the scrubber or run files.
 */
export async function classGridOf(t: Trainer, classIndex: number): Promise<WorkerEvent> {
  const grid = imageGridRGBA(await t.fixedSamplesOfClass(classIndex), t.dataset.info.shape, SAMPLE_GRID_SIDE);
  return { type: 'samples', step: t.step, epoch: t.epoch, ...grid, live: true, classIndex };
}

/** A few real examples of a dataset for the picker: an image grid, points, or just the info. */
export function datasetPreviewOf(id: string, dataset: Dataset): Extract<WorkerEvent, { type: 'datasetPreview' }> {
  // 1-D sets (the Dirac-GAN) have no picture of their own: the info says it all.
  if (dataset.info.kind === 'points' && dataset.dim !== 2) return { type: 'datasetPreview', id, info: dataset.info };
  if (dataset.dim === 2) {
    const n = Math.min(PREVIEW_POINTS, dataset.count);
    const points = new Float32Array(n * 2);
    dataset.readBatch(spread(n, dataset.count), points);
    return { type: 'datasetPreview', id, info: dataset.info, points };
  }
  const n = Math.min(PREVIEW_SIDE * PREVIEW_SIDE, dataset.count);
  const images = new Float32Array(n * dataset.dim);
  dataset.readBatch(spread(n, dataset.count), images);
  return { type: 'datasetPreview', id, info: dataset.info, image: imageGridRGBA(images, dataset.info.shape, PREVIEW_SIDE) };
}
