/**
 * "Pin from file…": a saved .ganrun becomes a baseline (its curves, quality and last grid, faint
 * behind the live run) without replacing the current run. A plain button, so Tab and Enter/Space
 * reach it; the file picker is a hidden input. Past the baseline limit the click says so instead
 * of opening the picker.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { RunFileInput } from '../runfiles/RunFileInput';
import { useAppStore } from '../../storeContext';

export function PinFromFile() {
  const { t } = useTranslation();
  const store = useAppStore();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          if (store.getState().checkBaselineRoom()) input.current?.click();
        }}
        title={t('twin.pinFileTitle')}
      >
        {t('twin.pinFile')}
      </button>
      <RunFileInput ref={input} label={t('twin.pinFileInput')} testId="pin-file-input" onFile={(file) => void store.getState().pinBaselineFile(file)} />
    </>
  );
}
