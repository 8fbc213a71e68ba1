/**
 * Conditional runs (docs/conditional.md): the tape-free D and G gradients with class labels against
 * the tape, the label stream beside the real batches, the fixed grid's classes, generate(n, seed,
 * class), reproducibility, flat tensor counts and a snapshot round trip, for both image families.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/backend';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { makeArrayDataset } from '../data/arrayDataset';
import type { Dataset, DatasetInfo } from '../data/types';
import { oneHotRows, runSpecs } from '../models/conditionalSpecs';
import { glorotUniform } from '../models/glorot';
import { buildNetwork } from '../models/network';
import { ARCHITECTURES } from '../models/specs';
import { Random } from '../random';
import { LOSSES } from './losses';
import { RealBatches } from './realBatches';
import { discriminatorGradients, generatorGradients, StackedSigns } from './tapeFreeStep';
import { Trainer } from './trainer';

beforeAll(async () => {
  // wasm: the same maths as cpu, several times faster in Node (as trainer.test.ts).
  await selectBackend('wasm');
});

const made: { dispose(): void }[] = [];
afterEach(() => made.splice(0).forEach((t) => t.dispose()));

/** A labelled image set: example i is class i mod `classes` and every pixel of it is (class − 1)/2. */
function labelledImages(count = 24, classes = 3, shape = [28, 28, 1]): Dataset {
  const dim = shape[0] * shape[1] * shape[2];
  const labels = Uint8Array.from({ length: count }, (_, i) => i % classes);
  const data = new Float32Array(count * dim).map((_, j) => (labels[Math.floor(j / dim)] - 1) / 2);
  const info: DatasetInfo = {
    id: 'test-labelled',
    name: 'test',
    kind: 'image',
    shape,
    count,
    licence: 'test',
    credit: 'test',
    description: 'test',
    recommended: {},
    classNames: Array.from({ length: classes }, (_, k) => String(k)),
  };
  return { ...makeArrayDataset(info, data), labels };
}

function conditional(model: TrainConfig['model'], overrides: Partial<TrainConfig> = {}): Trainer {
  const t = new Trainer({ ...DEFAULT_CONFIG, model, batchSize: 6, latentDim: 8, seed: 5, conditional: true, ...overrides }, labelledImages());
  made.push(t);
  return t;
}

async function losses(t: Trainer, steps: number): Promise<number[][]> {
  for (let i = 0; i < steps; i++) t.trainStep();
  return (await t.flushMetrics()).map((r) => [r.dLoss, r.gLoss]);
}

function expectClose(a: tf.Tensor, b: tf.Tensor, label: string): void {
  expect(a.shape, label).toEqual(b.shape);
  const [x, y] = [a.dataSync(), b.dataSync()];
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / (1 + Math.abs(y[i])));
  expect(worst, label).toBeLessThan(1e-4);
}

const labels = (classes: number[], k: number) => tf.tensor2d(oneHotRows(classes, k), [classes.length, k]);

describe.each([
  ['dcgan28-small', 'nonsaturating'],
  ['resize28-small', 'hinge'],
] as const)('conditional %s (%s): tape-free gradients equal the tape', (model, lossId) => {
  const specs = runSpecs({ model, conditional: true }, 3);
  const shape = ARCHITECTURES[model].dataShape;

  it('D: real and fake batches with their classes (one concatenated pass)', () => {
    tf.tidy(() => {
      const D = buildNetwork(`cd${Math.random()}`, specs.discriminator, shape, glorotUniform(new Random(2)));
      made.push(D);
      const realIn = tf.randomNormal([4, ...shape], 0, 1, 'float32', 1);
      const fakeIn = tf.randomNormal([4, ...shape], 0, 1, 'float32', 2);
      const [realLabels, fakeLabels] = [labels([0, 1, 2, 1], 3), labels([2, 2, 0, 1], 3)];
      const signs = new StackedSigns(4);
      const ours = discriminatorGradients(D, { lossId, realIn, fakeIn, seedReal: 7, seedFake: 8, realTarget: 1, report: false, signs, realLabels, fakeLabels });
      const { grads } = tf.variableGrads(
        () =>
          LOSSES[lossId].discriminator(
            D.apply(realIn, { training: true, dropoutSeed: 7, labels: realLabels }),
            D.apply(fakeIn, { training: true, dropoutSeed: 8, labels: fakeLabels }),
          ),
        D.variables,
      );
      D.variables.forEach((v, i) => expectClose(ours.grads[i], grads[v.name], v.name));
      signs.dispose();
    });
  });

  it('G: through D, the class G is asked for is the class D judges', () => {
    tf.tidy(() => {
      const G = buildNetwork(`cg${Math.random()}`, specs.generator, [8], glorotUniform(new Random(3)));
      const D = buildNetwork(`cd${Math.random()}`, specs.discriminator, shape, glorotUniform(new Random(4)));
      made.push(G, D);
      const z = tf.randomNormal([5, 8], 0, 1, 'float32', 3);
      const y = labels([0, 2, 1, 1, 0], 3);
      const ours = generatorGradients(G, D, { lossId, z, dropoutSeed: 9, noise: { sigma: 0, seed: 0 }, labels: y });
      const { grads } = tf.variableGrads(
        () => LOSSES[lossId].generator(D.apply(G.apply(z, { training: true, labels: y }), { training: true, dropoutSeed: 9, labels: y })),
        G.variables,
      );
      expect(ours.grads).toHaveLength(G.variables.length);
      G.variables.forEach((v, i) => expectClose(ours.grads[i], grads[v.name], v.name));
    });
  });
});

