/**
 * A conditional generator's export (docs/exports.md): the two-input Layers model [z, classIndex],
 * loaded with tf.loadLayersModel from the in-memory files, gives the trainer's sampler's output
 * (population BatchNorm statistics, the same mode as an unconditional export) for the same z and
 * class, for both image families that take a class.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/backend';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { CLASS_EMBED_DIM, oneHotRows } from '../models/conditionalSpecs';
import { labelledImageDataset } from '../testing/fixtures';
import { loadExported } from '../testing/loadExported';
import { Trainer } from '../train/trainer';
import { exportGenerator, type GeneratorExport } from './generatorExport';

beforeAll(async () => {
  // wasm: the same maths as cpu, several times faster in Node (as generatorExport.test.ts).
  await selectBackend('wasm');
});

const CLASSES = 3;
const made: Trainer[] = [];
afterEach(() => made.splice(0).forEach((t) => t.dispose()));

/** A conditional run after `steps` updates (so G's class table and G_ema have moved off their start). */
function trained(model: TrainConfig['model'], steps: number): Trainer {
  const config = { ...DEFAULT_CONFIG, model, batchSize: 6, latentDim: 8, seed: 3, conditional: true, emaKimg: 0.01 };
  const t = new Trainer(config, labelledImageDataset([28, 28, 1], CLASSES, 24));
  made.push(t);
  for (let i = 0; i < steps; i++) t.trainStep();
  return t;
}

/** Largest |ours − exported| on fixed noise with the classes given (one per row). */
async function difference(t: Trainer, files: GeneratorExport, classes: number[]): Promise<number> {
  const model = await loadExported(files);
  const n = classes.length;
  const z = tf.randomNormal([n, t.config.latentDim], 0, t.config.latentStd, 'float32', 99);
  const labels = tf.tensor2d(oneHotRows(classes, CLASSES), [n, CLASSES]);
  const ours = tf.tidy(() => t.sampler.apply(z, { training: false, bnStats: files.stats, labels }));
  const classIndex = tf.tensor2d(classes, [n, 1]);
  const theirs = model.predict([z, classIndex]) as tf.Tensor;
  expect(theirs.shape).toEqual(ours.shape);
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]);
  tf.dispose([z, labels, ours, classIndex, theirs]);
  model.dispose();
  return diff;
}

describe('exportGenerator on a conditional run', () => {
  for (const model of ['dcgan28-small', 'resize28-small'] as const) {
    it(`${model}: the loaded [z, classIndex] model gives the sampler's output for each class`, async () => {
      const t = trained(model, 2);
      const files = await exportGenerator({ config: t.config, generator: t.sampler, step: t.step, classNames: ['a', 'b', 'c'] }, undefined, 256);
      // Every class alone, and a batch mixing them.
      for (let k = 0; k < CLASSES; k++) expect(await difference(t, files, [k, k, k, k])).toBeLessThan(1e-4);
      expect(await difference(t, files, [0, 1, 2, 2, 1, 0])).toBeLessThan(1e-4);

      const json = JSON.parse(files.modelJson);
      expect(json.modelTopology.class_name).toBe('Model');
      const layers = json.modelTopology.config.layers.map((l: { class_name: string }) => l.class_name);
      expect([...layers.slice(0, 5)].sort()).toEqual(['Concatenate', 'Embedding', 'Flatten', 'InputLayer', 'InputLayer']);
      expect(json.modelTopology.config.input_layers.map((l: unknown[]) => l[0])).toEqual(['z', 'class_index']);
      expect(json.userDefinedMetadata).toMatchObject({ classes: CLASSES, classNames: ['a', 'b', 'c'], latentDim: 8, step: 2 });
      // The class table travels as the Embedding's weights: G's parameters, nothing more, plus BN's population statistics.
      const params = t.sampler.variables.reduce((s, v) => s + v.size, 0);
      const statsFloats = files.stats.reduce((s, st) => s + st.mean.length + st.variance.length, 0);
      expect(files.weights.byteLength).toBe(4 * (params + statsFloats));
      expect(t.sampler.variables[0].shape).toEqual([CLASSES, CLASS_EMBED_DIM]);
    });
  }

  it('the class changes the image, a row does not depend on the rest of its batch, and the class may be int32 [batch]', async () => {
    const t = trained('resize28-small', 1);
    const model = await loadExported(await exportGenerator(t, undefined, 256));
    const z = tf.randomNormal([1, 8], 0, t.config.latentStd, 'float32', 4);
    const per = [0, 1, 2].map((k) => model.predict([z, tf.tensor2d([[k]])]) as tf.Tensor);
    const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(per[0], per[1]))).dataSync()[0]);
    expect(gap).toBeGreaterThan(1e-3);
    // Fixed statistics: class 2 of this z is the same alone and beside other rows.
    const mixed = model.predict([tf.concat([z, z, z]), tf.tensor2d([[0], [1], [2]])]) as tf.Tensor;
    const last = tf.tidy(() => tf.max(tf.abs(tf.sub(mixed.slice([2], [1]), per[2]))).dataSync()[0]);
    expect(last).toBeLessThan(1e-5);
    // The class as int32 of shape [batch] (rank 1) reads the same as float [batch, 1].
    const flat = model.predict([tf.concat([z, z, z]), tf.tensor1d([0, 1, 2], 'int32')]) as tf.Tensor;
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(flat, mixed))).dataSync()[0])).toBe(0);
    tf.dispose([z, ...per, mixed, flat]);
    model.dispose();
  });

  it('population statistics come from a uniform class mix, and leave no tensors behind', async () => {
    const t = trained('dcgan28-small', 0);
    const a = await exportGenerator(t, undefined, 256);
    const before = tf.memory().numTensors;
    const b = await exportGenerator(t, undefined, 256);
    expect(tf.memory().numTensors).toBe(before);
    // Reproducible per weights: the noise and the class cycle are fixed streams.
    expect(b.stats.map((s) => Array.from(s.mean))).toEqual(a.stats.map((s) => Array.from(s.mean)));
    expect(a.stats.map((s) => s.mean.length)).toEqual([3136, 32, 16]);
  });

  it('refuses a generator whose class input disagrees with the config', async () => {
    const t = trained('dcgan28-small', 0);
    await expect(exportGenerator({ config: { ...t.config, conditional: false }, generator: t.sampler, step: 0 })).rejects.toThrow(/takes a class/);
  });
});
