import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend/backend';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { l2NormSquared } from './regularizers';
import { imageDataset, pointsDataset } from '../testing/fixtures';
import { Trainer } from './trainer';
import { diracSource } from '../data/dirac';

beforeAll(async () => {
  // wasm: the same maths as cpu, several times faster in Node (the suite's time matters).
  await selectBackend('wasm');
});

const made: Trainer[] = [];
function trainer(overrides: Partial<TrainConfig> = {}, dataset = pointsDataset()): Trainer {
  const t = new Trainer({ ...DEFAULT_CONFIG, batchSize: 32, ...overrides }, dataset);
  made.push(t);
  return t;
}
afterEach(() => made.splice(0).forEach((t) => t.dispose()));

async function run(t: Trainer, steps: number) {
  for (let i = 0; i < steps; i++) t.trainStep();
  return t.flushMetrics();
}

const snapshot = (vars: tf.Variable[]) => vars.map((v) => Array.from(v.dataSync()));

describe('Trainer', () => {
  it('reports every metric per step, finite, with step and epoch counters', async () => {
    const t = trainer({ l1G: 1e-3, l2G: 1e-3, l1D: 1e-3, l2D: 1e-3 });
    const rows = await run(t, 10);
    expect(rows.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // 256 points at batch 32: 8 steps per epoch.
    expect(rows[7].epoch).toBe(0);
    expect(rows[8].epoch).toBe(1);
    for (const r of rows) {
      for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
      expect(r.dReal).toBeGreaterThan(0);
      expect(r.dReal).toBeLessThan(1);
      expect(r.gL1).toBeGreaterThan(0);
      expect(r.dL2).toBeGreaterThan(0);
      expect(r.gGradNorm).toBeGreaterThan(0);
    }
  });

  it('the D L2 term equals λ·Σw² over D kernels (biases excluded) at the step it was computed', async () => {
    const t = trainer({ l2D: 0.01 });
    const kernels = t.discriminator.params.filter((p) => p.penalized).map((p) => p.variable);
    expect(kernels.length).toBe(3);
    expect(t.discriminator.params.length).toBe(6);
    const expected = 0.01 * l2NormSquared(kernels).dataSync()[0];
    const [row] = await run(t, 1);
    expect(row.dL2).toBeCloseTo(expected, 4);
    expect(row.dL1).toBe(0);
  });

  it('is reproducible: same seed and config give identical first 20 losses; another seed differs', async () => {
    const a = await run(trainer({ seed: 3 }), 20);
    const b = await run(trainer({ seed: 3 }), 20);
    const c = await run(trainer({ seed: 4 }), 20);
    expect(b.map((r) => [r.dLoss, r.gLoss])).toEqual(a.map((r) => [r.dLoss, r.gLoss]));
    expect(c[0].dLoss).not.toBe(a[0].dLoss);
  });

  it('conv models are reproducible too (dropout masks come from the seed)', async () => {
    const cfg: Partial<TrainConfig> = { model: 'dcgan28-small', batchSize: 4, latentDim: 8, seed: 9 };
    const a = await run(trainer(cfg, imageDataset([28, 28, 1], 8)), 2);
    const b = await run(trainer(cfg, imageDataset([28, 28, 1], 8)), 2);
    expect(b.map((r) => r.dLoss)).toEqual(a.map((r) => r.dLoss));
  });

  it('setHyperparams applies at the next step without rebuilding models or optimizers', async () => {
    const t = trainer();
    await run(t, 5);
    const optD = t.optD;
    const momentsBefore = optD.moments().m.map((m) => Array.from(m.dataSync()));
    const applied = t.setHyperparams({ lrD: 0, l2G: 0.5 });
    expect(applied.lrD).toBe(0);
    expect(applied.l2G).toBe(0.5);
    // Nothing was rebuilt: same optimizer, same step count, same moments.
    expect(t.optD).toBe(optD);
    expect(optD.iterations).toBe(5);
    expect(optD.moments().m.map((m) => Array.from(m.dataSync()))).toEqual(momentsBefore);
    const dBefore = snapshot(t.discriminator.variables);
    const gBefore = snapshot(t.generator.variables);
    const [row] = await run(t, 1);
    // lrD = 0 froze D at the very next step; G still moved, and its L2 term is on.
    expect(snapshot(t.discriminator.variables)).toEqual(dBefore);
    expect(snapshot(t.generator.variables)).not.toEqual(gBefore);
    expect(row.gL2).toBeGreaterThan(0);
    expect(optD.iterations).toBe(6);
  });

  it('a learning-rate change keeps Adam moments: same as an uninterrupted run up to the change', async () => {
    const a = trainer({ seed: 5 });
    const b = trainer({ seed: 5 });
    await run(a, 6);
    await run(b, 3);
    b.setHyperparams({ lrG: DEFAULT_CONFIG.lrG, lrD: DEFAULT_CONFIG.lrD });
    await run(b, 3);
    expect(snapshot(b.generator.variables)).toEqual(snapshot(a.generator.variables));
  });

  it('learning-rate decay scales both optimizers step by step and reports the factor; the set values stay', async () => {
    const t = trainer({ lrG: 2e-3, lrD: 1e-3, lrDecayStart: 2, lrDecaySteps: 4 });
    const rows = await run(t, 8);
    // Factor at steps 0…7 (read before each update): 1 up to the start, then linearly to 5%.
    const expected = [1, 1, 1, 0.7625, 0.525, 0.2875, 0.05, 0.05];
    rows.forEach((r, i) => expect(r.lrScale).toBeCloseTo(expected[i], 10));
    expect(t.optG.learningRate).toBeCloseTo(2e-3 * 0.05, 12);
    expect(t.optD.learningRate).toBeCloseTo(1e-3 * 0.05, 12);
    expect(t.hyperparams.lrG).toBe(2e-3);
    // A slider move mid-decay sets the base; the factor keeps applying.
    t.setHyperparams({ lrG: 4e-3, lrDecaySteps: 0 });
    const [row] = await run(t, 1);
    expect(row.lrScale).toBe(1);
    expect(t.optG.learningRate).toBe(4e-3);
  });

  it('a decayed run differs from a constant-rate run only after the decay starts', async () => {
    const a = trainer({ seed: 3 });
    const b = trainer({ seed: 3, lrDecayStart: 3, lrDecaySteps: 10 });
    const ra = await run(a, 5);
    const rb = await run(b, 5);
    expect(rb.slice(0, 4).map((r) => r.gLoss)).toEqual(ra.slice(0, 4).map((r) => r.gLoss));
    expect(snapshot(b.generator.variables)).not.toEqual(snapshot(a.generator.variables));
  });

  it('noise σ scales what G sees: σ = 3 equals σ = 1 with the first G kernel times 3', async () => {
    const wide = trainer({ seed: 5, latentStd: 3 });
    const unit = trainer({ seed: 5, latentStd: 1 });
    const first = unit.generator.params[0].variable;
    expect(first.shape).toEqual([DEFAULT_CONFIG.latentDim, 128]);
    first.assign(tf.mul(first, 3));
    const a = await wide.generate(50, 11);
    const b = await unit.generate(50, 11);
    expect(a.length).toBe(100);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 4);
    // Not the identity: without the scaled kernel the samples differ.
    first.assign(tf.div(first, 3));
    const c = await unit.generate(50, 11);
    expect(Math.max(...a.map((v, i) => Math.abs(v - c[i])))).toBeGreaterThan(1e-3);
  });

  it('lazy R1: every 4th D update at 4γ, the same first update as R1 at 4γ, charted per update, no leak', async () => {
    const lazy = trainer({ seed: 6, r1Gamma: 0.5, r1Every: 4 });
    const eager = trainer({ seed: 6, r1Gamma: 2, r1Every: 1 });
    const [l1] = await run(lazy, 1);
    const [e1] = await run(eager, 1);
    const dl = snapshot(lazy.discriminator.variables);
    const de = snapshot(eager.discriminator.variables);
    dl.forEach((w, i) => w.forEach((x, j) => expect(x).toBeCloseTo(de[i][j], 5)));
    expect(l1.r1).toBeGreaterThan(0);
    expect(l1.r1).toBeCloseTo(e1.r1 / 4, 5);
    const before = tf.memory().numTensors;
    const rows = await run(lazy, 8);
    expect(tf.memory().numTensors).toBe(before);
    // Updates 2–4 carry update 1's value; update 5 computes afresh, then 6–8 carry it.
    expect(rows.slice(0, 3).map((r) => r.r1)).toEqual([l1.r1, l1.r1, l1.r1]);
    expect(rows[3].r1).not.toBe(l1.r1);
    expect(rows.slice(4, 7).map((r) => r.r1)).toEqual([rows[3].r1, rows[3].r1, rows[3].r1]);
    // Off (10th update), then on again between lazy updates (11th): nothing from before is charted.
    lazy.setHyperparams({ r1Gamma: 0 });
    expect((await run(lazy, 1))[0].r1).toBe(0);
    lazy.setHyperparams({ r1Gamma: 0.5 });
    expect((await run(lazy, 1))[0].r1).toBe(0);
    // One tensor fewer than before: the carried value was dropped, not leaked.
    expect(tf.memory().numTensors).toBe(before - 1);
  });

  it('k D steps per G step update D k times', async () => {
    const t = trainer({ dSteps: 3 });
    await run(t, 2);
    expect(t.optD.iterations).toBe(6);
    expect(t.optG.iterations).toBe(2);
  });

  it('keeps the tensor count flat over 200 steps', async () => {
    const t = trainer({ l1D: 1e-4, l2G: 1e-4 });
    await run(t, 5);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) {
      t.trainStep();
      if (i % 50 === 49) await t.flushMetrics();
    }
    await t.flushMetrics();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checkpoint restore rolls weights, optimizer and counters back', async () => {
    const t = trainer();
    await run(t, 3);
    await t.saveCheckpoint();
    const saved = snapshot(t.generator.variables);
    await run(t, 4);
    expect(t.restoreCheckpoint()).toBe(true);
    expect(t.step).toBe(3);
    expect(t.optG.iterations).toBe(3);
    expect(snapshot(t.generator.variables)).toEqual(saved);
  });

  it('generates samples of the data shape, and D maps a grid to probabilities', async () => {
    const t = trainer();
    const pts = await t.generate(250, 1);
    expect(pts.length).toBe(500);
    const fixed = await t.fixedSamples();
    expect(fixed.length).toBe(64 * 2);
    const map = await t.discriminatorMap([-1, 1, -1, 1], 10);
    expect(map.length).toBe(100);
    expect(Math.min(...map)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...map)).toBeLessThanOrEqual(1);
  });

  it('rejects a model that does not fit the data', () => {
    expect(() => new Trainer({ ...DEFAULT_CONFIG, model: 'dcgan28-small' }, pointsDataset())).toThrow(/dcgan28-small makes \[28, 28, 1\]/);
  });

  it('regularization lab: R1, WGAN-GP, spectral norm and instance noise run live and report their terms', async () => {
    const t = trainer({ dSteps: 1 });
    await run(t, 2);
    t.setHyperparams({ r1Gamma: 10, gpLambda: 1, spectralNorm: 1, instanceNoise: 0.5, instanceNoiseSteps: 4 });
    const rows = await run(t, 5);
    for (const r of rows) {
      expect(r.r1).toBeGreaterThan(0);
      expect(r.gp).toBeGreaterThan(0);
      expect(Number.isFinite(r.dLoss)).toBe(true);
    }
    // Noise anneals linearly from when it was set (step 2): 0.5, 0.375, 0.25, 0.125, 0.
    expect(rows.map((r) => r.noiseSigma)).toEqual([0.5, 0.375, 0.25, 0.125, 0]);
    t.setHyperparams({ r1Gamma: 0, gpLambda: 0 });
    const [off] = await run(t, 1);
    expect(off.r1).toBe(0);
    expect(off.gp).toBe(0);
  });

  it('label smoothing changes the D loss but not what D sees (same weights and batches at step 1)', async () => {
    const a = trainer({ seed: 8 });
    const b = trainer({ seed: 8, labelSmoothing: 0.2 });
    const [ra] = await run(a, 1);
    const [rb] = await run(b, 1);
    expect(rb.dReal).toBe(ra.dReal);
    expect(rb.dFake).toBe(ra.dFake);
    expect(rb.dLoss).not.toBeCloseTo(ra.dLoss, 4);
  });

  it('Dirac-GAN: plain training keeps circling the equilibrium, R1 converges to (0, 0)', async () => {
    const dataset = await diracSource.load({ seed: 1, readAsset: async () => new ArrayBuffer(0) });
    const base = { ...DEFAULT_CONFIG, ...diracSource.info.recommended, dataset: 'dirac' };
    const radius = (r: { theta: number; psi: number }) => Math.hypot(r.theta, r.psi);
    const plain = await run(trainer(base, dataset), 300);
    const r1 = await run(trainer({ ...base, r1Gamma: 1 }, dataset), 300);
    expect(radius(plain[0])).toBeCloseTo(Math.SQRT2, 0);
    expect(radius(plain.at(-1)!)).toBeGreaterThan(0.1);
    expect(radius(r1.at(-1)!)).toBeLessThan(0.01);
  });
});
