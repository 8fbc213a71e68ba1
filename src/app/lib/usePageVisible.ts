/**
 * Whether the tab is in view. A hidden tab's charts hold their last drawing (training goes on in
 * the worker), and draw the newest rows once when the tab comes back, not every update missed.
 */
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

const visible = () => document.visibilityState !== 'hidden';

export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribe, visible, () => true);
}
