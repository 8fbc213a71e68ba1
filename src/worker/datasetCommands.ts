/**
 * The commands that bring data in — a dataset preview, the user's drawing, uploaded images — apart
 * from the session's dispatch. Previews and uploads run beside training; a drawing starts a run on it.
 */
import { errorEvent, worded } from './wording';
import { makeDrawnPointsSource } from '../core/data/drawnPoints';
import type { DatasetSource } from '../core/data/types';
import type { createDatasetCatalogue } from './datasetCatalogue';
import { buildUploadSource, type ImageDecoder } from './imageUploads';
import { datasetPreviewOf } from './pictures';
import type { Command, ErrorCode, ErrorSource, WorkerEvent } from './protocol';

export interface DatasetCommandDeps {
  catalogue: ReturnType<typeof createDatasetCatalogue>;
  post(ev: WorkerEvent): void;
  fail(source: ErrorSource, code: ErrorCode, message: string): void;
  decodeImage: ImageDecoder;
  /** Stops training and builds a run on the drawing (its dataset is in the catalogue by then). */
  trainOnDrawing(datasetId: string, points: Float32Array): Promise<void>;
}

export function createDatasetCommands({ catalogue, post, fail, decodeImage, trainOnDrawing }: DatasetCommandDeps) {
  async function previewDataset(id: string): Promise<void> {
    if (!catalogue.infoOf(id)) return fail('previewDataset', 'bad-message', `previewDataset: unknown dataset "${id}"`); // a page bug, not the user's
    try {
      post(datasetPreviewOf(id, await catalogue.loadForPreview(id)));
    } catch (e) {
      const detail = (e as Error).message;
      post(errorEvent('previewDataset', 'dataset-failed', worded('datasetFailed', { id, detail }, `Could not load dataset ${id}: ${detail}`)));
    }
  }

  async function useDrawnPoints(points: Float32Array): Promise<void> {
    let source: DatasetSource;
    try {
      source = makeDrawnPointsSource(points);
    } catch (e) {
      const detail = (e as Error).message;
      return post(errorEvent('useDrawnPoints', 'bad-config', worded('badDrawing', { detail }, `Your drawing cannot be used: ${detail}`)));
    }
    catalogue.addCustom(source);
    await trainOnDrawing(source.info.id, points);
  }

  async function uploadImages(cmd: Extract<Command, { type: 'uploadImages' }>): Promise<void> {
    const n = cmd.files.length;
    post({ type: 'progress', stage: 'upload', ...worded('readingFiles', { n }, `Reading ${n} files…`), fraction: 0 });
    const outcome = await buildUploadSource(cmd.files, cmd.target, decodeImage, {
      invert: cmd.invert,
      paths: cmd.paths,
      onProgress: (done, total) => {
        if (done % 25 === 0 || done === total)
          post({ type: 'progress', stage: 'upload', ...worded('decodedFiles', { done, total }, `Decoded ${done} of ${total} files…`), fraction: done / total });
      },
    });
    if (outcome.source) catalogue.addCustom(outcome.source);
    post({ type: 'uploadResult', dataset: outcome.source?.info ?? null, accepted: outcome.accepted, skipped: outcome.skipped, capped: outcome.capped });
    if (!outcome.source)
      post(
        errorEvent(
          'uploadImages',
          'bad-upload',
          n === 0 ? worded('noFiles', {}, 'No files were given.') : worded('noImages', { n }, `None of the ${n} files could be used as an image.`),
        ),
      );
  }

  return { previewDataset, useDrawnPoints, uploadImages };
}
