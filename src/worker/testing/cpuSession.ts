/**
 * A training session on the cpu backend over the given datasets, for the worker's Node tests:
 * every event it posts is kept, `of(type)` picks them out and `last(type)` the newest. Uploads
 * have no image decoder unless `extra.decodeImage` gives one.
 */
import type { DatasetSource } from '../../core/data/types';
import type { WorkerEvent } from '../protocol';
import { createTrainingSession, type SessionDeps } from '../trainingSession';

/** `extra`: more of the session's dependencies (e.g. a stand-in video encoder). */
export function cpuSession(datasets: DatasetSource[], extra: Partial<SessionDeps> = {}) {
  const events: WorkerEvent[] = [];
  const session = createTrainingSession({
    decodeImage: async () => {
      throw new Error('no images here');
    },
    ...extra,
    post: (ev) => events.push(ev),
    selectBackend: async (requested) => ({ name: 'cpu', reasons: [], requested, hardwareGpu: false }),
    datasets,
    readAsset: async () => new ArrayBuffer(0),
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    now: () => performance.now(),
  });
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const last = <T extends WorkerEvent['type']>(type: T) => of(type).at(-1);
  return { session, events, of, last };
}
