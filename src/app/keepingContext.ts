/** Hands the run-keeping store (Save/Open run, Recent runs) to components. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { KeepingState, KeepingStore } from './runKeepingStore';

export const KeepingContext = createContext<KeepingStore | null>(null);

export function useKeepingStore(): KeepingStore {
  const store = useContext(KeepingContext);
  if (!store) throw new Error('useKeeping: no KeepingContext provider');
  return store;
}

/** Same rule as useApp: the selector returns a primitive or a reference the store keeps. */
export function useKeeping<T>(selector: (s: KeepingState) => T): T {
  return useStore(useKeepingStore(), selector);
}
