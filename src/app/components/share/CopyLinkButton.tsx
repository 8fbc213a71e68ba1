/**
 * Copies a link. When the clipboard is denied (no permission, an insecure page), the link shows
 * in a selected, read-only field so it can be copied by hand.
 */
import { useEffect, useId, useRef, useState } from 'react';

export function CopyLinkButton({ getLink, label = 'Copy link' }: { getLink(): string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [link, setLink] = useState('');
  const fieldRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (state === 'manual') fieldRef.current?.select();
    if (state !== 'copied') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
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
        {label}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? 'Link copied' : ''}
      </span>
      {state === 'manual' && (
        <span className="copy-fallback">
          <label htmlFor={id}>The clipboard is not available here: select the link and copy it.</label>
          <input id={id} ref={fieldRef} readOnly value={link} data-testid="link-fallback" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => setState('idle')} aria-label="Close the link field">
            ×
          </button>
        </span>
      )}
    </span>
  );
}
