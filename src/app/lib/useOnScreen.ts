/**
 * Whether an element is on screen (or near it), from an IntersectionObserver. Charts off screen
 * hold their last drawing, so the main thread spends no recharts work on what nobody sees.
 * Without IntersectionObserver (old browsers, jsdom) everything counts as on screen.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useOnScreen(ref: RefObject<Element | null>, rootMargin = '100px'): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        const e = entries[entries.length - 1];
        if (e) setOnScreen(e.isIntersecting);
      },
      { rootMargin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, rootMargin]);
  return onScreen;
}
