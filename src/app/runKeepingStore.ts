/**
 * The app's share of Save run / Open run / autosave: the Recent runs list, the resume offer shown
 * once at page open, the storage note and what is in flight. A small vanilla zustand store of its
 * own (the main store does not need any of it), fed the same worker events.
 */
import { workerText } from './i18n/workerText';
import { t } from './i18n/i18n';
import { CHECKPOINT_NAME } from './workerRecovery';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Command, RecentRunInfo, RunTarget, WorkerEvent } from '../worker/protocol';

export interface KeepingState {
  /** Autosaved runs, newest first; null until the worker has listed them. */
  recent: RecentRunInfo[] | null;
  /** The run offered for resuming at page open, until Resume or Start fresh. */
  offer: RecentRunInfo | null;
  /** Why runs are not autosaved here (no IndexedDB, full quota), shown once. */
  storageNote: string | null;
  busy: 'saving' | 'opening' | null;
  /** The run just opened (the page words it: "Opened ring8-mlp2d-step4200.ganrun at step 4,200."). */
  opened: OpenedRun | null;
  dialogOpen: boolean;

  /** `run`: one run of a twin alone (absent: the run, or both runs of a twin in one file). */
  saveRun(run?: RunTarget): void;
  /** Reads the file here (a File's bytes) and hands them to the worker to check and open. */
  openFile(file: Blob & { name: string }): Promise<void>;
  openRecent(id: string): void;
  deleteRecent(id: string): void;
  listRecent(): void;
  resume(): void;
  startFresh(): void;
  showRecent(open: boolean): void;
  dismissStorageNote(): void;
  handleEvent(ev: WorkerEvent): void;
}

export type KeepingStore = StoreApi<KeepingState>;

export function createKeepingStore(send: (cmd: Command) => void, download: (name: string, bytes: ArrayBuffer) => void): KeepingStore {
  let listedAtStart = false;
  let offerDecided = false;
  return createStore<KeepingState>()((set, get) => ({
    recent: null,
    offer: null,
    storageNote: null,
    busy: null,
    opened: null,
    dialogOpen: false,

    saveRun(run) {
      set({ busy: 'saving' });
      send(run ? { type: 'saveRun', run } : { type: 'saveRun' });
    },
    async openFile(file) {
      set({ busy: 'opening', offer: null, opened: null });
      offerDecided = true;
      let bytes: ArrayBuffer;
      try {
        bytes = await file.arrayBuffer();
      } catch (e) {
        set({ busy: null });
        throw e;
      }
      send({ type: 'openRun', bytes, name: file.name });
    },
    openRecent(id) {
      set({ busy: 'opening', offer: null, opened: null, dialogOpen: false });
      offerDecided = true;
      send({ type: 'openRecent', id });
    },
    deleteRecent(id) {
      if (get().offer?.id === id) set({ offer: null });
      send({ type: 'deleteRecent', id });
    },
    listRecent() {
      send({ type: 'listRecent' });
    },
    resume() {
      const offer = get().offer;
      if (offer) get().openRecent(offer.id);
    },
    startFresh() {
      offerDecided = true;
      set({ offer: null });
    },
    showRecent(open) {
      set({ dialogOpen: open });
      if (open) send({ type: 'listRecent' });
    },
    dismissStorageNote() {
      set({ storageNote: null });
    },

    handleEvent(ev) {
      switch (ev.type) {
        case 'ready':
          // The first run is up: is there a saved one to offer instead?
          if (!listedAtStart) {
            listedAtStart = true;
            send({ type: 'listRecent' });
          }
          return;
        case 'recentRuns': {
          const first = ev.runs[0];
          if (!offerDecided) {
            offerDecided = true;
            set({ recent: ev.runs, offer: first && first.step > 0 ? first : null });
            return;
          }
          set((s) => ({ recent: ev.runs, offer: s.offer && ev.runs.some((r) => r.id === s.offer?.id) ? s.offer : null }));
          return;
        }
        case 'state':
          // Training the fresh run is a choice too: the offer would now replace it.
          if (ev.running && get().offer) set({ offer: null });
          if (ev.running) offerDecided = true;
          return;
        case 'runFile':
          download(ev.name, ev.bytes);
          set({ busy: null });
          return;
        case 'runOpened':
          set({ busy: null, offer: null, opened: { from: ev.from, name: ev.name, dataset: ev.dataset, step: ev.step } });
          return;
        case 'storageNote':
          set({ storageNote: workerText(ev) });
          return;
        case 'error':
          if (ev.code === 'bad-run-file' || ev.source === 'saveRun' || ev.source === 'openRun' || ev.source === 'openRecent') set({ busy: null });
          return;
        default:
          return;
      }
    },
  }));
}

/** "just now", "2 minutes ago", "3 hours ago", "5 days ago". */
/** A run just opened: from a file (its name) or from the Recent runs list (its dataset). */
export interface OpenedRun {
  from: 'file' | 'recent';
  name: string;
  dataset: string;
  step: number;
}

/** "Opened ring8-mlp2d-step4200.ganrun at step 4,200." in the page's language. */
/** What was opened: a file by its name, the worker's last checkpoint after a restart, or a saved run by its dataset's id. */
export function openedLabel(o: OpenedRun): string {
  if (o.from === 'file' && o.name === CHECKPOINT_NAME) return t('runFiles.openedCheckpoint', { step: o.step });
  if (o.from === 'file') return t('runFiles.openedFile', { name: o.name, step: o.step });
  return t('runFiles.openedRecent', { dataset: o.dataset, step: o.step });
}

export function timeAgo(savedAt: number, now: number): string {
  const s = Math.max(0, (now - savedAt) / 1000);
  if (s < 45) return t('time.justNow');
  const minutes = Math.max(1, Math.round(s / 60));
  if (minutes < 60) return t('time.minutesAgo', { n: minutes });
  const hours = Math.round(s / 3600);
  if (hours < 24) return t('time.hoursAgo', { n: hours });
  return t('time.daysAgo', { n: Math.round(s / 86_400) });
}

/** "Resume the ring8 run from step 4,200 (saved 2 minutes ago)". */
export function resumeLabel(run: RecentRunInfo, now: number): string {
  return t('resume.resume', { dataset: run.dataset, step: run.step, ago: timeAgo(run.savedAt, now) });
}
