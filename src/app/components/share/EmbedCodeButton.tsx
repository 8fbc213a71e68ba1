/**
 * "Copy embed code" in the classroom link dialog: the link as an `<iframe>` snippet in embed mode
 * (lib/embedCode.ts). Where the clipboard is denied, the snippet shows selected in a field.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { embedCode } from '../../lib/embedCode';

export function EmbedCodeButton({ getLink }: { getLink(): string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [code, setCode] = useState('');
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    if (state === 'manual') fieldRef.current?.select();
    if (state !== 'copied') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
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
      <button type="button" onClick={() => void copy()} title="An <iframe> for slides and course pages: samples, loss chart and the controls left visible">
        Copy embed code
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? 'Embed code copied' : ''}
      </span>
      {state === 'manual' && (
        <span className="copy-fallback">
          <label htmlFor={id}>The clipboard is not available here: select the code and copy it.</label>
          <textarea id={id} ref={fieldRef} readOnly rows={3} value={code} data-testid="embed-code-fallback" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => setState('idle')} aria-label="Close the embed code field">
            ×
          </button>
        </span>
      )}
    </span>
  );
}
