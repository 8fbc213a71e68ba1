/**
 * "Copy embed code" in the classroom link dialog: the link as an `<iframe>` snippet in embed mode
 * (lib/embedCode.ts). Where the clipboard is denied, the snippet shows selected in a field.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useClipboardCopy } from './useClipboardCopy';
import { embedCode } from '../../lib/embedCode';

export function EmbedCodeButton({ getLink }: { getLink(): string }) {
  const { t } = useTranslation();
  const { state, text, fieldRef, copy, close } = useClipboardCopy<HTMLTextAreaElement>();
  const id = useId();

  return (
    <span className="copy-link embed-code">
      <button type="button" onClick={() => void copy(embedCode(getLink()))} title={t('embedCode.title')}>
        {t('embedCode.copy')}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? t('embedCode.copied') : ''}
      </span>
      {state === 'manual' && (
        <span className="copy-fallback">
          <label htmlFor={id}>{t('embedCode.noClipboard')}</label>
          <textarea id={id} ref={fieldRef} readOnly rows={3} value={text} data-testid="embed-code-fallback" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={close} aria-label={t('embedCode.closeField')}>
            ×
          </button>
        </span>
      )}
    </span>
  );
}
