/**
 * Copies a link. When the clipboard is denied (no permission, an insecure page), the link shows
 * in a selected, read-only field so it can be copied by hand.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** `label`: the button's text (default: Copy link, in the page's language). */
export function CopyLinkButton({ getLink, label }: { getLink(): string; label?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [link, setLink] = useState('');
  const fieldRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (state === 'manual') fieldRef.current?.select();
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state, link]);

  const copy = async () => {
    const url = getLink();
    setLink(url);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()}>
        {label ?? t('share.copyLink')}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? t('share.copied') : ''}
      </span>
      {state === 'manual' && (
        <span className="copy-fallback">
          <label htmlFor={id}>{t('share.noClipboard')}</label>
          <input id={id} ref={fieldRef} readOnly value={link} data-testid="link-fallback" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => setState('idle')} aria-label={t('share.closeField')}>
            ×
          </button>
        </span>
      )}
    </span>
  );
}
