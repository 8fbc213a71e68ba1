/** The pictures of the run: sample grids for the epoch scrubber, and the 2-D points view. */
import type { WorkerEvent } from '../../worker/protocol';
import type { Slice, SliceContext } from './slice';

export interface SampleFrame {
  step: number;
  epoch: number;
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
  /** Every sample drawn as this class ("Generate class", a conditional run's live grid only). */
  classIndex?: number;
}

export type PointsFrame = Extract<WorkerEvent, { type: 'points' }>;

/** Grids kept for the epoch scrubber; older ones are thinned out evenly past this. */
export const MAX_SAMPLE_FRAMES = 120;

export interface FramesSlice {
  samples: SampleFrame[];
  /**
   * The newest grid drawn between epoch ends (the worker refreshes the live grid every few
   * seconds); not kept for the scrubber, and cleared when the next epoch's grid arrives.
   */
  liveSample: SampleFrame | null;
  points: PointsFrame | null;
  /** One 2-D picture per epoch (like `samples`), for the points timelapse. */
  pointFrames: PointsFrame[];
  /** A conditional run's grid classes, one per sample (row r is class sampleClasses[r·8]); null when unconditional. */
  sampleClasses: number[] | null;
  /** "Generate class": the class the live grid draws, or null for all classes (docs/conditional.md). */
  gridClass: number | null;
  setGridClass(classIndex: number | null): void;
}

export function createFramesSlice({ set, send }: SliceContext): Slice<FramesSlice> {
  return {
    state: {
      samples: [],
      liveSample: null,
      points: null,
      pointFrames: [],
      sampleClasses: null,
      gridClass: null,
      setGridClass(classIndex) {
        set({ gridClass: classIndex });
        send({ type: 'classGrid', classIndex });
      },
    },
    onNewRun() {
      // The worker's new run draws all classes again.
      set({ samples: [], liveSample: null, points: null, pointFrames: [], gridClass: null });
    },
    onEvent(ev) {
      // A class the worker refused (out of range, malformed): the grid keeps all classes; the error says why.
      if (ev.type === 'error' && ev.source === 'classGrid') set({ gridClass: null });
      else if (ev.type === 'ready') set({ sampleClasses: ev.sampleClasses ?? null });
      else if (ev.type === 'samples') {
        const frame: SampleFrame = { step: ev.step, epoch: ev.epoch, width: ev.width, height: ev.height, pixels: ev.pixels };
        if (ev.classIndex !== undefined) frame.classIndex = ev.classIndex;
        if (ev.live) set({ liveSample: frame });
        else set((s) => ({ samples: addFrame(s.samples, frame), liveSample: null }));
      } else if (ev.type === 'points') set((s) => ({ points: ev, pointFrames: addFrame(s.pointFrames, ev) }));
    },
  };
}

/**
 * Adds a grid to the scrubber's history: one frame per epoch (a newer grid of the same epoch,
 * e.g. drawn on demand while paused, replaces it); past MAX_SAMPLE_FRAMES, every other old frame
 * goes, so the scrubber still spans the whole run.
 */
export function addFrame<F extends { step: number; epoch: number }>(frames: F[], frame: F, max = MAX_SAMPLE_FRAMES): F[] {
  const last = frames[frames.length - 1];
  if (last && frame.step < last.step)
    frames = []; // a new run
  else if (last && last.epoch === frame.epoch) frames = frames.slice(0, -1);
  let out = [...frames, frame];
  if (out.length > max) {
    const half = Math.floor(out.length / 2);
    out = [...out.slice(0, half).filter((_, i) => i % 2 === 0), ...out.slice(half)];
  }
  return out;
}
