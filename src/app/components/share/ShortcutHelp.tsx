/** The `?` overlay: the keyboard shortcuts, in a modal dialog (Escape closes it). */
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../lib/useModalDialog';
import { useView } from '../../viewStore';
import { SHORTCUTS } from './shortcuts';

export function ShortcutHelp() {
  const { t } = useTranslation();
  const open = useView((s) => s.helpOpen);
  const setOpen = useView((s) => s.setHelpOpen);
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      className="shortcut-help"
      aria-labelledby="shortcut-title"
      onCancel={(e) => {
        e.preventDefault();
        setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === '?') setOpen(false);
      }}
    >
      <h2 id="shortcut-title">{t('shortcuts.title')}</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.does}>
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && t('shortcuts.or')}
                  <kbd>{k === 'Space' ? t('shortcuts.space') : k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`shortcuts.${s.does}`)}</dd>
          </div>
        ))}
      </dl>
      <p>{t('shortcuts.notWhileTyping')}</p>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={() => setOpen(false)}>
          {t('shortcuts.close')}
        </button>
      </div>
    </dialog>
  );
}
