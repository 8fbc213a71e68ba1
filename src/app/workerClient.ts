/**
 * Starts the training worker and connects it to the stores. The only place the UI touches the
 * worker; everything crosses as `Command` / `WorkerEvent` (src/worker/protocol.ts).
 */
import type { Command, WorkerEvent } from '../worker/protocol';
import { createAppStore } from './store/appStore';
import type { AppStore } from './store/appStore';
import { decodeRunLink } from './lib/runLink';
import { applyLinkView, startLinkSync } from './linkSync';
import { createKeepingStore, type KeepingStore } from './runKeepingStore';
import { downloadBytes } from './lib/download';

export function startTraining(search: string): { store: AppStore; keeping: KeepingStore } {
  const worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  const send = (cmd: Command) => worker.postMessage(cmd);
  const store = createAppStore(send, { staggerCharts: true });
  const keeping = createKeepingStore(send, (name, bytes) => downloadBytes(name, bytes, 'application/octet-stream'));
  worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
    store.getState().handleEvent(e.data);
    keeping.getState().handleEvent(e.data);
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    store.getState().workerFailed(`The training worker failed: ${e.message || 'it could not be loaded'}. Reload the page to try again.`);
  };
  worker.onmessageerror = () => store.getState().workerFailed('A message from the training worker could not be read.');
  // The tab may be closed once hidden: the worker autosaves then.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') send({ type: 'pageHidden' });
  });
  const link = decodeRunLink(search);
  const viewNotices = applyLinkView(store, link);
  store.getState().init(link.config, link.backend, [...link.notices, ...viewNotices]);
  startLinkSync(store);
  return { store, keeping };
}
