/**
 * The UI's state (zustand v5), composed of slices. The worker's events are folded in here;
 * components read small parts with selectors that return stable references (primitives, or
 * arrays/objects that are only replaced when their content changes) and call the actions, which
 * turn into `Command`s. A vanilla store made by `createAppStore(send)`, so it runs in Node unit
 * tests with a fake `send` and no worker.
 *
 * Adding a slice (say `runFiles.ts`):
 *   1. Write `createRunFilesSlice(ctx: SliceContext): Slice<RunFilesSlice>` (see slice.ts and a
 *      small one such as lab.ts): its fields and actions in `state`, events in `onEvent`, what a
 *      new run forgets in `onNewRun`.
 *   2. Add `RunFilesSlice` to `AppState` below.
 *   3. Create it in `createAppStore` and add it to `slices` (its place there is the order in which
 *      it sees events; the end is right unless it must act before another slice).
 *   4. Test it in Node with a fake `send`, as store.test.ts does.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { WorkerEvent } from '../../worker/protocol';
import { createChartsSlice } from './charts';
import type { ChartsSlice } from './charts';
import { createConfirmResetSlice } from './confirmReset';
import type { ConfirmResetSlice } from './confirmReset';
import { createDatasetsSlice } from './datasets';
import type { DatasetsSlice } from './datasets';
import { createErrorsSlice } from './errors';
import type { ErrorsSlice } from './errors';
import { createExportsSlice } from './exports';
import type { ExportsSlice } from './exports';
import { createFramesSlice } from './frames';
import type { FramesSlice } from './frames';
import { createLabSlice } from './lab';
import type { LabSlice } from './lab';
import { createLiveSlice } from './live';
import type { LiveSlice } from './live';
import { createRunSlice } from './run';
import type { RunSlice } from './run';
import type { Send, Slice, SliceContext, StoreOptions } from './slice';
import { createBaselinesSlice } from './baselines';
import type { BaselinesSlice } from './baselines';
import { createStartupSlice } from './startup';
import { createDiagnosticsSlice } from './diagnostics';
import type { DiagnosticsSlice } from './diagnostics';
import { createTwinSlice, isTwinEvent } from './twin';
import type { TwinSlice } from './twin';
import type { StartupSlice } from './startup';
import { createLatentSlice } from './latent';
import type { LatentSlice } from './latent';
import { createLatentVideoSlice } from './latentVideo';
import type { LatentVideoSlice } from './latentVideo';

export type { AppError } from './errors';
export type { Send, StoreOptions } from './slice';

export type AppState = StartupSlice &
  RunSlice &
  LiveSlice &
  ChartsSlice &
  FramesSlice &
  LabSlice &
  DatasetsSlice &
  ErrorsSlice &
  ConfirmResetSlice &
  TwinSlice &
  BaselinesSlice &
  ExportsSlice &
  DiagnosticsSlice &
  LatentSlice &
  LatentVideoSlice & {
    /** Folds one worker event into the state (each slice in turn). */
    handleEvent(ev: WorkerEvent): void;
  };

export type AppStore = StoreApi<AppState>;

export function createAppStore(send: Send, options: StoreOptions = {}): AppStore {
  return createStore<AppState>()((set, get) => {
    let slices: Slice<object>[] = [];
    const ctx: SliceContext = {
      set,
      get,
      send,
      options,
      newRun: () => slices.forEach((s) => s.onNewRun?.()),
      pushError: (...args) => errors.push(...args),
    };
    const errors = createErrorsSlice(ctx);
    const startup = createStartupSlice(ctx);
    const run = createRunSlice(ctx);
    const live = createLiveSlice(ctx);
    const charts = createChartsSlice(ctx);
    const frames = createFramesSlice(ctx);
    const lab = createLabSlice(ctx);
    const datasets = createDatasetsSlice(ctx);
    const confirmReset = createConfirmResetSlice(ctx);
    const twin = createTwinSlice(ctx);
    const baselines = createBaselinesSlice(ctx);
    const exportsSlice = createExportsSlice(ctx);
    const diagnostics = createDiagnosticsSlice(ctx);
    const latent = createLatentSlice(ctx);
    const latentVideo = createLatentVideoSlice(ctx);
    // Event order: errors are shown before start-up may retry; charts see a metrics batch (and
    // may start a new run) before the run slice takes its step and speed from it.
    slices = [errors, startup, charts, run, live, frames, lab, datasets, confirmReset, exportsSlice, twin, baselines, diagnostics, latent, latentVideo];
    // Twin run B's events reach only the slices that keep B's views (docs/twin-runs.md).
    const twinSlices = [charts, twin];

    return {
      ...errors.state,
      ...startup.state,
      ...run.state,
      ...live.state,
      ...charts.state,
      ...frames.state,
      ...lab.state,
      ...datasets.state,
      ...confirmReset.state,
      ...twin.state,
      ...baselines.state,
      ...exportsSlice.state,
      ...diagnostics.state,
      ...latent.state,
      ...latentVideo.state,
      handleEvent(ev) {
        for (const s of isTwinEvent(ev) ? twinSlices : slices) s.onEvent?.(ev);
      },
    };
  });
}
