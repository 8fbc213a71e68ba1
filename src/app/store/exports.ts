/**
 * The Export menu's worker-built files (timelapse GIF, TF.js model): the request, its progress,
 * its failure, and the finished bytes handed to `options.onExportFile` (the download).
 */
import { workerText } from '../i18n/workerText';
import { t } from '../i18n/i18n';
import type { TimelapseFrame } from '../../worker/protocol';
import { exportFileName, type ExportStatus } from '../lib/exports';
import type { Slice, SliceContext } from './slice';

export interface ExportsSlice {
  /** The worker-built export in progress, or its failure; null when none. */
  exportStatus: ExportStatus | null;
  exportModel(): void;
  exportTimelapse(frames: TimelapseFrame[], scale: number): void;
}

export function createExportsSlice({ set, get, send, options }: SliceContext): Slice<ExportsSlice> {
  return {
    state: {
      exportStatus: null,
      exportModel() {
        set({ exportStatus: { kind: 'model', fraction: 0, message: t('exports.starting') } });
        send({ type: 'exportModel' });
      },
      exportTimelapse(frames, scale) {
        set({ exportStatus: { kind: 'timelapse', fraction: 0, message: t('exports.sendingPictures') } });
        send({ type: 'encodeTimelapse', frames, scale });
      },
    },
    onEvent(ev) {
      if (ev.type === 'exportProgress') set({ exportStatus: { kind: ev.kind, fraction: ev.fraction, message: workerText(ev) } });
      else if (ev.type === 'exportFile') {
        set({ exportStatus: null });
        options.onExportFile?.({ name: exportFileName(ev.kind, get().config, ev.step), mime: ev.mime, bytes: ev.bytes });
      } else if (ev.type === 'error' && (ev.source === 'exportModel' || ev.source === 'encodeTimelapse')) {
        // The errors slice lists it too; here it ends the progress and shows beside the buttons.
        set({ exportStatus: { kind: ev.source === 'exportModel' ? 'model' : 'timelapse', fraction: 0, message: '', error: workerText(ev) } });
      }
    },
  };
}
