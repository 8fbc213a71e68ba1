/**
 * Copies a link. When the clipboard is denied (no permission, an insecure page), the link shows
 * in a selected, read-only field so it can be copied by hand.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useClipboardCopy } from './useClipboardCopy';

/** `label`: the button's text (default: Copy link, in the page's language). */
export function CopyLinkButton({ getLink, label }: { getLink(): string; label?: string }) {
  const { t } = useTranslation();
  const { state, text, fieldRef, copy, close } = useClipboardCopy<HTMLInputElement>();
  const id = useId();

  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy(getLink())}>
        {label ?? t('share.copyLink')}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? t('share.copied') : ''}
      </span>
      {state === 'manual' && (
        <span className="copy-fallback">
          <label htmlFor={id}>{t('share.noClipboard')}</label>
          <input id={id} ref={fieldRef} readOnly value={text} data-testid="link-fallback" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={close} aria-label={t('share.closeField')}>
            ×
          </button>
        </span>
      )}
    </span>
  );
}
