/** Save run (download a .ganrun), Open run (a file picker) and the Recent runs list. */
import { useTranslation } from 'react-i18next';
import { useRef } from 'react';
import { RunFileInput } from './RunFileInput';
import { useApp } from '../../storeContext';
import { useKeeping, useKeepingStore } from '../../keepingContext';
import { openedLabel } from '../../runKeepingStore';

export function RunFileControls() {
  const { t } = useTranslation();
  const keeping = useKeepingStore();
  const ready = useApp((s) => s.phase === 'ready');
  const step = useApp((s) => s.step);
  const busy = useKeeping((s) => s.busy);
  const opened = useKeeping((s) => s.opened);
  const input = useRef<HTMLInputElement>(null);

  return (
    <>
      <div className="run-file-controls" role="group" aria-label={t('runFiles.group')}>
        <button type="button" onClick={() => keeping.getState().saveRun()} disabled={!ready || busy !== null} title={t('runFiles.saveTitle')}>
          {t(busy === 'saving' ? 'runFiles.saving' : 'runFiles.save')}
        </button>
        <button type="button" onClick={() => input.current?.click()} disabled={!ready || busy !== null} title={t('runFiles.openTitle')}>
          {t(busy === 'opening' ? 'runFiles.opening' : 'runFiles.open')}
        </button>
        <button type="button" onClick={() => keeping.getState().showRecent(true)} disabled={!ready} title={t('runFiles.recentTitle')}>
          {t('runFiles.recent')}
        </button>
        <RunFileInput ref={input} label={t('runFiles.inputLabel')} testId="open-run-input" onFile={(file) => void keeping.getState().openFile(file)} />
      </div>
      {opened && step >= 0 && (
        <p className="run-file-status" role="status" aria-live="polite">
          {openedLabel(opened)}
        </p>
      )}
    </>
  );
}
