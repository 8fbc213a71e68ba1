import * as tf from '@tensorflow/tfjs';
import { selectBackend as startBackend } from '../core/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSource } from '../core/data/types';
import { unpackMetrics } from '../core/metrics/stepMetrics';
import { pointsDataset } from '../core/testing/fixtures';
import type { RunKey, WorkerEvent } from './protocol';
import { decodePng } from './testing/fakeFiles';
import { createTrainingSession } from './trainingSession';

beforeAll(async () => {
  // wasm: the same maths as cpu, several times faster in Node (the suite's time matters).
  await startBackend('wasm');
});

const base = pointsDataset(256);
const pts: DatasetSource = {
  info: { ...base.info, id: 'pts', recommended: { model: 'mlp2d', batchSize: 16, latentDim: 4 } },
  async load() {
    return { ...base, info: pts.info };
  },
};

function harness() {
  const events: WorkerEvent[] = [];
  const session = createTrainingSession({
    post: (ev) => events.push(ev),
    selectBackend: async (requested) => ({ name: tf.getBackend(), reasons: ['test'], requested, hardwareGpu: false }),
    datasets: [pts],
    readAsset: async () => new ArrayBuffer(0),
    decodeImage: decodePng,
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    now: () => performance.now(),
  });
  const rowsOf = (key: RunKey) =>
    events.filter((e): e is Extract<WorkerEvent, { type: 'metrics' }> => e.type === 'metrics' && (e.run ?? 'A') === key).flatMap((m) => unpackMetrics(m.data));
  const lastOf = <T extends WorkerEvent['type']>(type: T, key: RunKey) =>
    events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type && ((e as { run?: RunKey }).run ?? 'A') === key).at(-1);
  return { session, events, rowsOf, lastOf };
}

async function twinAt(seed: number) {
  const h = harness();
  await h.session.handle({ type: 'init', config: { dataset: 'pts', seed }, backend: 'cpu' });
  await h.session.handle({ type: 'twin', action: 'start' });
  return h;
}

describe('twin runs (A and B in lockstep in the worker session)', () => {
  it('A and B with identical settings give identical losses step for step', async () => {
    const h = await twinAt(3);
    await h.session.handle({ type: 'step', count: 30 });
    const a = h.rowsOf('A');
    const b = h.rowsOf('B');
    expect(a.map((r) => r.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(b.map((r) => r.step)).toEqual(a.map((r) => r.step));
    expect(b.map((r) => [r.dLoss, r.gLoss, r.dReal, r.dFake])).toEqual(a.map((r) => [r.dLoss, r.gLoss, r.dReal, r.dFake]));
    // Both runs' views are drawn, B's tagged.
    expect(h.lastOf('points', 'A')?.step).toBe(30);
    expect(h.lastOf('points', 'B')?.step).toBe(30);
    expect(h.lastOf('state', 'B')).toMatchObject({ step: 30 });
  });

  it('a change of one live value for B changes only B', async () => {
    const plain = await twinAt(4);
    await plain.session.handle({ type: 'step', count: 20 });
    const h = await twinAt(4);
    await h.session.handle({ type: 'setHyperparams', values: { l2D: 0.1 }, run: 'B' });
    expect(h.lastOf('hyperparams', 'B')?.applied.l2D).toBe(0.1);
    expect(h.lastOf('hyperparams', 'A')?.applied.l2D).toBe(0);
    await h.session.handle({ type: 'step', count: 20 });
    const loss = (rows: ReturnType<typeof h.rowsOf>) => rows.map((r) => r.dLoss);
    // A is exactly the run it would have been; B has the penalty and its losses move apart.
    expect(loss(h.rowsOf('A'))).toEqual(loss(plain.rowsOf('A')));
    expect(h.rowsOf('A').every((r) => r.dL2 === 0)).toBe(true);
    expect(h.rowsOf('B').every((r) => r.dL2 > 0)).toBe(true);
    expect(loss(h.rowsOf('B'))).not.toEqual(loss(h.rowsOf('A')));
    // 'both' reaches both runs.
    await h.session.handle({ type: 'setHyperparams', values: { lrD: 1e-3 }, run: 'both' });
    expect(h.lastOf('hyperparams', 'A')?.applied.lrD).toBe(1e-3);
    expect(h.lastOf('hyperparams', 'B')?.applied).toMatchObject({ lrD: 1e-3, l2D: 0.1 });
  });

  it('Keep B ends the twin with B as the run, at the same step and settings', async () => {
    const h = await twinAt(5);
    await h.session.handle({ type: 'setHyperparams', values: { l2D: 0.05 }, run: 'B' });
    await h.session.handle({ type: 'step', count: 5 });
    const bLast = h.rowsOf('B').at(-1)!;
    await h.session.handle({ type: 'twin', action: 'keepB' });
    expect(h.lastOf('hyperparams', 'A')?.applied.l2D).toBe(0.05);
    expect(h.lastOf('state', 'A')?.step).toBe(5);
    const before = h.events.length;
    await h.session.handle({ type: 'step', count: 1 });
    const after = h.events.slice(before);
    expect(after.some((e) => 'run' in e && e.run === 'B')).toBe(false);
    expect(h.rowsOf('A').at(-1)!.step).toBe(bLast.step + 1);
    await h.session.handle({ type: 'setHyperparams', values: { l2D: 0 }, run: 'B' });
    expect(h.events.at(-2)).toMatchObject({ type: 'error', source: 'setHyperparams' });
  });

  it('leaks no tensors over 200 twin steps', async () => {
    const h = await twinAt(6);
    await h.session.handle({ type: 'setHyperparams', values: { l2D: 0.01, r1Gamma: 0.1 }, run: 'B' });
    await h.session.handle({ type: 'step', count: 10 });
    const before = tf.memory().numTensors;
    await h.session.handle({ type: 'step', count: 200 });
    expect(h.rowsOf('B').at(-1)?.step).toBe(210);
    expect(tf.memory().numTensors).toBe(before);
  });
});
