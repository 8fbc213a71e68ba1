import * as tf from '@tensorflow/tfjs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ring8Source } from '../core/data/ring8';
import { unpackMetrics } from '../core/metrics/stepMetrics';
import type { WorkerEvent } from './protocol';
import { decodePng } from './testing/fakeFiles';
import { createTrainingSession } from './trainingSession';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const RUN = { dataset: 'ring8', batchSize: 16, seed: 3 };

function harness(options: { idb?: IDBFactory | null; autosaveMs?: number } = {}) {
  const events: WorkerEvent[] = [];
  let clock = 1_000_000;
  const session = createTrainingSession({
    post: (ev) => events.push(ev),
    selectBackend: async (requested) => ({ name: tf.getBackend(), reasons: ['test: cpu only'], requested, hardwareGpu: false }),
    datasets: [ring8Source],
    readAsset: async () => new ArrayBuffer(0),
    decodeImage: decodePng,
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    now: () => performance.now(),
    indexedDB: options.idb === null ? undefined : (options.idb ?? new IDBFactory()),
    clock: () => (clock += 1000),
    autosaveMs: options.autosaveMs,
  });
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const last = <T extends WorkerEvent['type']>(type: T) => of(type).at(-1);
  const rows = (from = 0) => events.slice(from).flatMap((e) => (e.type === 'metrics' ? unpackMetrics(e.data) : []));
  return { session, events, of, last, rows };
}

async function savedFile(h: ReturnType<typeof harness>): Promise<ArrayBuffer> {
  await h.session.handle({ type: 'saveRun' });
  const file = h.last('runFile');
  expect(file).toBeDefined();
  return file!.bytes;
}

