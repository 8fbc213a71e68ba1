/**
 * The latent explorer's state (docs/latent-explorer.md): which grid samples are selected, the
 * interpolation strip, the looping walk, the explored sample with its nudges, and a GIF being
 * encoded. The worker draws the frames a few at a time (latentFrames events); a strip fills in as
 * they come, and a newer request of the same kind keeps the older frames until it replaces them.
 */
import type { LatentKind, LatentRequest } from '../../worker/latentProtocol';
import type { TimelapseFrame, WorkerEvent } from '../../worker/protocol';
import type { Slice, SliceContext } from './slice';

/** Frames from one request: `frames[i]` is undefined until it arrives. */
export interface LatentStrip {
  id: number;
  kind: LatentKind;
  total: number;
  width: number;
  height: number;
  frames: (Uint8ClampedArray | undefined)[];
  /** The run's step of the newest frame. */
  step: number;
  /** True once every frame of the newest request has arrived. */
  complete: boolean;
  /** What went wrong, in the worker's words. */
  error?: string;
  /** A class-embedding strip's classes a → b (same z); absent for a strip along z. */
  classPair?: [number, number];
}

export interface LatentExplore {
  index: number;
  nudges: number[];
  /** A conditional run: the class the sample is drawn as (its grid class, or the Generate class shown). */
  classIndex?: number;
  strip: LatentStrip | null;
}

export type LatentGifTarget = 'interpolate' | 'walk';

export interface LatentGifStatus {
  target: LatentGifTarget;
  fraction: number;
  error?: string;
}

export const INTERPOLATION_FRAMES = 10;
/** The walk: 4 great-circle legs of 16 frames, about 8 s a loop at 8 frames a second. */
export const WALK = { stops: 4, framesPerLeg: 16 } as const;
export const NUDGE_DIRECTIONS = 3;
export const LATENT_GIF = { interpolateDelayMs: 150, walkDelayMs: 120, scale: 4 } as const;

/** What a conditional run's strip walks: z between two samples, or one sample's class embedding from class a to b. */
export type LatentAlong = 'z' | 'class';

/** The class pair a class-embedding strip starts with: "3 → 8" where a set has those classes. */
export function defaultClassPair(classes: number): [number, number] {
  return classes > 8 ? [3, 8] : [0, Math.max(0, classes - 1)];
}

export interface LatentSlice {
  /** Grid samples picked for an interpolation, oldest first (at most two). */
  latentSelected: number[];
  latentStrip: LatentStrip | null;
  latentWalk: LatentStrip | null;
  latentExplore: LatentExplore | null;
  latentGif: LatentGifStatus | null;
  /** A conditional run's strip: along z (each end keeps its sample's class) or along the class embedding. */
  latentAlong: LatentAlong;
  /** The class embedding strip's classes a → b; null until chosen (defaultClassPair). */
  latentClassPair: [number, number] | null;
  /** The conditional walk's class; null until chosen (then the newest pick's class, or 0). */
  latentWalkClass: number | null;
  setLatentAlong(along: LatentAlong): void;
  /** Sets class a (end 0) or class b (end 1) of the class embedding strip. */
  setLatentClassEnd(end: 0 | 1, classIndex: number): void;
  /** Sets the walk's class, and redraws a walk that is on. */
  setLatentWalkClass(classIndex: number): void;
  /** Selects a grid sample, or unselects it; a third selection drops the oldest. */
  toggleLatentSample(index: number): void;
  clearLatentSelection(): void;
  /** Slerp from the first selected sample to the second; or, along the class, the newest pick from class a to b. */
  interpolate(): void;
  closeInterpolation(): void;
  /** Starts the walk, or draws it again from the current weights (same path). */
  walk(): void;
  stopWalk(): void;
  explore(index: number): void;
  nudge(direction: number, value: number): void;
  closeExplore(): void;
  exportLatentGif(target: LatentGifTarget): void;
}

/** The explorer with nothing picked or drawn: a new app, and every new run. */
const NO_LATENT = {
  latentSelected: [],
  latentStrip: null,
  latentWalk: null,
  latentExplore: null,
  latentGif: null,
  latentAlong: 'z',
  latentClassPair: null,
  latentWalkClass: null,
} as const satisfies Partial<LatentSlice>;

