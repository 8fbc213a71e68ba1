/**
 * "Pin from file…": a saved .ganrun becomes a baseline (its curves, quality and last grid, faint
 * behind the live run) without replacing the current run. A plain button, so Tab and Enter/Space
 * reach it; the file picker is a hidden input. Past the baseline limit the click says so instead
 * of opening the picker.
 */
import { useRef } from 'react';
import { RunFileInput } from '../runfiles/RunFileInput';
import { useAppStore } from '../../storeContext';

export function PinFromFile() {
  const store = useAppStore();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          if (store.getState().checkBaselineRoom()) input.current?.click();
        }}
        title="Open a saved .ganrun file as a baseline: its curves stay on the charts, faint; the current run goes on untouched"
      >
        Pin from file…
      </button>
      <RunFileInput ref={input} label="Run file to pin as a baseline" testId="pin-file-input" onFile={(file) => void store.getState().pinBaselineFile(file)} />
    </>
  );
}
