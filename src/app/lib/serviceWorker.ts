/// <reference types="vite-plugin-pwa/client" />
/**
 * Registers the build's service worker (docs/offline.md) and keeps what the page shows about it:
 * whether a new version waits. A new version never takes over by itself; UpdateNotice asks.
 */
import { registerSW } from 'virtual:pwa-register';
import { create } from 'zustand';
import { DATASET_CACHE_PREFIX } from '../../core/data/offlineAssets';
import { DATASET_CACHE } from './offlineDatasets';

export interface ServiceWorkerState {
  /** A new version is installed and waits for the user's reload. */
  updateWaiting: boolean;
  /** The page is controlled: a reload works without the network. */
  offlineReady: boolean;
  /** Activates the waiting version and reloads the page. */
  activateUpdate(): Promise<void>;
}

export const useServiceWorker = create<ServiceWorkerState>()(() => ({
  updateWaiting: false,
  offlineReady: false,
  activateUpdate: async () => window.location.reload(),
}));

/** Dataset caches of an older build (their files changed): their bytes are dead weight. */
async function dropOldDatasetCaches(): Promise<void> {
  if (!('caches' in window)) return;
  for (const name of await caches.keys()) if (name.startsWith(DATASET_CACHE_PREFIX) && name !== DATASET_CACHE) await caches.delete(name);
}

export function registerServiceWorker(): void {
  // Dev serves modules from memory; only the built app has a service worker.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => useServiceWorker.setState({ updateWaiting: true }),
    onOfflineReady: () => useServiceWorker.setState({ offlineReady: true }),
    onRegisteredSW: () => void dropOldDatasetCaches().catch(() => undefined),
    onRegisterError: (e: unknown) => console.warn('Service worker not registered; the app works online only:', e),
  });
  useServiceWorker.setState({
    activateUpdate: async () => {
      // workbox-window reloads by itself only when the page had a controller when it loaded; a
      // first visit that sees an update meanwhile would wait forever, so reload on the switch here.
      const switched = new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
        setTimeout(resolve, 5000);
      });
      await update(true);
      await switched;
      window.location.reload();
    },
  });
}