describe('conditional training', () => {
  it('real batches come with their own labels, in the same order', () => {
    const batches = new RealBatches(labelledImages(), 6, new Random(1), 0, 3);
    tf.tidy(() => {
      for (let b = 0; b < 5; b++) {
        const next = batches.next();
        const pixels = next.batch.reshape([6, -1]).slice([0, 0], [6, 1]).dataSync();
        const classes = tf.argMax(next.labels!, 1).dataSync();
        // Every pixel of a class-k example is (k − 1)/2.
        expect(Array.from(pixels)).toEqual(Array.from(classes, (k) => (k - 1) / 2));
      }
    });
    expect(() => new RealBatches({ ...labelledImages(), labels: undefined }, 6, new Random(1), 0, 3)).toThrow(/no labels/);
  });

  it.each(['dcgan28-small', 'resize28-small'] as const)('%s: finite losses, reproducible from the seed, tensor count flat', async (model) => {
    const extra: Partial<TrainConfig> = model === 'resize28-small' ? { loss: 'hinge', spectralNorm: 1, emaKimg: 10, holdout: 6 } : {};
    const a = conditional(model, extra);
    const first = await losses(a, 2);
    const before = tf.memory().numTensors;
    const rest = await losses(a, 3);
    expect(tf.memory().numTensors).toBe(before);
    for (const row of [...first, ...rest]) for (const v of row) expect(Number.isFinite(v)).toBe(true);
    const b = conditional(model, extra);
    expect(await losses(b, 5)).toEqual([...first, ...rest]);
    // The fake classes come from the run's stream: another seed, other losses.
    const c = conditional(model, { ...extra, seed: 6 });
    expect((await losses(c, 1))[0]).not.toEqual(first[0]);
    if (model === 'resize28-small') expect(await a.overfitting()).not.toBeNull();
  });

  it.each(['dcgan32-small', 'resize32-small'] as const)('%s on emoji’s shape (32×32×3, 9 classes) trains with finite losses', async (model) => {
    const t = new Trainer({ ...DEFAULT_CONFIG, model, batchSize: 9, latentDim: 8, conditional: true }, labelledImages(18, 9, [32, 32, 3]));
    made.push(t);
    expect(t.classes).toBe(9);
    for (const row of await losses(t, 2)) for (const v of row) expect(Number.isFinite(v)).toBe(true);
    expect((await t.generate(3, 1, 8)).length).toBe(3 * 32 * 32 * 3);
  });

  it('the tape path (R1 on) trains a conditional D too, reproducibly', async () => {
    const cfg = { loss: 'hinge' as const, r1Gamma: 1 };
    const a = await losses(conditional('resize28-small', cfg), 3);
    expect(await losses(conditional('resize28-small', cfg), 3)).toEqual(a);
    for (const row of a) for (const v of row) expect(Number.isFinite(v)).toBe(true);
  });

  it('the sample grid: one class per row, 8 per row, cycling; generate(n, seed, class)', async () => {
    const t = conditional('resize28-small');
    expect(t.classes).toBe(3);
    expect(t.sampleClasses).toHaveLength(64);
    expect(t.sampleClasses!.filter((_, i) => i % 8 === 0)).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    expect(new Set(t.sampleClasses!.slice(8, 16))).toEqual(new Set([1]));
    expect((await t.fixedSamples()).length).toBe(64 * 28 * 28);
    const k1 = await t.generate(10, 3, 1);
    expect(await t.generate(10, 3, 1)).toEqual(k1);
    // A one-class batch keeps its class: with the batch's own BatchNorm moments E[y] would be
    // subtracted as part of the mean and every class would give the same images (to rounding).
    const k2 = await t.generate(10, 3, 2);
    expect(Math.max(...k1.map((v, i) => Math.abs(v - k2[i])))).toBeGreaterThan(1e-3);
    expect((await t.generate(10, 3)).length).toBe(10 * 28 * 28);
    await expect(async () => t.generate(4, 1, 3)).rejects.toThrow(/out of range/);
  });

  it('the summary counts the variables the run builds, class embeddings included', () => {
    for (const model of ['dcgan28-small', 'resize28-small'] as const) {
      const t = conditional(model);
      const size = (vs: tf.Variable[]) => vs.reduce((n, v) => n + v.size, 0);
      expect(t.summary.classes, model).toBe(3);
      expect(t.summary.generatorParams, model).toBe(size(t.generator.variables));
      expect(t.summary.discriminatorParams, model).toBe(size(t.discriminator.variables));
    }
  });

  it('an unconditional run has no classes: no grid classes, and asking for one is an error', async () => {
    const t = new Trainer({ ...DEFAULT_CONFIG, model: 'resize28-small', batchSize: 6, latentDim: 8 }, labelledImages());
    made.push(t);
    expect(t.classes).toBe(0);
    expect(t.sampleClasses).toBeNull();
    await expect(async () => t.generate(4, 1, 0)).rejects.toThrow(/not conditional/);
  });

  it('a snapshot restores a conditional run exactly: the next steps’ losses are the same', async () => {
    const a = conditional('resize28-small', { loss: 'hinge', spectralNorm: 1, emaKimg: 10 });
    await losses(a, 2);
    const snap = await a.snapshot();
    const next = await losses(a, 2);
    const b = Trainer.fromSnapshot(snap, labelledImages());
    made.push(b);
    expect(await losses(b, 2)).toEqual(next);
  });
});
