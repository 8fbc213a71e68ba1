/**
 * The latent walk's WebM export (docs/latent-explorer.md, "WebM"): the walk's frames go to the
 * worker, which encodes them with WebCodecs and answers with progress (frames encoded of the
 * total) and the file; Cancel stops it. Where this browser has no `VideoEncoder`, the button is
 * off with the reason and the GIF stays (`webmSupported`).
 */
import type { TimelapseFrame } from '../../worker/protocol';
import { workerText } from '../i18n/workerText';
import { latentGifName } from './latent';
import type { Slice, SliceContext } from './slice';

/** The walk plays at 8 frames a second (LatentWalk.tsx); the video keeps its pace. */
export const WEBM_FPS = 8;
/** Each picture pixel becomes 4×4 video pixels, as in the GIF: a 28×28 walk is a 112×112 video. */
export const WEBM_SCALE = 4;

export interface LatentWebmStatus {
  id: number;
  encoded: number;
  total: number;
  error?: string;
}

export interface LatentVideoSlice {
  /** The WebM being encoded (or the reason it failed); null when none. */
  latentWebm: LatentWebmStatus | null;
  /** Sends the complete walk's frames to be encoded as a WebM. */
  exportLatentWebm(): void;
  /** Stops the WebM being encoded; nothing is downloaded. */
  cancelLatentWebm(): void;
}

/** Whether this page can encode video: WebCodecs' VideoEncoder (the worker checks its own too). */
export function webmSupported(scope: object = globalThis): boolean {
  return typeof (scope as { VideoEncoder?: unknown }).VideoEncoder === 'function';
}

/** e.g. "mnist-dcgan28-step4200-walk.webm". */
export function latentWebmName(config: { dataset: string; model: string } | null, step: number): string {
  return latentGifName(config, step, 'walk').replace(/\.gif$/, '.webm');
}

export function createLatentVideoSlice({ set, get, send, options }: SliceContext): Slice<LatentVideoSlice> {
  // Ids apart from the other latent requests' (they only need to differ from each other).
  let nextId = 1;
  return {
    state: {
      latentWebm: null,
      exportLatentWebm() {
        const walk = get().latentWalk;
        const busy = get().latentWebm;
        if (!walk || !walk.frames.every((f) => f) || (busy && !busy.error)) return;
        const frames: TimelapseFrame[] = walk.frames.map((f) => ({ width: walk.width, height: walk.height, pixels: new Uint8ClampedArray(f!) }));
        const id = nextId++;
        set({ latentWebm: { id, encoded: 0, total: frames.length } });
        send({ type: 'latentWebm', id, frames, fps: WEBM_FPS, scale: WEBM_SCALE });
      },
      cancelLatentWebm() {
        const status = get().latentWebm;
        if (!status) return;
        if (!status.error) send({ type: 'latentWebmCancel', id: status.id });
        set({ latentWebm: null });
      },
    },
    onNewRun() {
      const status = get().latentWebm;
      if (status && !status.error) send({ type: 'latentWebmCancel', id: status.id });
      set({ latentWebm: null });
    },
    onEvent(ev) {
      const status = get().latentWebm;
      if (ev.type === 'latentWebmProgress') {
        if (status?.id === ev.id && !status.error) set({ latentWebm: { ...status, encoded: ev.encoded, total: ev.total } });
      } else if (ev.type === 'latentWebm') {
        if (status?.id !== ev.id) return;
        set({ latentWebm: null });
        options.onExportFile?.({ name: latentWebmName(get().config, get().latentWalk?.step ?? 0), mime: 'video/webm', bytes: ev.bytes });
      } else if (ev.type === 'error' && ev.source === 'latentWebm' && status && !status.error) {
        // The worker's reason in the page's language (worded: no WebCodecs here, or why encoding failed).
        set({ latentWebm: { ...status, error: workerText(ev) } });
      }
    },
  };
}
