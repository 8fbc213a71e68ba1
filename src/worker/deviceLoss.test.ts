/**
 * A lost GPU device, in Node: a fake "webgpu" backend (the maths runs on cpu) whose device the
 * test takes away. The session must stop, pick the next backend, rebuild the run from the newest
 * CPU checkpoint (the old run's tensors are disposed first, so the checkpoint has to stand on its
 * own) and train on from there.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_ORDER, fallbackSkips, type BackendName, type BackendReport } from '../core/backend/backendReport';
import type { DatasetSource } from '../core/data/types';
import { unpackMetrics } from '../core/metrics/stepMetrics';
import { pointsDataset } from '../core/testing/fixtures';
import { createDeviceLoss, GRACE_MS, isDeviceLostError, type DeviceLossHost } from './deviceLoss';
import type { WorkerEvent } from './protocol';
import { decodePng } from './testing/fakeFiles';
import { createTrainingSession } from './trainingSession';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const base = pointsDataset(256);
const pts: DatasetSource = {
  info: { ...base.info, id: 'pts', recommended: { model: 'mlp2d', batchSize: 16, latentDim: 4 } },
  async load() {
    return { ...base, info: pts.info };
  },
};

describe('fallbackSkips (which backend takes over from a lost one)', () => {
  it('skips the lost backend and every one before it; the later ones are tried in order', () => {
    const tried = (lost: BackendName) => BACKEND_ORDER.filter((b) => fallbackSkips(lost, 'gone')[b] === undefined);
    expect(tried('webgpu')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(tried('webgl')).toEqual(['wasm', 'cpu']);
    expect(fallbackSkips('webgpu', 'destroyed').webgpu).toBe('its GPU device was lost (destroyed)');
    expect(fallbackSkips('webgl', 'x').webgpu).toMatch(/before the lost webgl/);
  });

  it('recognises TF.js errors from a lost device, and nothing else', () => {
    for (const m of [
      'Device is lost',
      'WebGL Error: CONTEXT_LOST_WEBGL',
      'A valid external Instance reference no longer exists: the device was lost',
      'Buffer used in submit while destroyed device',
    ]) {
      expect(isDeviceLostError(m), m).toBe(true);
    }
    for (const m of ['Training stopped: NaN', 'shapes [2,3] and [4] must match', 'out of memory']) expect(isDeviceLostError(m), m).toBe(false);
  });
});

function lossyHarness() {
  const events: WorkerEvent[] = [];
  const selections: { requested: string; skip?: Partial<Record<BackendName, string>> }[] = [];
  let lose: ((reason: string) => void) | null = null;
  let lost = false;
  const session = createTrainingSession({
    post: (ev) => events.push(ev),
    selectBackend: async (requested, options) => {
      selections.push({ requested, skip: options?.skip });
      // The first start is "webgpu"; the fallback skips it and lands on cpu (what really runs here).
      const name = options?.skip ? 'cpu' : 'webgpu';
      return { name, reasons: options?.skip ? Object.entries(options.skip).map(([b, why]) => `${b}: skipped — ${why}`) : [], requested, hardwareGpu: false };
    },
    datasets: [pts],
    readAsset: async () => new ArrayBuffer(0),
    decodeImage: decodePng,
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    now: () => performance.now(),
    watchDevice: (name, onLost) => {
      if (name !== 'webgpu') return { isLost: () => false, dispose: () => {} };
      lose = (reason) => {
        lost = true;
        onLost(reason);
      };
      return { isLost: () => lost, dispose: () => {} };
    },
  });
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const last = <T extends WorkerEvent['type']>(type: T) => of(type).at(-1);
  const until = async (cond: () => boolean, what: string) => {
    for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
    if (!cond()) throw new Error(`timed out waiting for ${what}`);
  };
  return { session, events, selections, of, last, until, lose: (reason: string) => lose!(reason) };
}

describe('a lost GPU device (session, fake lost backend)', () => {
  it('training goes on on the next backend from the checkpoint, with the charts kept up to it and the tensors not leaking', async () => {
    const h = lossyHarness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts', seed: 3 }, backend: 'webgpu' });
    expect(h.last('ready')?.backend.name).toBe('webgpu');
    // A finite step run ends on a checkpoint: step 20.
    await h.session.handle({ type: 'step', count: 20 });
    const tensorsPaused = tf.memory().numTensors;
    await h.session.handle({ type: 'start' });
    await h.until(
      () => (h.last('state')?.step ?? 0) >= 30 || unpackMetrics(h.last('metrics')?.data ?? new Float64Array()).some((r) => r.step >= 30),
      'step 30',
    );
    const readyBefore = h.of('ready').length;
    h.lose('destroyed: test');
    await h.until(() => h.of('notice').length > 0, 'the notice');

    expect(h.last('notice')?.message).toBe('The GPU device was lost (destroyed: test); continuing on cpu from step 20.');
    // The fallback was selected as `auto` with the lost backend skipped.
    expect(h.selections.at(-1)).toMatchObject({ requested: 'auto', skip: { webgpu: 'its GPU device was lost (destroyed: test)' } });
    const ready = h.of('ready').at(-1)!;
    expect(h.of('ready')).toHaveLength(readyBefore + 1);
    expect(ready.backend).toMatchObject({ name: 'cpu', requested: 'webgpu', deviceLost: { backend: 'webgpu', reason: 'destroyed: test', step: 20 } });
    // The history was replayed after the new ready, up to the checkpoint's step and no further.
    const after = h.events.slice(h.events.indexOf(ready));
    const replay = after.find((e): e is Extract<WorkerEvent, { type: 'metrics' }> => e.type === 'metrics')!;
    const replayed = unpackMetrics(replay.data).map((r) => r.step);
    expect(replayed[0]).toBe(1);
    expect(replayed.at(-1)).toBe(20);
    // It was training, so it trains on, past the checkpoint.
    await h.until(() => h.of('state').slice(-1)[0].step > 25 || unpackMetrics(h.last('metrics')!.data).some((r) => r.step > 25), 'steps after the restore');
    expect(h.of('error')).toEqual([]);
    await h.session.handle({ type: 'pause' });
    await h.session.idle();
    expect(h.last('state')).toMatchObject({ running: false });
    expect(h.last('state')!.step).toBeGreaterThan(20);
    // The old run's tensors went (disposed), the new run's are as many: no leak across the rebuild.
    expect(tf.memory().numTensors).toBe(tensorsPaused);
    // And the new run takes commands as before.
    await h.session.handle({ type: 'step', count: 2 });
    expect(h.of('error')).toEqual([]);
  });

  it('a paused run is rebuilt on the next backend and stays paused', async () => {
    const h = lossyHarness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts', seed: 4 }, backend: 'webgpu' });
    await h.session.handle({ type: 'step', count: 7 });
    h.lose('unknown: driver reset');
    await h.until(() => h.of('notice').length > 0, 'the notice');
    expect(h.last('notice')?.message).toBe('The GPU device was lost (unknown: driver reset); the run is on cpu at step 7 (paused, as it was).');
    expect(h.last('state')).toMatchObject({ running: false, step: 7 });
    await h.session.handle({ type: 'step', count: 1 });
    const m = h.last('metrics')!;
    expect(unpackMetrics(m.data).at(-1)?.step).toBe(8);
  });
});

describe('createDeviceLoss (the decision, with a fake host)', () => {
  function fakeHost(over: Partial<DeviceLossHost> = {}) {
    const log: string[] = [];
    let backend: BackendReport = { name: 'webgl', reasons: [], requested: 'auto', hardwareGpu: true, candidates: ['webgl', 'wasm'], deviceId: 'gpu' };
    const snapshot = { step: 42 } as never;
    const host: DeviceLossHost = {
      backend: () => backend,
      run: () => ({ trainer: { config: {} as never, hyperparams: {} as never, checkpointSnapshot: snapshot }, running: true, isTwin: false }),
      abandon: async () => void log.push('abandon'),
      selectBackend: async (_r, skip) => {
        log.push(`select skip=${Object.keys(skip).join(',')}`);
        return { name: 'wasm', reasons: [], requested: 'auto', hardwareGpu: false, candidates: ['wasm', 'cpu'] };
      },
      reinstall: async (next, snap) => {
        backend = next;
        log.push(`reinstall ${next.name} from ${(snap as { step: number } | null)?.step} candidates=${String(next.candidates)}`);
        return true;
      },
      start: () => void log.push('start'),
      notice: (m) => void log.push(`notice ${m.message}`, `key ${m.key}`),
      fail: (m) => void log.push(`fail ${m.message}`, `key ${m.key}`),
      ...over,
    };
    return { host, log };
  }

  it('a context-lost error from TF.js on webgl starts the recovery; the fallback report has no candidates to recalibrate', async () => {
    const { host, log } = fakeHost();
    const loss = createDeviceLoss(host, () => ({ isLost: () => false, dispose: () => {} }));
    loss.watch('webgl');
    const shown: string[] = [];
    loss.report('shapes do not match', () => shown.push('shapes'));
    loss.report('WebGL Error: CONTEXT_LOST_WEBGL', () => shown.push('lost'));
    // Both wait for a loss event; none came, so the first is shown and the second is the loss.
    expect(shown).toEqual([]);
    await new Promise((r) => setTimeout(r, GRACE_MS + 100));
    await loss.settled();
    expect(shown).toEqual(['shapes']);
    expect(log).toEqual([
      'abandon',
      'select skip=webgpu,webgl',
      'reinstall wasm from 42 candidates=undefined',
      'notice The GPU device was lost (WebGL Error: CONTEXT_LOST_WEBGL); continuing on wasm from step 42.',
      // The page words it from this key (src/app/i18n/workerText.ts).
      'key deviceLostContinuing',
      'start',
    ]);
  });

  it('an error a moment before the loss event (a read-back the destroyed device failed) is not shown', async () => {
    let onLost: (r: string) => void = () => {};
    const { host, log } = fakeHost({
      run: () => ({ trainer: { config: {} as never, hyperparams: {} as never, checkpointSnapshot: { step: 5 } as never }, running: false, isTwin: false }),
    });
    const loss = createDeviceLoss(host, (_n, cb) => ((onLost = cb), { isLost: () => false, dispose: () => {} }));
    loss.watch('webgl');
    const shown: string[] = [];
    loss.report("Training stopped: Failed to execute 'mapAsync' on 'GPUBuffer': Buffer was unmapped before mapping was resolved.", () =>
      shown.push('unmapped'),
    );
    onLost('destroyed: Device was destroyed.');
    await loss.settled();
    await new Promise((r) => setTimeout(r, GRACE_MS + 100));
    expect(shown).toEqual([]);
    expect(log.at(-2)).toBe('notice The GPU device was lost (destroyed: Device was destroyed.); the run is on wasm at step 5 (paused, as it was).');
    expect(log.at(-1)).toBe('key deviceLostPaused');
  });

  it('only the checkpoint seen while the device was healthy is trusted', async () => {
    const trainer = { config: {} as never, hyperparams: {} as never, checkpointSnapshot: { step: 10 } as never };
    let lost = false;
    let onLost: (r: string) => void = () => {};
    const { host, log } = fakeHost({ run: () => ({ trainer, running: false, isTwin: false }) });
    const loss = createDeviceLoss(host, (_n, cb) => ((onLost = cb), { isLost: () => lost, dispose: () => {} }));
    loss.watch('webgl');
    expect(loss.check()).toBe(false); // healthy: step 10 is trusted
    // The loop checkpoints again after the device silently died (zeros), then the loss is noticed.
    trainer.checkpointSnapshot = { step: 15 } as never;
    lost = true;
    onLost('context lost');
    await loss.settled();
    expect(log).toContain('reinstall wasm from 10 candidates=undefined');
    expect(log.at(-2)).toBe('notice The GPU device was lost (context lost); the run is on wasm at step 10 (paused, as it was).');
  });

  it('a loss on wasm or cpu is no device loss; no backend left is reported', async () => {
    const { host, log } = fakeHost({ backend: () => ({ name: 'wasm', reasons: [], requested: 'auto', hardwareGpu: false }) });
    const loss = createDeviceLoss(host, () => ({ isLost: () => false, dispose: () => {} }));
    const shown: string[] = [];
    loss.report('Device is lost', () => shown.push('now'));
    expect(shown).toEqual(['now']);
    const failing = fakeHost({
      selectBackend: async () => {
        throw new Error('no TF.js backend could start');
      },
    });
    const loss2 = createDeviceLoss(failing.host, () => ({ isLost: () => false, dispose: () => {} }));
    loss2.report('Device is lost', () => shown.push('later'));
    await new Promise((r) => setTimeout(r, GRACE_MS + 100));
    await loss2.settled();
    expect(shown).toEqual(['now']);
    expect(failing.log.at(-1)).toBe('key deviceLostNoBackend');
    expect(failing.log.at(-2)).toMatch(/^fail The GPU device was lost \(Device is lost\) and no other backend could start: no TF.js backend could start/);
    expect(log).toEqual([]);
  });
});
