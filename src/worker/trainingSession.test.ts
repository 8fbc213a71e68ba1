import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diracSource } from '../core/data/dirac';
import type { DatasetSource } from '../core/data/types';
import { unpackMetrics } from '../core/metrics/stepMetrics';
import { pointsDataset } from '../core/testing/fixtures';
import type { WorkerEvent } from './protocol';
import { decodePng, fakeFile, pngBytes } from './testing/fakeFiles';
import { createTrainingSession } from './trainingSession';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let poison = false;
const hardwareGpuForTest = false;
const base = pointsDataset(256);
const testPoints: DatasetSource = {
  info: {
    ...base.info,
    id: 'pts',
    recommended: { model: 'mlp2d', batchSize: 16, latentDim: 4 },
    modes: { centers: Array.from({ length: 8 }, (_, k) => [Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4)]), sigma: 0.01 },
  },
  async load() {
    return {
      ...base,
      info: testPoints.info,
      readBatch(indices, out) {
        base.readBatch(indices, out);
        if (poison) out.fill(NaN);
      },
    };
  },
};

function harness(extra: { numTensors?: () => number } = {}) {
  const events: WorkerEvent[] = [];
  const session = createTrainingSession({
    ...extra,
    post: (ev) => events.push(ev),
    selectBackend: async (requested) => ({ name: tf.getBackend(), reasons: ['test: cpu only'], requested, hardwareGpu: hardwareGpuForTest }),
    datasets: [testPoints, diracSource],
    readAsset: async () => new ArrayBuffer(0),
    decodeImage: decodePng,
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    now: () => performance.now(),
  });
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const last = <T extends WorkerEvent['type']>(type: T) => of(type).at(-1);
  const rows = () => of('metrics').flatMap((m) => unpackMetrics(m.data));
  return { session, events, of, last, rows };
}

