/** The averaged generator: its schedule, its lerp, and that it survives snapshots, resume and forks. */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { decodeRunFile, encodeRunFile } from '../runfile/runFile';
import { pointsDataset } from '../testing/fixtures';
import { emaBeta, EMA_RAMPUP } from './generatorEma';
import { EMA_FROM_G_NOTICE, Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const made: Trainer[] = [];
function trainer(overrides: Partial<TrainConfig>): Trainer {
  const t = new Trainer({ ...DEFAULT_CONFIG, batchSize: 16, emaKimg: 0.5, ...overrides }, pointsDataset(10_000));
  made.push(t);
  return t;
}
afterEach(() => made.splice(0).forEach((t) => t.dispose()));

function encoded(contents: Parameters<typeof encodeRunFile>[0]): Uint8Array {
  const r = encodeRunFile(contents);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const values = (net: { variables: tf.Variable[] }) => net.variables.map((v) => Array.from(v.dataSync()));

async function steps(t: Trainer, n: number): Promise<void> {
  for (let i = 0; i < n; i++) t.trainStep();
  await t.flushMetrics();
}

describe('emaBeta', () => {
  it('halves the old average’s weight once per half-life, ramped up over the first images', () => {
    // Late in a run the half-life is emaKimg·1000 images: after 1000 images of batch 100, weight ½.
    expect(emaBeta(100, 1e6, 1) ** 10).toBeCloseTo(0.5, 10);
    // Early on it is EMA_RAMPUP × images seen: at 2000 images, 100 images.
    expect(emaBeta(100, 2000, 1)).toBeCloseTo(0.5 ** (100 / (EMA_RAMPUP * 2000)), 12);
    expect(emaBeta(32, 32, 10)).toBeLessThan(1e-6);
  });
});

describe('Trainer with an averaged generator', () => {
  it('G_ema follows the lerp G_ema ← G + β(G_ema − G) at every step, and samples come from it', async () => {
    const t = trainer({});
    await steps(t, 20);
    const before = values(t.averagedGenerator!);
    t.trainStep();
    await t.flushMetrics();
    const beta = emaBeta(16, 21 * 16, 0.5);
    const g = values(t.generator);
    values(t.averagedGenerator!).forEach((ema, i) =>
      ema.forEach((x, j) => expect(Math.abs(x - (g[i][j] + beta * (before[i][j] - g[i][j])))).toBeLessThan(1e-6)),
    );
    expect(t.sampler).toBe(t.averagedGenerator);
    expect(g).not.toEqual(values(t.averagedGenerator!));
    // The live switch shows raw G; emaKimg 0 drops the average.
    t.setHyperparams({ sampleRawG: 1 });
    expect(t.sampler).toBe(t.generator);
    t.setHyperparams({ emaKimg: 0 });
    expect(t.averagedGenerator).toBeNull();
  });

  it('leaks no tensor across steps', async () => {
    const t = trainer({});
    await steps(t, 2);
    const count = tf.memory().numTensors;
    await steps(t, 3);
    await t.fixedSamples();
    expect(tf.memory().numTensors).toBe(count);
  });

  it('survives a snapshot and resume: the continued run equals the uninterrupted one, G_ema included', async () => {
    const a = trainer({ seed: 3 });
    await steps(a, 30);
    const snap = await a.snapshot();
    expect(snap.generatorEma).toHaveLength(a.generator.variables.length);
    await steps(a, 20);
    const b = Trainer.fromSnapshot(snap, pointsDataset(10_000));
    made.push(b);
    expect(b.restoreNotice).toBeNull();
    await steps(b, 20);
    const [ea, eb] = [values(a.averagedGenerator!), values(b.averagedGenerator!)];
    ea.forEach((v, i) => v.forEach((x, j) => expect(Math.abs(x - eb[i][j])).toBeLessThan(1e-6)));
  });

  it('survives a run file, and a fork carries G_ema over to run B', async () => {
    const a = trainer({ seed: 4 });
    await steps(a, 25);
    const snap = await a.snapshot();
    const decoded = decodeRunFile(encoded({ snapshot: snap, savedAt: 'now' }));
    if (!decoded.ok) throw new Error(decoded.message);
    // A fork: run B from A's snapshot with another live value (as twins are made).
    const b = Trainer.fromSnapshot(decoded.value.snapshot, pointsDataset(10_000));
    made.push(b);
    b.setHyperparams({ l2D: 1e-3 });
    expect(values(b.averagedGenerator!)).toEqual(values(a.averagedGenerator!));
    await steps(b, 5);
    expect(values(b.averagedGenerator!)).not.toEqual(values(a.averagedGenerator!));
  });

  it('a snapshot saved without G_ema (an older run file) restores with G_ema = G and a notice', async () => {
    const a = trainer({ seed: 6 });
    await steps(a, 15);
    const { generatorEma: _dropped, ...old } = await a.snapshot();
    const decoded = decodeRunFile(encoded({ snapshot: old, savedAt: 'then' }));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.value.snapshot.generatorEma).toBeUndefined();
    const b = Trainer.fromSnapshot(decoded.value.snapshot, pointsDataset(10_000));
    made.push(b);
    expect(b.restoreNotice).toBe(EMA_FROM_G_NOTICE);
    expect(values(b.averagedGenerator!)).toEqual(values(b.generator));
  });
});
