/**
 * The one "Start a new run?" dialog. Every change that builds new networks (setup pickers,
 * datasets window, lessons) goes through the store's `askReset`; this dialog shows while one
 * waits. A native modal <dialog>: focus moves into it, Escape cancels. Rendered once, by App.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../storeContext';

export function ConfirmResetDialog() {
  const { t } = useTranslation();
  const store = useAppStore();
  const change = useApp((s) => s.resetAsk);
  // The step only while the dialog asks: subscribed always, it would re-render 10 times a second in training.
  const step = useApp((s) => (s.resetAsk ? s.step : 0));
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

  const cancel = () => store.getState().cancelReset();
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-reset-title"
      aria-describedby="confirm-reset-text"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <h2 id="confirm-reset-title">{t('confirmReset.title')}</h2>
      <p id="confirm-reset-text">{t('confirmReset.text', { change, step })}</p>
      <div className="dialog-buttons">
        <button type="button" onClick={cancel}>
          {t('confirmReset.keep')}
        </button>
        <button ref={confirmRef} type="button" className="primary" onClick={() => store.getState().confirmReset()}>
          {t('confirmReset.apply')}
        </button>
      </div>
    </dialog>
  );
}
