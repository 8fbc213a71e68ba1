/**
 * Copy-to-clipboard with a fallback, for the share buttons: "copied" shows for a moment; where
 * the clipboard is denied (no permission, an insecure page) the text goes into a selected,
 * read-only field so it can be copied by hand.
 */
import { useEffect, useRef, useState } from 'react';

export type CopyState = 'idle' | 'copied' | 'manual';

const COPIED_SHOWN_MS = 2500;

export function useClipboardCopy<F extends HTMLInputElement | HTMLTextAreaElement>() {
  const [state, setState] = useState<CopyState>('idle');
  const [text, setText] = useState('');
  const fieldRef = useRef<F>(null);

  useEffect(() => {
    if (state === 'manual') fieldRef.current?.select();
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state, text]);

  const copy = async (value: string) => {
    setText(value);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return { state, text, fieldRef, copy, close: () => setState('idle') };
}
