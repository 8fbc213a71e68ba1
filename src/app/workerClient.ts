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
import { superviseWorker, type WorkerLike } from './lib/workerSupervisor';
import { createRecovery } from './workerRecovery';
import { createHiddenPause } from './hiddenPause';
import { usePrefs } from './prefs';
import { t } from './i18n/i18n';
import { stopReasonText } from './lib/stopReasons';

/**
 * `?testHooks=1` names the worker so it installs its test hooks (src/worker/testHooks.ts), with
 * `;slowBackendMs=N` when the page also asks for slow backend starts.
 */
function workerNameFor(params: URLSearchParams): string {
  if (params.get('testHooks') !== '1') return 'training';
  const slow = Number(params.get('slowBackendMs'));
  return slow > 0 ? `training-test;slowBackendMs=${Math.round(slow)}` : 'training-test';
}

export function startTraining(search: string): { store: AppStore; keeping: KeepingStore } {
  const workerName = workerNameFor(new URLSearchParams(search));
  // A DOM Worker's handlers take richer events than the supervisor's structural type names.
  const create = () => new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: workerName }) as unknown as WorkerLike;
  // The worker is supervised: a crash (error event) or a silence while it should answer (a close,
  // a hang) starts a new one, which `recovery` restores from the newest checkpoint.
  const supervisor = superviseWorker({
    create,
    ping: { type: 'ping' } satisfies Command,
    onMessage: (data) => {
      const ev = data as WorkerEvent;
      // The heartbeat's answer also carries the worker's tensor count (the store's diagnostics).
      if (ev.type === 'pong') store.getState().handleEvent(ev);
      if (recovery.observe(ev)) return;
      store.getState().handleEvent(ev);
      keeping.getState().handleEvent(ev);
    },
    onRestart: (why) => recovery.restarted(why),
    onGiveUp: (why) => store.getState().workerFailed(t('notices.workerGaveUp', { why: stopReasonText(why) })),
    // Before the first ready the worker may be loading TF.js and the dataset without a word.
    expectAnswers: () => store.getState().phase === 'ready',
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (h) => window.clearInterval(h as number),
    now: () => performance.now(),
  });
  const send = (cmd: Command, transfer?: Transferable[]) => supervisor.send(cmd, transfer);
  const store = createAppStore(send, { staggerCharts: true, onExportFile: (f) => downloadBytes(f.bytes, f.mime, f.name) });
  const keeping = createKeepingStore(send, (name, bytes) => downloadBytes(bytes, 'application/octet-stream', name));
  const recovery = createRecovery({
    send,
    running: () => store.getState().running,
    config: () => store.getState().config ?? {},
    backend: () => store.getState().backendRequested,
    notice: (message) => store.setState((s) => ({ notices: [...s.notices, message] })),
  });
  // The user's choice: a hidden tab pauses, and resumes when shown if it had been training.
  const hiddenPause = createHiddenPause({
    enabled: () => usePrefs.getState().pauseWhenHidden,
    running: () => store.getState().running,
    pause: () => store.getState().pause(),
    start: () => store.getState().start(),
  });
  // The tab may be closed once hidden: the worker autosaves then.
  document.addEventListener('visibilitychange', () => {
    const hidden = document.visibilityState === 'hidden';
    hiddenPause(hidden);
    if (hidden) send({ type: 'pageHidden' });
  });
  const link = decodeRunLink(search);
  const viewNotices = applyLinkView(store, link);
  store.getState().init(link.config, link.backend, [...link.notices, ...viewNotices]);
  startLinkSync(store);
  return { store, keeping };
}
