/** Hands the one app store to components (a context, so a test page could pass another). */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './store/appStore';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp: no StoreContext provider');
  return store;
}

/**
 * Reads a slice of the app state. The selector must return a primitive or a reference the store
 * keeps stable (zustand v5 re-renders, and loops, on a new object per call); combine several
 * fields with `useShallow`.
 */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
