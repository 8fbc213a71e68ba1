/**
 * The worker's side of the start-up race: the heartbeat answers while a backend starts, and the
 * commands that run beside the queue (previews, uploads, exports) wait until a switch has settled.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveTensorCount } from '../core/backend/engineState';
import { pointsDataset } from '../core/testing/fixtures';
import type { DatasetSource } from '../core/data/types';
import { createBackendGate } from './backendGate';
import type { BackendReport, WorkerEvent } from './protocol';
import { decodePng } from './testing/fakeFiles';
import { createTrainingSession } from './trainingSession';

const base = pointsDataset(256);
const points: DatasetSource = {
  info: { ...base.info, id: 'pts', recommended: { model: 'mlp2d', batchSize: 16, latentDim: 4 } },
  load: async () => ({ ...base, info: points.info }),
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

function session(deps: { selectBackend?: () => Promise<BackendReport>; calibrating?: Promise<unknown> }) {
  const events: WorkerEvent[] = [];
  const report = (): BackendReport => ({ name: 'cpu', reasons: [], requested: 'auto', hardwareGpu: false });
  const s = createTrainingSession({
    post: (ev) => events.push(ev),
    selectBackend: deps.selectBackend ?? (async () => report()),
    datasets: [points],
    readAsset: async () => new ArrayBuffer(0),
    decodeImage: decodePng,
    yieldToEvents: tick,
    now: () => performance.now(),
    numTensors: liveTensorCount,
    chooseBackend: deps.calibrating
      ? async (r) => {
          await deps.calibrating;
          return r;
        }
      : undefined,
  });
  return { s, events, types: () => events.map((e) => e.type) };
}

beforeEach(async () => {
  await tf.setBackend('cpu');
});
afterEach(async () => {
  if (tf.findBackendFactory('held')) tf.removeBackend('held');
  await tf.setBackend('cpu');
});

describe('backend gate', () => {
  it('runs switches one at a time and settles only when none is queued', async () => {
    const gate = createBackendGate();
    const first = deferred();
    const order: string[] = [];
    const a = gate.hold(async () => {
      await first.promise;
      order.push('a');
    });
    const b = gate.hold(async () => {
      order.push('b');
    });
    let settled = false;
    void gate.settled().then(() => (settled = true));
    await tick();
    expect(order).toEqual([]);
    expect(settled).toBe(false);
    first.resolve();
    await Promise.all([a, b]);
    await tick();
    expect(order).toEqual(['a', 'b']);
    expect(settled).toBe(true);
  });

  it('a failed switch does not block the next one', async () => {
    const gate = createBackendGate();
    await expect(gate.hold(async () => Promise.reject(new Error('no adapter')))).rejects.toThrow('no adapter');
    await expect(gate.hold(async () => 7)).resolves.toBe(7);
  });
});

describe('training session during a backend start', () => {
  it('answers the heartbeat with the tensor count while TF.js is starting a backend', async () => {
    let release = () => {};
    tf.registerBackend('held', () => new Promise<tf.KernelBackend>((r) => (release = () => r(tf.findBackend('cpu')!))), 1);
    const h = session({
      selectBackend: async () => {
        await tf.setBackend('held');
        return { name: 'cpu', reasons: [], requested: 'auto', hardwareGpu: false };
      },
    });
    const init = h.s.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'auto' });
    await tick();
    expect(() => tf.memory()).toThrow(/not yet been initialized/);
    await h.s.handle({ type: 'ping' });
    const pong = h.events.find((e) => e.type === 'pong');
    expect(pong).toEqual({ type: 'pong', tensors: liveTensorCount() });
    expect(h.events.filter((e) => e.type === 'error')).toEqual([]);
    release();
    await tf.setBackend('cpu');
    await init;
  });

  it('a dataset preview sent while the backend is being measured waits until it is chosen', async () => {
    const calibration = deferred();
    const h = session({ calibrating: calibration.promise });
    const init = h.s.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'auto' });
    await tick();
    const preview = h.s.handle({ type: 'previewDataset', id: 'pts' });
    for (let i = 0; i < 5; i++) await tick();
    expect(h.types()).not.toContain('datasetPreview');
    calibration.resolve();
    await Promise.all([init, preview]);
    expect(h.types()).toContain('ready');
    expect(h.types()).toContain('datasetPreview');
  });
});
