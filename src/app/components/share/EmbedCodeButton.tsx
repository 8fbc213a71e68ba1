/**
 * "Copy embed code" in the classroom link dialog: the link as an `<iframe>` snippet in embed mode
 * (lib/embedCode.ts). Where the clipboard is denied, the snippet shows selected in a field.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { embedCode } from '../../lib/embedCode';

export function EmbedCodeButton({ getLink }: { getLink(): string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [code, setCode] = useState('');
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    if (state === 'manual') fieldRef.current?.select();
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    const snippet = embedCode(getLink());
    setCode(snippet);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(snippet);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <span className="copy-link embed-code">
      <button type="button" onClick={() => void copy()} title={t('embedCode.title')}>
        {t('embedCode.copy')}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? t('embedCode.copied') : ''}
      </span>
      {state === 'manual' && (
        <span className="copy-fallback">
          <label htmlFor={id}>{t('embedCode.noClipboard')}</label>
          <textarea id={id} ref={fieldRef} readOnly rows={3} value={code} data-testid="embed-code-fallback" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => setState('idle')} aria-label={t('embedCode.closeField')}>
            ×
          </button>
        </span>
      )}
    </span>
  );
}
