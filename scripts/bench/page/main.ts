/**
 * The bench page (main thread): runs each task in a fresh bench worker, watches main-thread long
 * tasks while the worker trains, and relays logs and heap probes to the Node driver through
 * functions it exposes (`__benchLog`, `__benchHeap`). Nothing here imports TF.js.
 */
import type { FromWorker, TaskOutput, ToWorker } from './protocol';
import type { BenchTask, CellResult } from '../types';

declare global {
  interface Window {
    __benchLog?: (text: string) => Promise<void>;
    __benchHeap?: (label: string) => Promise<number | null>;
    bench: BenchPage;
  }
}

export interface TaskResult {
  output: TaskOutput | null;
  cells: CellResult[];
  timedOut: boolean;
  error: string | null;
  seconds: number;
}

export interface LongTaskReport {
  supported: boolean;
  tasks: { startTime: number; duration: number }[];
  training: [number, number][];
}

interface BenchPage {
  runTask(task: BenchTask, budgetMs: number): Promise<TaskResult>;
  longTasks(): LongTaskReport;
}

const longTasks: { startTime: number; duration: number }[] = [];
let supported = false;
try {
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ startTime: e.startTime, duration: e.duration });
  });
  obs.observe({ type: 'longtask', buffered: true });
  supported = PerformanceObserver.supportedEntryTypes.includes('longtask');
} catch {
  supported = false;
}

const training: [number, number][] = [];
let trainingSince: number | null = null;
const logEl = document.getElementById('log')!;
const log = (text: string) => {
  logEl.textContent = `${text}\n${logEl.textContent ?? ''}`.slice(0, 4000);
  void window.__benchLog?.(text);
};

function runTask(task: BenchTask, budgetMs: number): Promise<TaskResult> {
  const t0 = performance.now();
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
  const cells: CellResult[] = [];
  return new Promise((resolve) => {
    const finish = (r: Omit<TaskResult, 'cells' | 'seconds'>) => {
      clearTimeout(timer);
      if (trainingSince !== null) training.push([trainingSince, performance.now()]);
      trainingSince = null;
      worker.terminate();
      resolve({ ...r, cells, seconds: (performance.now() - t0) / 1000 });
    };
    // The watchdog: a step cannot be interrupted from inside, so the page ends the worker.
    const timer = setTimeout(() => {
      log(`${task.kind === 'backend' ? task.backend : task.kind}: budget of ${(budgetMs / 1000).toFixed(0)} s spent, worker terminated`);
      finish({ output: null, timedOut: true, error: null });
    }, budgetMs);
    worker.onerror = (e) => finish({ output: null, timedOut: false, error: `worker error: ${e.message}` });
    worker.onmessage = async (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      switch (m.type) {
        case 'log':
          log(m.text);
          break;
        case 'training':
          if (m.active && trainingSince === null) trainingSince = performance.now();
          if (!m.active && trainingSince !== null) {
            training.push([trainingSince, performance.now()]);
            trainingSince = null;
          }
          break;
        case 'heap': {
          const mb = (await window.__benchHeap?.(m.label)) ?? null;
          worker.postMessage({ type: 'heap-result', mb } satisfies ToWorker);
          break;
        }
        case 'cell':
          cells.push(m.cell);
          break;
        case 'done':
          finish({ output: m.output, timedOut: false, error: null });
          break;
        case 'error':
          finish({ output: null, timedOut: false, error: m.message });
          break;
      }
    };
    worker.postMessage({ type: 'start', task } satisfies ToWorker);
  });
}

window.bench = {
  runTask,
  longTasks: () => ({ supported, tasks: [...longTasks], training: [...training] }),
};
log('bench page ready');
