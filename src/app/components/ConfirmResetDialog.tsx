/**
 * Asks before a structural change (dataset, model, loss, batch size, D steps, seed) throws the
 * current run away. A native modal <dialog>: focus moves into it, Escape cancels.
 */
import { useEffect, useRef } from 'react';

export interface ConfirmResetDialogProps {
  /** What changes, e.g. "dataset to MNIST digits"; null hides the dialog. */
  change: string | null;
  step: number;
  onConfirm(): void;
  onCancel(): void;
  /** Replaces the standard sentence (e.g. for Reset itself). */
  message?: string;
}

export function ConfirmResetDialog({ change, step, onConfirm, onCancel, message }: ConfirmResetDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (change && !d.open) {
      d.showModal();
      confirmRef.current?.focus();
    } else if (!change && d.open) d.close();
  }, [change]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-reset-title"
      aria-describedby="confirm-reset-text"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-reset-title">Start a new run?</h2>
      <p id="confirm-reset-text">
        {message ?? `Changing the ${change} builds new networks from scratch.`} The current run (step {step.toLocaleString('en-US')}) will be lost.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          Keep training
        </button>
        <button ref={confirmRef} type="button" className="primary" onClick={onConfirm}>
          Reset and apply
        </button>
      </div>
    </dialog>
  );
}
