/**
 * The user's own images: drop files or folders, or pick them. The File objects go to the worker
 * untouched (their bytes are never read on the main thread); it sniffs, decodes, centre-crops and
 * resizes them and answers with what it accepted and why it skipped the rest. Each file's path
 * goes with it: a folder of class folders is a labelled set, one class per folder (docs/conditional.md).
 * Training goes on meanwhile; "Train on these images" then switches the run (asking first).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DragEvent } from 'react';
import type { UploadTarget } from '../../../worker/protocol';
import { MAX_IMAGES, MAX_UPLOAD_CLASSES, skipReasonCounts, skipReasonText, uploadCapsText, uploadResultLine } from '../../lib/datasets';
import { collectDroppedFiles, pathOfFile } from '../../lib/droppedFiles';
import { useApp, useAppStore } from '../../storeContext';
import { DatasetPreview } from './DatasetPreview';
import { datasetDescription } from '../../lib/displayNames';

/** The targets in order; each one's name is upload.<target> in the catalogues. */
const TARGETS: UploadTarget[] = ['grey28', 'rgb32'];
/** Skipped files listed one by one; the rest are summarised by reason. */
const SKIPPED_LISTED = 100;

export interface ImageUploadProps {
  /** Switches the run to the uploaded set (the caller asks first when a run would be lost). */
  onTrain(): void;
}

export function ImageUpload({ onTrain }: ImageUploadProps) {
  const { t } = useTranslation();
  const store = useAppStore();
  const upload = useApp((s) => s.upload);
  const uploadPreview = useApp((s) => s.previews.upload);
  const onUpload = useApp((s) => s.config?.dataset === 'upload');
  const [target, setTarget] = useState<UploadTarget>('grey28');
  const [invert, setInvert] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [collecting, setCollecting] = useState<string | null>(null);
  // What was sent last, so a change of settings can offer to decode the same files again (state, as render reads it).
  const [last, setLast] = useState<{ files: File[]; paths: string[]; target: UploadTarget; invert: boolean } | null>(null);
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const id = useId();

  /** `paths`: each file's path from what was chosen or dropped; class folders in them label the set. */
  const send = (files: File[], paths = files.map(pathOfFile)) => {
    if (!files.length) return;
    setLast({ files, paths, target, invert });
    store.getState().uploadImages(files, target, invert, paths);
  };

  const result = upload.result;
  useEffect(() => {
    if (result?.dataset) store.getState().previewDataset('upload', true);
  }, [result, store]);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    setCollecting(t('upload.listing'));
    collectDroppedFiles(e.dataTransfer)
      .then(({ files, paths, truncated }) => {
        setCollecting(truncated ? t('upload.truncated', { n: files.length }) : null);
        send(files, paths);
      })
      .catch((err: unknown) => setCollecting(t('upload.cannotRead', { detail: (err as Error).message })));
  };

  const settingsChanged = last !== null && (last.target !== target || last.invert !== invert);
  const info = result?.dataset ?? null;

  return (
    <div className="image-upload">
      <p className="privacy-note">
        <strong>{t('upload.privacyStrong')}</strong> {t('upload.privacy')}
      </p>

      <fieldset className="upload-options" disabled={upload.busy}>
        <legend>{t('upload.fitTo')}</legend>
        {TARGETS.map((x) => (
          <label key={x} className="radio">
            <input type="radio" name={`${id}-target`} value={x} checked={target === x} onChange={() => setTarget(x)} /> {t(`upload.${x}`)}
          </label>
        ))}
        <label className="checkbox">
          <input type="checkbox" checked={invert} onChange={(e) => setInvert(e.target.checked)} /> {t('upload.invert')}
        </label>
      </fieldset>

      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="drop-zone"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <p>{t('upload.drop')}</p>
        <div className="drop-buttons">
          <button type="button" onClick={() => filesRef.current?.click()} disabled={upload.busy}>
            {t('upload.chooseImages')}
          </button>
          <button type="button" onClick={() => folderRef.current?.click()} disabled={upload.busy}>
            {t('upload.chooseFolder')}
          </button>
        </div>
        <p className="caps">
          {t('upload.howResized')} {uploadCapsText()}
        </p>
        <p className="caps">{t('upload.classesHint', { max: MAX_UPLOAD_CLASSES })}</p>
        <input
          ref={filesRef}
          className="visually-hidden"
          type="file"
          multiple
          accept="image/*"
          tabIndex={-1}
          aria-label={t('upload.imageFiles')}
          onChange={(e) => {
            send(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <input
          ref={(el) => {
            folderRef.current = el;
            if (el) el.webkitdirectory = true;
          }}
          className="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-label={t('upload.folder')}
          onChange={(e) => {
            send(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </div>

      <div aria-live="polite" className="upload-status">
        {collecting && <p>{collecting}</p>}
        {upload.busy && (
          <p className="upload-progress">
            <progress max={1} value={upload.fraction} aria-label={t('upload.decoding')} /> {upload.message}
          </p>
        )}
        {result && !upload.busy && (
          <p className="upload-result" data-testid="upload-result">
            {uploadResultLine(result)}
            {result.skipped.length > 0 && (
              <span className="skip-summary">
                {' '}
                {t('upload.skipSummary', {
                  list: skipReasonCounts(result.skipped)
                    .map((r) => (r.count > 1 ? t('upload.skipCount', { reason: r.reason, count: r.count }) : r.reason))
                    .join(t('upload.skipSeparator')),
                })}
              </span>
            )}
          </p>
        )}
      </div>

      {result && !upload.busy && result.skipped.length > 0 && (
        <details className="skipped-files" open={result.skipped.length <= 12}>
          <summary>{t('upload.skippedTitle')}</summary>
          <ul data-testid="skipped-list">
            {result.skipped.slice(0, SKIPPED_LISTED).map((s, i) => (
              <li key={i}>
                <span className="file-name">{s.name}</span>: {skipReasonText(s)}
              </li>
            ))}
          </ul>
          {result.skipped.length > SKIPPED_LISTED && <p>{t('upload.more', { n: result.skipped.length - SKIPPED_LISTED })}</p>}
        </details>
      )}
      {result && !upload.busy && result.capped > 0 && <p className="caps">{t('upload.leftOut', { n: result.capped, max: MAX_IMAGES })}</p>}

      {settingsChanged && !upload.busy && last && (
        <button type="button" onClick={() => send(last.files, last.paths)}>
          {t('upload.again', { n: last.files.length })}
        </button>
      )}

      {info && !upload.busy && (
        <div className="upload-ready">
          <DatasetPreview info={info} preview={uploadPreview} />
          <div>
            <p>{datasetDescription(info)}</p>
            {!info.classNames?.length && (
              <p className="muted" data-testid="upload-no-labels">
                {t('upload.noLabels')}
              </p>
            )}
            <button type="button" className="primary" onClick={onTrain}>
              {t('upload.train')}
            </button>
            {onUpload && <p className="muted">{t('upload.isCurrent')}</p>}
          </div>
        </div>
      )}
    </div>
  );
}