export function createLatentSlice({ set, get, send, options }: SliceContext): Slice<LatentSlice> {
  let nextId = 1;
  // The explore view asks again only once its newest request has answered (slider drags).
  let exploreBusy = false;
  let exploreAgain = false;
  let gifId = 0;

  const request = (req: LatentRequest): number => {
    const id = nextId++;
    send({ type: 'latentFrames', id, request: req });
    return id;
  };
  /** A strip for a new request: the previous one's frames stay up until new ones replace them. */
  const fresh = (id: number, kind: LatentKind, total: number, old: LatentStrip | null): LatentStrip => ({
    id,
    kind,
    total,
    width: old?.total === total ? old.width : 0,
    height: old?.total === total ? old.height : 0,
    frames: old?.total === total ? old.frames.slice() : new Array(total).fill(undefined),
    step: old?.step ?? 0,
    complete: false,
  });
  /** A conditional run's class count (0 when unconditional): the store knows the grid's classes from `ready`. */
  const classCount = () => (get().sampleClasses ? (get().dataset?.classNames?.length ?? 0) : 0);
  /** A picked sample's class: the one every sample is drawn as under Generate class, else its row's. */
  const classOfSample = (i: number): number | undefined => {
    const s = get();
    if (!s.sampleClasses) return undefined;
    return s.gridClass ?? s.sampleClasses[i];
  };
  const sendExplore = () => {
    const ex = get().latentExplore;
    if (!ex) return;
    exploreBusy = true;
    exploreAgain = false;
    const id = request({ kind: 'explore', index: ex.index, nudges: ex.nudges, ...(ex.classIndex !== undefined ? { classIndex: ex.classIndex } : {}) });
    set({ latentExplore: { ...ex, strip: fresh(id, 'explore', 1, ex.strip) } });
  };
  const addFrames = (strip: LatentStrip | null, ev: Extract<WorkerEvent, { type: 'latentFrames' }>) => {
    if (!strip || strip.id !== ev.id) return null;
    const size = ev.width * ev.height * 4;
    const frames = strip.frames.slice();
    for (let i = 0; i * size < ev.pixels.length; i++) frames[ev.offset + i] = ev.pixels.subarray(i * size, (i + 1) * size);
    const complete = ev.offset + ev.pixels.length / size >= ev.total;
    return { ...strip, width: ev.width, height: ev.height, frames, step: ev.step, complete, error: undefined };
  };
  const failed = (strip: LatentStrip | null, message: string) => (strip && !strip.complete ? { ...strip, error: message, complete: true } : strip);

  return {
    state: {
      ...NO_LATENT,
      setLatentAlong(along) {
        set({ latentAlong: along });
      },
      setLatentClassEnd(end, classIndex) {
        const pair: [number, number] = [...(get().latentClassPair ?? defaultClassPair(classCount()))];
        pair[end] = classIndex;
        set({ latentClassPair: pair });
      },
      setLatentWalkClass(classIndex) {
        set({ latentWalkClass: classIndex });
        if (get().latentWalk) get().walk();
      },
      toggleLatentSample(index) {
        const sel = get().latentSelected;
        set({ latentSelected: sel.includes(index) ? sel.filter((i) => i !== index) : [...sel, index].slice(-2) });
      },
      clearLatentSelection() {
        set({ latentSelected: [] });
      },
      interpolate() {
        const s = get();
        const [from, to] = s.latentSelected;
        let req: LatentRequest;
        if (classCount() && s.latentAlong === 'class') {
          // The newest pick's z, its class embedding walked from a to b.
          const index = s.latentSelected[s.latentSelected.length - 1];
          if (index === undefined) return;
          req = { kind: 'interpolate', along: 'class', index, frames: INTERPOLATION_FRAMES, classes: s.latentClassPair ?? defaultClassPair(classCount()) };
        } else {
          if (from === undefined || to === undefined) return;
          const a = classOfSample(from);
          const b = classOfSample(to);
          req = {
            kind: 'interpolate',
            from,
            to,
            frames: INTERPOLATION_FRAMES,
            ...(a !== undefined && b !== undefined ? { classes: [a, b] as [number, number] } : {}),
          };
        }
        const id = request(req);
        const strip = fresh(id, 'interpolate', INTERPOLATION_FRAMES, null);
        set({ latentStrip: req.along === 'class' ? { ...strip, classPair: req.classes } : strip });
      },
      closeInterpolation() {
        send({ type: 'latentStop', kind: 'interpolate' });
        set({ latentStrip: null });
      },
      walk() {
        // One path per run (its seed), so each redraw shows the same journey with newer weights.
        const seed = ((get().config?.seed ?? 0) + 1) % 2 ** 31;
        const classIndex = classCount() ? (get().latentWalkClass ?? latentWalkClassDefault(get())) : undefined;
        const id = request({ kind: 'walk', seed, ...WALK, ...(classIndex !== undefined ? { classIndex } : {}) });
        set((s) => ({ latentWalk: fresh(id, 'walk', WALK.stops * WALK.framesPerLeg, s.latentWalk) }));
      },
      stopWalk() {
        send({ type: 'latentStop', kind: 'walk' });
        set({ latentWalk: null });
      },
      explore(index) {
        exploreBusy = false;
        const classIndex = classOfSample(index);
        set({ latentExplore: { index, nudges: new Array(NUDGE_DIRECTIONS).fill(0), strip: null, ...(classIndex !== undefined ? { classIndex } : {}) } });
        sendExplore();
      },
      nudge(direction, value) {
        const ex = get().latentExplore;
        if (!ex || direction < 0 || direction >= ex.nudges.length) return;
        const nudges = ex.nudges.slice();
        nudges[direction] = Math.max(-1, Math.min(1, value));
        set({ latentExplore: { ...ex, nudges } });
        if (exploreBusy) exploreAgain = true;
        else sendExplore();
      },
      closeExplore() {
        send({ type: 'latentStop', kind: 'explore' });
        exploreBusy = false;
        set({ latentExplore: null });
      },
      exportLatentGif(target) {
        const strip = target === 'walk' ? get().latentWalk : get().latentStrip;
        if (!strip || !strip.frames.every((f) => f)) return;
        const frames: TimelapseFrame[] = strip.frames.map((f) => ({ width: strip.width, height: strip.height, pixels: new Uint8ClampedArray(f!) }));
        const delayMs = target === 'walk' ? LATENT_GIF.walkDelayMs : LATENT_GIF.interpolateDelayMs;
        gifId = nextId++;
        set({ latentGif: { target, fraction: 0 } });
        send({ type: 'latentGif', id: gifId, frames, delayMs, scale: LATENT_GIF.scale });
      },
    },
    onNewRun() {
      exploreBusy = false;
      set(NO_LATENT);
    },
    onEvent(ev) {
      switch (ev.type) {
        case 'latentFrames': {
          const s = get();
          if (ev.kind === 'interpolate') {
            const strip = addFrames(s.latentStrip, ev);
            if (strip) set({ latentStrip: strip });
          } else if (ev.kind === 'walk') {
            const strip = addFrames(s.latentWalk, ev);
            if (strip) set({ latentWalk: strip });
          } else if (s.latentExplore) {
            const strip = addFrames(s.latentExplore.strip, ev);
            if (!strip) return;
            set({ latentExplore: { ...s.latentExplore, strip } });
            exploreBusy = false;
            if (exploreAgain) sendExplore();
          }
          return;
        }
        case 'latentGifProgress':
          if (ev.id === gifId && get().latentGif) set((s) => ({ latentGif: { ...s.latentGif!, fraction: ev.fraction } }));
          return;
        case 'latentGif': {
          const status = get().latentGif;
          if (ev.id !== gifId || !status) return;
          set({ latentGif: null });
          const strip = status.target === 'walk' ? get().latentWalk : get().latentStrip;
          options.onExportFile?.({ name: latentGifName(get().config, strip?.step ?? 0, status.target), mime: 'image/gif', bytes: ev.bytes });
          return;
        }
        case 'error':
          if (ev.source === 'latentFrames') {
            const s = get();
            exploreBusy = false;
            set({
              latentStrip: failed(s.latentStrip, ev.message),
              latentWalk: failed(s.latentWalk, ev.message),
              latentExplore: s.latentExplore && { ...s.latentExplore, strip: failed(s.latentExplore.strip, ev.message) },
            });
          } else if (ev.source === 'latentGif' && get().latentGif) set((s) => ({ latentGif: { ...s.latentGif!, error: ev.message } }));
          return;
      }
    },
  };
}

/** The walk's class before one is chosen: the newest pick's (its row, or the Generate class shown), else 0. */
export function latentWalkClassDefault(s: { latentSelected: number[]; sampleClasses: number[] | null; gridClass: number | null }): number {
  const newest = s.latentSelected[s.latentSelected.length - 1];
  if (s.gridClass !== null) return s.gridClass;
  return newest !== undefined && s.sampleClasses ? s.sampleClasses[newest] : 0;
}

/** e.g. "mnist-dcgan28-step4200-walk.gif". */
export function latentGifName(config: { dataset: string; model: string } | null, step: number, target: LatentGifTarget): string {
  const safe = (x: string) => x.replace(/[^A-Za-z0-9._-]+/g, '_');
  const base = config ? `${safe(config.dataset)}-${safe(config.model)}` : 'gan';
  return `${base}-step${Math.round(step)}-${target === 'walk' ? 'walk' : 'interpolation'}.gif`;
}
