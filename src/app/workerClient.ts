/**
 * Starts the training worker and connects it to the store. The only place the UI touches the
 * worker; everything crosses as `Command` / `WorkerEvent` (src/worker/protocol.ts).
 */
import type { Command, WorkerEvent } from '../worker/protocol';
import { createAppStore } from './store/appStore';
import type { AppStore } from './store/appStore';
import { parseUrlParams } from './lib/urlParams';

export function startTraining(search: string): AppStore {
  const worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  const send = (cmd: Command) => worker.postMessage(cmd);
  const store = createAppStore(send, { staggerCharts: true });
  worker.onmessage = (e: MessageEvent<WorkerEvent>) => store.getState().handleEvent(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    store.getState().workerFailed(`The training worker failed: ${e.message || 'it could not be loaded'}. Reload the page to try again.`);
  };
  worker.onmessageerror = () => store.getState().workerFailed('A message from the training worker could not be read.');
  const url = parseUrlParams(search);
  store.getState().init(url.config, url.backend, url.notices);
  return store;
}
