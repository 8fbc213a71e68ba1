/**
 * The hidden file picker for one .ganrun (Open run… and Pin from file… click it). It clears its
 * value after each pick, so choosing the same file twice still reports it.
 */
import type { Ref } from 'react';

interface RunFileInputProps {
  ref: Ref<HTMLInputElement>;
  label: string;
  testId: string;
  onFile(file: File): void;
}

export function RunFileInput({ ref, label, testId, onFile }: RunFileInputProps) {
  return (
    <input
      ref={ref}
      type="file"
      accept=".ganrun"
      hidden
      aria-label={label}
      data-testid={testId}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}
