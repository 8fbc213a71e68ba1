/** The datasets window's state: real examples per dataset, image uploads and drawings. */
import { workerText } from '../i18n/workerText';
import { t } from '../i18n/i18n';
import type { UploadTarget, WorkerEvent } from '../../worker/protocol';
import type { Slice, SliceContext } from './slice';

/** Real examples of a dataset, for the dataset panel. */
export type DatasetPreview = Extract<WorkerEvent, { type: 'datasetPreview' }>;

/** The image upload's progress and outcome (decoding happens in the worker). */
export interface UploadStatus {
  busy: boolean;
  fraction: number;
  message: string;
  result: Omit<Extract<WorkerEvent, { type: 'uploadResult' }>, 'type'> | null;
}
const UPLOAD_IDLE: UploadStatus = { busy: false, fraction: 0, message: '', result: null };

export interface DatasetsSlice {
  /** Dataset previews by id (the object is replaced when one arrives). */
  previews: Record<string, DatasetPreview>;
  upload: UploadStatus;
  /** Asks the worker for real examples of a dataset (once per id, unless `force`). */
  previewDataset(id: string, force?: boolean): void;
  /** Posts the File objects to the worker (never read here), which decodes them into 'upload'. */
  /** `paths`: each file's path from what was chosen or dropped (class folders label the set). */
  uploadImages(files: File[], target: UploadTarget, invert: boolean, paths?: string[]): void;
  /** Makes the drawing (x, y pairs) the dataset 'drawn' and resets the run onto it. */
  useDrawnPoints(points: Float32Array): void;
}

function without(previews: Record<string, DatasetPreview>, id: string): Record<string, DatasetPreview> {
  const { [id]: _dropped, ...rest } = previews;
  void _dropped;
  return rest;
}

export function createDatasetsSlice({ set, get, send }: SliceContext): Slice<DatasetsSlice> {
  // Previews asked for and not yet answered (so a hover does not ask twice).
  const asked = new Set<string>();
  return {
    state: {
      previews: {},
      upload: UPLOAD_IDLE,
      previewDataset(id, force = false) {
        if (!force && (get().previews[id] || asked.has(id))) return;
        asked.add(id);
        send({ type: 'previewDataset', id });
      },
      uploadImages(files, target, invert, paths) {
        set({ upload: { busy: true, fraction: 0, message: t('notices.sendingFiles', { n: files.length }), result: null } });
        send({ type: 'uploadImages', files, target, invert, ...(paths ? { paths } : {}) });
      },
      useDrawnPoints(points) {
        set({ progress: null });
        send({ type: 'useDrawnPoints', points });
      },
    },
    onEvent(ev) {
      switch (ev.type) {
        case 'ready':
          // A new drawing replaces the old one: forget its preview.
          if (ev.dataset.id === 'drawn' && get().previews.drawn) set((s) => ({ previews: without(s.previews, 'drawn') }));
          return;
        case 'progress':
          if (ev.stage === 'upload') set((s) => ({ upload: { ...s.upload, busy: true, fraction: ev.fraction ?? s.upload.fraction, message: workerText(ev) } }));
          return;
        case 'datasetPreview':
          asked.delete(ev.id);
          set((s) => ({ previews: { ...s.previews, [ev.id]: ev } }));
          return;
        case 'uploadResult': {
          const { type: _type, ...result } = ev;
          void _type;
          // A new upload replaces the old set: its preview must be asked for again.
          set((s) => ({ upload: { busy: false, fraction: 1, message: '', result }, previews: without(s.previews, 'upload') }));
          return;
        }
        case 'error':
          if (ev.source === 'uploadImages' && get().upload.busy) set((s) => ({ upload: { ...s.upload, busy: false } }));
          // The error does not say which preview failed: any may be asked for again.
          if (ev.source === 'previewDataset') asked.clear();
          return;
      }
    },
  };
}
