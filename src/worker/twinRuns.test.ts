import * as tf from '@tensorflow/tfjs';
import { selectBackend as startBackend } from '../core/backend/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSource } from '../core/data/types';
import { ring8Source } from '../core/data/ring8';
import { unpackMetrics } from '../core/metrics/stepMetrics';
import { decodeRunFile } from '../core/runfile/runFile';
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
    datasets: [pts, ring8Source],
    readAsset: async () => new ArrayBuffer(0),
    decodeImage: decodePng,
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    now: () => performance.now(),
  });
  const rowsOf = (key: RunKey) =>
    events.filter((e): e is Extract<WorkerEvent, { type: 'metrics' }> => e.type === 'metrics' && (e.run ?? 'A') === key).flatMap((m) => unpackMetrics(m.data));
  const lastOf = <T extends WorkerEvent['type']>(type: T, key: RunKey) =>
    events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type && ((e as { run?: RunKey }).run ?? 'A') === key).at(-1);
  const until = async (what: () => boolean) => {
    for (let i = 0; i < 20_000 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
    if (!what()) throw new Error('timed out waiting');
  };
  return { session, events, rowsOf, lastOf, until };
}

const losses = (rows: { step: number; dLoss: number; gLoss: number }[]) => rows.map((r) => [r.step, r.dLoss, r.gLoss]);

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

  describe('B forked from A mid-run', () => {
    async function forkedAt(seed: number, steps: number, dataset = 'pts') {
      const h = harness();
      await h.session.handle({ type: 'init', config: { dataset, seed, batchSize: 16 }, backend: 'cpu' });
      await h.session.handle({ type: 'step', count: steps });
      const before = h.events.length;
      await h.session.handle({ type: 'twin', action: 'start' });
      return { ...h, since: h.events.slice(before) };
    }

    it("A keeps its step (no new run); B starts at A's step with identical losses step for step", async () => {
      const plain = harness();
      await plain.session.handle({ type: 'init', config: { dataset: 'pts', seed: 7 }, backend: 'cpu' });
      await plain.session.handle({ type: 'step', count: 40 });
      const h = await forkedAt(7, 15);
      expect(h.since.some((e) => e.type === 'ready')).toBe(false);
      expect(h.since.find((e) => e.type === 'forked')).toEqual({ type: 'forked', run: 'B', step: 15 });
      expect(h.lastOf('state', 'A')?.step).toBe(15);
      expect(h.lastOf('state', 'B')?.step).toBe(15);
      await h.session.handle({ type: 'step', count: 25 });
      const a = h.rowsOf('A').filter((r) => r.step > 15);
      const b = h.rowsOf('B');
      expect(b.map((r) => r.step)).toEqual(Array.from({ length: 25 }, (_, i) => i + 16));
      expect(losses(b)).toEqual(losses(a));
      // A is the run it would have been without the twin.
      expect(losses(h.rowsOf('A'))).toEqual(losses(plain.rowsOf('A')));
    });

    it('a live value changed for B changes only B', async () => {
      const plain = harness();
      await plain.session.handle({ type: 'init', config: { dataset: 'pts', seed: 8 }, backend: 'cpu' });
      await plain.session.handle({ type: 'step', count: 30 });
      const h = await forkedAt(8, 10);
      await h.session.handle({ type: 'setHyperparams', values: { l2D: 0.1 }, run: 'B' });
      await h.session.handle({ type: 'step', count: 20 });
      expect(losses(h.rowsOf('A'))).toEqual(losses(plain.rowsOf('A')));
      expect(h.rowsOf('B').every((r) => r.dL2 > 0)).toBe(true);
      expect(losses(h.rowsOf('B'))).not.toEqual(losses(h.rowsOf('A').filter((r) => r.step > 10)));
    });

    it('Pause B holds B while A trains on; Start B lets it go; a plain Pause stops both', async () => {
      const h = await forkedAt(9, 5);
      await h.session.handle({ type: 'start' });
      await h.until(() => (h.rowsOf('B').at(-1)?.step ?? 0) >= 10);
      await h.session.handle({ type: 'pause', run: 'B' });
      const held = h.lastOf('state', 'B')!;
      expect(held.running).toBe(false);
      const aAtHold = h.lastOf('state', 'A')!;
      expect(aAtHold.running).toBe(true);
      await h.until(() => (h.rowsOf('A').at(-1)?.step ?? 0) >= held.step + 20);
      expect(Math.max(...h.rowsOf('B').map((r) => r.step))).toBe(held.step);
      expect(h.lastOf('state', 'B')?.step).toBe(held.step);
      await h.session.handle({ type: 'start', run: 'B' });
      expect(h.lastOf('state', 'B')?.running).toBe(true);
      await h.until(() => (h.rowsOf('B').at(-1)?.step ?? 0) >= held.step + 5);
      await h.session.handle({ type: 'pause' });
      await h.session.idle();
      expect(h.lastOf('state', 'A')?.running).toBe(false);
      expect(h.lastOf('state', 'B')?.running).toBe(false);
      // B's rows have no gap and no repeat across the hold.
      const bSteps = h.rowsOf('B').map((r) => r.step);
      expect(bSteps).toEqual(Array.from({ length: bSteps.length }, (_, i) => i + 6));
    });

    it('Start A while paused trains A alone; a Step then steps both', async () => {
      const h = await forkedAt(10, 3);
      await h.session.handle({ type: 'start', run: 'A' });
      expect(h.lastOf('state', 'B')?.running).toBe(false);
      await h.until(() => (h.rowsOf('A').at(-1)?.step ?? 0) >= 12);
      await h.session.handle({ type: 'pause', run: 'A' });
      await h.session.idle();
      expect(h.rowsOf('B')).toEqual([]);
      const a = h.lastOf('state', 'A')!.step;
      await h.session.handle({ type: 'step', count: 2 });
      expect(h.lastOf('state', 'A')?.step).toBe(a + 2);
      expect(h.lastOf('state', 'B')?.step).toBe(5);
    });

    it("Reset B re-forks B from A at A's step, keeping B's live values; start/pause/reset of B outside a twin are refused", async () => {
      const h = await forkedAt(11, 4);
      await h.session.handle({ type: 'setHyperparams', values: { l2D: 0.05 }, run: 'B' });
      await h.session.handle({ type: 'step', count: 6 });
      await h.session.handle({ type: 'pause', run: 'B' });
      await h.session.handle({ type: 'reset', run: 'B' });
      expect(h.events.filter((e) => e.type === 'forked').at(-1)).toMatchObject({ step: 10 });
      expect(h.lastOf('hyperparams', 'B')?.applied.l2D).toBe(0.05);
      expect(h.lastOf('state', 'A')?.step).toBe(10);
      expect(h.lastOf('state', 'B')?.step).toBe(10);
      await h.session.handle({ type: 'step', count: 1 });
      expect(h.rowsOf('B').at(-1)?.step).toBe(11);
      await h.session.handle({ type: 'twin', action: 'keepA' });
      for (const cmd of [
        { type: 'start', run: 'B' },
        { type: 'pause', run: 'B' },
        { type: 'reset', run: 'B' },
        { type: 'saveRun', run: 'B' },
      ]) {
        await h.session.handle(cmd);
        expect(h.events.at(-1)).toMatchObject({ type: 'error', source: cmd.type, message: expect.stringMatching(/there is no run B/) });
      }
      await h.session.handle({ type: 'pause', run: 'C' });
      expect(h.events.at(-1)).toMatchObject({ type: 'error', message: 'pause: "run" must be A, B or both when given' });
      expect(h.lastOf('state', 'A')?.step).toBe(11);
    });

    it('a twin saved to a run file reopens as the twin: both runs, both histories, each continuing exactly', async () => {
      // ring8: run files name datasets this build has.
      const h = await forkedAt(12, 8, 'ring8');
      await h.session.handle({ type: 'setHyperparams', values: { l2D: 0.02 }, run: 'B' });
      await h.session.handle({ type: 'step', count: 12 });
      await h.session.handle({ type: 'saveRun' });
      const file = h.events.filter((e): e is Extract<WorkerEvent, { type: 'runFile' }> => e.type === 'runFile').at(-1)!;
      expect(file.name).toBe('ring8-mlp2d-step20-twin.ganrun');
      // Save B writes B alone as an ordinary run file.
      await h.session.handle({ type: 'saveRun', run: 'B' });
      const fileB = h.events.filter((e): e is Extract<WorkerEvent, { type: 'runFile' }> => e.type === 'runFile').at(-1)!;
      expect(fileB.name).toBe('ring8-mlp2d-step20-B.ganrun');
      const alone = decodeRunFile(fileB.bytes);
      if (!alone.ok) throw new Error(alone.message);
      expect(alone.value.twin).toBeUndefined();
      expect(alone.value.snapshot.live.l2D).toBe(0.02);
      // B's file history runs from step 1: A's rows before the fork, then B's.
      expect(alone.value.history?.metrics?.rows.length).toBe(20 * alone.value.history!.metrics!.keys.length);
      const bytes = file.bytes.slice(0);
      await h.session.handle({ type: 'step', count: 5 });
      const next = { a: h.rowsOf('A').slice(-5), b: h.rowsOf('B').slice(-5) };

      const o = harness();
      await o.session.handle({ type: 'init', config: { dataset: 'pts', seed: 1 }, backend: 'cpu' });
      await o.session.handle({ type: 'openRun', bytes, name: 'twin.ganrun' });
      expect(o.events.at(-1)).toMatchObject({ type: 'runOpened', step: 20 });
      expect(o.lastOf('hyperparams', 'B')?.applied.l2D).toBe(0.02);
      expect(o.events.find((e) => e.type === 'forked')).toMatchObject({ step: 8 });
      // Both histories came back: A's from step 1, B's from after the fork.
      expect(o.rowsOf('A').map((r) => r.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(o.rowsOf('B').map((r) => r.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 9));
      await o.session.handle({ type: 'step', count: 5 });
      expect(losses(o.rowsOf('A').slice(-5))).toEqual(losses(next.a));
      expect(losses(o.rowsOf('B').slice(-5))).toEqual(losses(next.b));
    });

    it('leaks no tensors over a fork, 200 twin steps, a hold, Reset B and Keep A', async () => {
      const h = harness();
      await h.session.handle({ type: 'init', config: { dataset: 'pts', seed: 13 }, backend: 'cpu' });
      await h.session.handle({ type: 'step', count: 10 });
      const single = tf.memory().numTensors;
      await h.session.handle({ type: 'twin', action: 'start' });
      await h.session.handle({ type: 'setHyperparams', values: { l2D: 0.01, r1Gamma: 0.1 }, run: 'B' });
      await h.session.handle({ type: 'step', count: 10 });
      const twin = tf.memory().numTensors;
      await h.session.handle({ type: 'step', count: 200 });
      expect(h.rowsOf('B').at(-1)?.step).toBe(220);
      expect(tf.memory().numTensors).toBe(twin);
      await h.session.handle({ type: 'start', run: 'A' });
      await h.until(() => (h.rowsOf('A').at(-1)?.step ?? 0) >= 230);
      await h.session.handle({ type: 'pause' });
      await h.session.idle();
      await h.session.handle({ type: 'reset', run: 'B' });
      await h.session.handle({ type: 'step', count: 10 });
      expect(tf.memory().numTensors).toBe(twin);
      await h.session.handle({ type: 'twin', action: 'keepA' });
      await h.session.handle({ type: 'step', count: 10 });
      expect(tf.memory().numTensors).toBe(single);
    });
  });
});