describe('training session (the worker message handler, in Node)', () => {
  it('answers malformed and unknown messages with an error event, never a throw', async () => {
    const h = harness();
    for (const msg of [
      null,
      42,
      'start',
      {},
      { type: 'explode' },
      { type: 'step', count: -1 },
      { type: 'step', count: 1.5 },
      { type: 'init', config: 3, backend: 'cpu' },
      { type: 'init', config: {}, backend: 'tpu' },
      { type: 'setHyperparams', values: { batchSize: 3 } },
    ]) {
      await h.session.handle(msg);
    }
    const errors = h.of('error');
    expect(errors).toHaveLength(10);
    expect(errors.every((e) => e.code === 'bad-message')).toBe(true);
    expect(errors[4].message).toMatch(/unknown message type "explode"/);
    expect(errors[9].message).toMatch(/batchSize/);
    // Unparsable messages have source 'message'; a known command with bad fields names itself.
    expect(errors.map((e) => e.source)).toEqual(['message', 'message', 'message', 'message', 'message', 'step', 'step', 'init', 'init', 'setHyperparams']);
  });

  it("answers ping with the worker's tensor count, which stays flat across training steps", async () => {
    const h = harness({ numTensors: () => tf.memory().numTensors });
    await h.session.handle({ type: 'init', config: { dataset: 'pts', seed: 2 }, backend: 'auto' });
    await h.session.handle({ type: 'step', count: 3 });
    await h.session.handle({ type: 'ping' });
    const before = h.last('pong')?.tensors;
    expect(before).toBe(tf.memory().numTensors);
    await h.session.handle({ type: 'step', count: 20 });
    await h.session.handle({ type: 'ping' });
    expect(h.last('pong')?.tensors).toBe(before);
    // Without the dependency the pong stays bare (the protocol's field is optional).
    const bare = harness();
    await bare.session.handle({ type: 'ping' });
    expect(bare.last('pong')).toEqual({ type: 'pong' });
  });

  it('refuses commands before init', async () => {
    const h = harness();
    await h.session.handle({ type: 'start' });
    expect(h.last('error')).toMatchObject({ code: 'not-ready', source: 'start' });
  });

  it('init → ready with backend, reasons, config, model info; points for 2-D data', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts', seed: 2 }, backend: 'auto' });
    const ready = h.last('ready');
    expect(ready?.backend).toEqual({ name: 'cpu', reasons: ['test: cpu only'], requested: 'auto', hardwareGpu: false });
    expect(ready?.config.batchSize).toBe(16);
    expect(ready?.model.id).toBe('mlp2d');
    expect(ready?.model.generatorParams).toBeGreaterThan(0);
    expect(ready?.models.map((m) => m.id)).toEqual(['mlp2d']);
    const pts = h.last('points');
    expect(pts?.fake.length).toBe(2000);
    expect(pts?.heatmap.length).toBe(pts!.gridSize ** 2);
    expect(h.last('state')).toMatchObject({ running: false, step: 0 });
  });

  it('a bad config is reported per field and nothing is built', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts', lrG: 5, model: 'dcgan32' }, backend: 'cpu' });
    const err = h.last('error');
    expect(err?.code).toBe('bad-config');
    expect(err?.fieldErrors?.map((f) => f.field)).toEqual(['lrG']);
    expect(err?.message).toMatch(/lrG must be in \[1e-6, 1\]/);
    expect(h.of('ready')).toHaveLength(0);
  });

  it('step N runs exactly N steps; live hyperparams apply to the next step; reset returns to 0', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    await h.session.handle({ type: 'step', count: 3 });
    expect(h.rows().map((r) => r.step)).toEqual([1, 2, 3]);
    expect(h.last('state')?.step).toBe(3);
    expect(h.rows()[2].dL2).toBe(0);

    await h.session.handle({ type: 'setHyperparams', values: { l2D: 0.01 } });
    expect(h.last('hyperparams')).toMatchObject({ applied: { l2D: 0.01 }, step: 3 });
    await h.session.handle({ type: 'step', count: 1 });
    expect(h.rows().at(-1)).toMatchObject({ step: 4 });
    expect(h.rows().at(-1)!.dL2).toBeGreaterThan(0);

    await h.session.handle({ type: 'setHyperparams', values: { l2D: -1 } });
    expect(h.last('error')).toMatchObject({ code: 'bad-config' });
    expect(h.last('hyperparams')?.applied.l2D).toBe(0.01);

    await h.session.handle({ type: 'reset' });
    expect(h.last('state')?.step).toBe(0);
    // Reset keeps the config, live values included.
    expect(h.last('ready')?.config.l2D).toBe(0.01);
  });

  it('start trains until pause; then the counter stops', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    await h.session.handle({ type: 'start' });
    // Poll rather than sleep a fixed time: this machine may be busy with other work.
    for (let waited = 0; h.rows().length < 5 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await h.session.handle({ type: 'pause' });
    await h.session.idle();
    const steps = h.rows().length;
    expect(steps).toBeGreaterThan(3);
    expect(h.last('state')).toMatchObject({ running: false, step: steps });
    await new Promise((r) => setTimeout(r, 100));
    expect(h.rows().length).toBe(steps);
    // How many rows share an event depends on the machine's speed (batching is tested with a fake
    // clock in core/train/trainingLoop.test.ts); here: no empty event, and a rate is reported.
    const metricsEvents = h.of('metrics');
    expect(metricsEvents.length).toBeLessThanOrEqual(steps);
    expect(metricsEvents.some((e) => e.stepsPerSec > 0)).toBe(true);
  });

  it('a pause interrupts a long step command, and drops a step queued behind it', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    const long = h.session.handle({ type: 'step', count: 10_000 });
    const queued = h.session.handle({ type: 'step', count: 10_000 });
    for (let waited = 0; h.rows().length < 5 && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await h.session.handle({ type: 'pause' });
    await Promise.all([long, queued]);
    const steps = h.rows().length;
    expect(steps).toBeGreaterThanOrEqual(5);
    expect(steps).toBeLessThan(10_000);
    expect(h.last('state')).toMatchObject({ running: false, step: steps });
    // The run goes on from there when asked.
    await h.session.handle({ type: 'step', count: 2 });
    expect(h.rows().at(-1)?.step).toBe(steps + 2);
  });

  it('NaN losses pause training, roll back to the last good step and say so', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    await h.session.handle({ type: 'step', count: 2 });
    poison = true;
    try {
      await h.session.handle({ type: 'step', count: 1 });
    } finally {
      poison = false;
    }
    const err = h.last('error');
    expect(err).toMatchObject({ code: 'nan-loss', source: 'training' });
    // Poisoned data spoils the adversarial losses first; the message names the value.
    expect(err?.message).toMatch(/D loss \(adversarial\) became NaN at step 3/);
    expect(err?.message).toMatch(/rolled back to step 2/);
    expect(h.last('state')).toMatchObject({ running: false, step: 2 });
    await h.session.handle({ type: 'step', count: 1 });
    expect(Number.isFinite(h.rows().at(-1)!.dLoss)).toBe(true);
  });

  it('previews a dataset with real examples', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    await h.session.handle({ type: 'previewDataset', id: 'pts' });
    const p = h.last('datasetPreview');
    expect(p?.id).toBe('pts');
    expect(p?.points?.length).toBe(2 * 256);
    await h.session.handle({ type: 'previewDataset', id: 'dirac' });
    expect(h.last('datasetPreview')).toMatchObject({ id: 'dirac', info: { shape: [1] } });
    expect(h.last('datasetPreview')?.image).toBeUndefined();
    await h.session.handle({ type: 'previewDataset', id: 'nope' });
    expect(h.last('error')?.message).toMatch(/unknown dataset "nope"/);
  });

  it('trains on a drawing: useDrawnPoints switches the run to the dataset "drawn"', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    await h.session.handle({ type: 'useDrawnPoints', points: new Float32Array([0, 0, 1, 1, 2, 0.5]) });
    expect(h.last('ready')?.dataset.id).toBe('drawn');
    expect(h.last('ready')?.datasets.map((d) => d.id)).toContain('drawn');
    await h.session.handle({ type: 'step', count: 2 });
    expect(h.last('state')?.step).toBe(2);
    await h.session.handle({ type: 'useDrawnPoints', points: new Float32Array([1]) });
    expect(h.last('error')?.message).toMatch(/Your drawing cannot be used/);
  });

  it('uploads images while training keeps running, then trains on them', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    await h.session.handle({ type: 'start' });
    await h.session.handle({
      type: 'uploadImages',
      target: 'grey28',
      files: [fakeFile('a.png', pngBytes(30, 30)), fakeFile('b.png', pngBytes(20, 40)), fakeFile('readme.txt', new TextEncoder().encode('hi'))],
    });
    const result = h.last('uploadResult');
    expect(result).toMatchObject({ accepted: 2, capped: 0, skipped: [{ name: 'readme.txt', reason: expect.stringMatching(/not an image/) }] });
    expect(h.last('state')?.running).toBe(true);
    await h.session.handle({ type: 'reset', config: { dataset: 'upload', batchSize: 2 } });
    expect(h.last('ready')).toMatchObject({ dataset: { id: 'upload', count: 2 }, config: { model: 'dcgan28-small' } });
    await h.session.handle({ type: 'uploadImages', target: 'grey28', files: [] });
    expect(h.last('error')).toMatchObject({ code: 'bad-upload' });
  });

  it('reports quality measures and weight statistics for the run', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts', l1D: 0.01 }, backend: 'cpu' });
    const q = h.last('quality');
    expect(q?.labels.modesCovered).toBe('Modes covered (of 8)');
    expect(q?.values.modesCovered).toBeGreaterThanOrEqual(0);
    expect(q?.values.modesCovered).toBeLessThanOrEqual(8);
    expect(q?.values.highQuality).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(q?.values.klModes)).toBe(true);
    const w = h.last('weights');
    expect(w?.discriminator.layers.map((l) => l.name)).toEqual(['dense0/kernel', 'dense2/kernel', 'dense4/kernel']);
    expect(w?.generator.counts.reduce((a, b) => a + b, 0)).toBe(w?.generator.layers.reduce((a, l) => a + l.count, 0));
  });

  it('a capped run (a lesson) measures its quality every 250 steps and at the cap, never by the clock', async () => {
    // The run takes seconds here: outside a cap, a reading would fall due every second of them.
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts', seed: 3 }, backend: 'cpu' });
    const first = h.of('quality').length;
    await h.session.handle({ type: 'start', untilStep: 270 });
    await h.session.idle();
    expect(h.last('state')).toMatchObject({ running: false, step: 270 });
    const measured = h.of('quality').slice(first);
    expect(measured.map((q) => q.step)).toEqual([250, 270]);
    // The cap's reading comes before the state that says the run has paused there.
    const capQuality = h.events.indexOf(measured[1]);
    expect(h.events.findIndex((e, i) => i > capQuality && e.type === 'state' && !e.running)).toBeGreaterThan(capQuality);
    // The same run again gives the same readings.
    const again = harness();
    await again.session.handle({ type: 'init', config: { dataset: 'pts', seed: 3 }, backend: 'cpu' });
    const start = again.of('quality').length;
    await again.session.handle({ type: 'start', untilStep: 270 });
    await again.session.idle();
    expect(
      again
        .of('quality')
        .slice(start)
        .map((q) => q.values),
    ).toEqual(measured.map((q) => q.values));
  });
});