describe('run files in the session (Save run → Open run)', () => {
  it('a saved run opens in a new session at the same step with the same history, and continues with the same losses', async () => {
    const a = harness();
    await a.session.handle({ type: 'init', config: RUN, backend: 'cpu' });
    await a.session.handle({ type: 'step', count: 20 });
    const bytes = await savedFile(a);
    expect(a.last('runFile')).toMatchObject({ name: 'ring8-mlp2d-step20.ganrun', step: 20 });
    const savedRows = a.rows();
    const savedQuality = a.of('quality').map((q) => q.step);
    const mark = a.events.length;
    await a.session.handle({ type: 'step', count: 10 });
    const continued = a.rows(mark);

    const b = harness();
    await b.session.handle({ type: 'init', config: { ...RUN, seed: 9 }, backend: 'cpu' });
    await b.session.handle({ type: 'step', count: 3 });
    const before = b.events.length;
    await b.session.handle({ type: 'openRun', bytes: bytes.slice(0), name: 'ring8-mlp2d-step20.ganrun' });
    expect(b.last('error')).toBeUndefined();
    expect(b.last('runOpened')).toMatchObject({ from: 'file', dataset: 'ring8', step: 20 });
    expect(b.last('state')).toMatchObject({ running: false, step: 20 });
    expect(b.last('ready')?.config.seed).toBe(3);
    // The history comes back as the events that drew it.
    const replayed = b.rows(before);
    expect(replayed.map((r) => r.step)).toEqual(savedRows.map((r) => r.step));
    expect(replayed.map((r) => r.dLoss)).toEqual(savedRows.map((r) => r.dLoss));
    // …then the opened run is measured afresh at its step.
    expect(
      b
        .of('quality')
        .slice(-savedQuality.length - 1)
        .map((q) => q.step),
    ).toEqual([...savedQuality, 20]);

    const mark2 = b.events.length;
    await b.session.handle({ type: 'step', count: 10 });
    const resumed = b.rows(mark2);
    expect(resumed.map((r) => r.step)).toEqual(continued.map((r) => r.step));
    resumed.forEach((r, i) => {
      expect(r.dLoss).toBeCloseTo(continued[i].dLoss, 6);
      expect(r.gLoss).toBeCloseTo(continued[i].gLoss, 6);
    });
  });

  it('a run on a drawing carries the drawing: it opens in a tab that never had it', async () => {
    const a = harness();
    await a.session.handle({ type: 'init', config: RUN, backend: 'cpu' });
    await a.session.handle({ type: 'useDrawnPoints', points: new Float32Array([0, 0, 1, 1, 2, 0.5, -1, 0.3]) });
    await a.session.handle({ type: 'step', count: 4 });
    const bytes = await savedFile(a);
    const b = harness();
    await b.session.handle({ type: 'init', config: RUN, backend: 'cpu' });
    await b.session.handle({ type: 'openRun', bytes, name: 'drawn.ganrun' });
    expect(b.last('error')).toBeUndefined();
    expect(b.last('runOpened')).toMatchObject({ dataset: 'drawn', step: 4 });
    expect(b.last('ready')?.datasets.map((d) => d.id)).toContain('drawn');
    await b.session.handle({ type: 'step', count: 1 });
    expect(b.last('state')?.step).toBe(5);
  });

  it('a bad file is reported and the current run keeps its state', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: RUN, backend: 'cpu' });
    await h.session.handle({ type: 'step', count: 5 });
    const good = new Uint8Array(await savedFile(h));
    const readyCount = h.of('ready').length;
    const bad: [ArrayBuffer, RegExp][] = [
      [new ArrayBuffer(0), /empty/],
      [new TextEncoder().encode('hello, this is not a run file at all').buffer as ArrayBuffer, /not a GAN Playground run file/],
      [good.slice(0, good.length - 100).buffer, /truncated/],
    ];
    for (const [bytes, why] of bad) {
      await h.session.handle({ type: 'openRun', bytes, name: 'bad.ganrun' });
      const err = h.last('error');
      expect(err).toMatchObject({ code: 'bad-run-file', source: 'openRun' });
      expect(err?.message).toMatch(why);
      expect(err?.message).toMatch(/bad\.ganrun cannot be opened.*The current run is unchanged/);
    }
    expect(h.of('ready')).toHaveLength(readyCount);
    expect(h.of('runOpened')).toHaveLength(0);
    await h.session.handle({ type: 'step', count: 1 });
    expect(h.last('state')?.step).toBe(6);
    expect(h.rows().map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('autosave and Recent runs in the session', () => {
  it('saves when the page is hidden and on Pause, lists newest first with a thumbnail, and resumes in a new session', async () => {
    const idb = new IDBFactory();
    const a = harness({ idb });
    await a.session.handle({ type: 'init', config: RUN, backend: 'cpu' });
    await a.session.handle({ type: 'pageHidden' });
    // Nothing trained yet: nothing worth keeping.
    await a.session.handle({ type: 'listRecent' });
    expect(a.last('recentRuns')?.runs).toEqual([]);

    await a.session.handle({ type: 'step', count: 7 });
    await a.session.handle({ type: 'pageHidden' });
    let runs = a.last('recentRuns')!.runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ dataset: 'ring8', model: 'mlp2d', step: 7 });
    expect(runs[0].thumbnail?.width).toBe(96);
    expect(runs[0].thumbnail?.pixels.length).toBe(96 * 96 * 4);

    await a.session.handle({ type: 'start' });
    for (let waited = 0; a.rows().length < 12 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await a.session.handle({ type: 'pause' });
    await a.session.idle();
    await a.session.handle({ type: 'listRecent' });
    const pausedAt = a.last('state')!.step;
    runs = a.last('recentRuns')!.runs;
    // The same run is one entry, updated in place.
    expect(runs).toHaveLength(1);
    expect(runs[0].step).toBe(pausedAt);

    const b = harness({ idb });
    await b.session.handle({ type: 'init', config: { ...RUN, seed: 4 }, backend: 'cpu' });
    await b.session.handle({ type: 'listRecent' });
    const offer = b.last('recentRuns')!.runs[0];
    expect(offer.step).toBe(pausedAt);
    await b.session.handle({ type: 'openRecent', id: offer.id });
    expect(b.last('runOpened')).toMatchObject({ from: 'recent', step: pausedAt });
    await b.session.handle({ type: 'step', count: 2 });
    expect(b.last('state')?.step).toBe(pausedAt + 2);
    await b.session.handle({ type: 'pageHidden' });
    // Resuming a saved run keeps saving into its entry.
    expect(b.last('recentRuns')!.runs.map((r) => [r.id, r.step])).toEqual([[offer.id, pausedAt + 2]]);

    await b.session.handle({ type: 'deleteRecent', id: offer.id });
    expect(b.last('recentRuns')?.runs).toEqual([]);
    await b.session.handle({ type: 'openRecent', id: offer.id });
    expect(b.last('error')).toMatchObject({ code: 'bad-run-file', source: 'openRecent' });
    expect(b.last('state')?.step).toBe(pausedAt + 2);
  });

  it('autosaves about every autosaveMs of training while running', async () => {
    const h = harness({ autosaveMs: 1 });
    await h.session.handle({ type: 'init', config: RUN, backend: 'cpu' });
    await h.session.handle({ type: 'start' });
    for (let waited = 0; h.of('recentRuns').length < 2 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await h.session.handle({ type: 'pause' });
    await h.session.idle();
    const saves = h.of('recentRuns');
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(saves[1].runs[0].step).toBeGreaterThan(saves[0].runs[0].step);
    expect(h.of('error')).toHaveLength(0);
  });

  it('no IndexedDB gives one storage note and training goes on', async () => {
    const h = harness({ idb: null });
    await h.session.handle({ type: 'init', config: RUN, backend: 'cpu' });
    await h.session.handle({ type: 'step', count: 3 });
    await h.session.handle({ type: 'pageHidden' });
    await h.session.handle({ type: 'step', count: 3 });
    await h.session.handle({ type: 'pageHidden' });
    await h.session.handle({ type: 'listRecent' });
    expect(h.of('storageNote')).toHaveLength(1);
    expect(h.last('storageNote')?.message).toMatch(/not autosaved/);
    expect(h.last('recentRuns')?.runs).toEqual([]);
    expect(h.last('state')?.step).toBe(6);
    expect(h.of('error')).toHaveLength(0);
    // Save run still works: it is a download, not storage.
    expect((await savedFile(h)).byteLength).toBeGreaterThan(1000);
  });
});
