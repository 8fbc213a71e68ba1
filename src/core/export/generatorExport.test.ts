import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend/backend';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { imageDataset, pointsDataset } from '../testing/fixtures';
import { loadExported } from '../testing/loadExported';
import { Trainer } from '../train/trainer';
import { diracSource } from '../data/dirac';
import type { Dataset } from '../data/types';
import { exportGenerator, type GeneratorExport } from './generatorExport';
import { WEIGHTS_FILE } from './layersModel';

beforeAll(async () => {
  // wasm: the same maths as cpu, several times faster in Node (the suite's time matters).
  await selectBackend('wasm');
});

const made: Trainer[] = [];
afterEach(() => made.splice(0).forEach((t) => t.dispose()));

function trained(overrides: Partial<TrainConfig>, dataset: Dataset, steps: number): Trainer {
  const t = new Trainer({ ...DEFAULT_CONFIG, batchSize: 16, ...overrides }, dataset);
  made.push(t);
  for (let i = 0; i < steps; i++) t.trainStep();
  return t;
}

/** Loads the two files the way any TF.js app would, after checking the manifest names the weights file. */
async function load(files: GeneratorExport): Promise<tf.LayersModel> {
  const json = JSON.parse(files.modelJson);
  expect(json.format).toBe('layers-model');
  expect(json.weightsManifest[0].paths).toEqual([WEIGHTS_FILE]);
  return loadExported(files);
}

async function compare(t: Trainer, files: GeneratorExport, batch: number): Promise<number> {
  const model = await load(files);
  const z = tf.randomNormal([batch, t.config.latentDim], 0, t.config.latentStd, 'float32', 99);
  const ours = tf.tidy(() => t.generator.apply(z, { training: false, bnStats: files.stats }));
  const theirs = model.predict(z) as tf.Tensor;
  expect(theirs.shape).toEqual(ours.shape);
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]);
  tf.dispose([z, ours, theirs]);
  model.dispose();
  return diff;
}

describe('exportGenerator', () => {
  it('mlp2d: the loaded Layers model reproduces the generator on fixed noise', async () => {
    const t = trained({ model: 'mlp2d' }, pointsDataset(), 20);
    const files = await exportGenerator(t);
    expect(files.stats).toEqual([]);
    // Dense kernels and biases: 64·128+128 + 128·128+128 + 128·2+2 floats (latentDim from the defaults).
    const params = t.generator.variables.reduce((s, v) => s + v.size, 0);
    expect(files.weights.byteLength).toBe(4 * params);
    expect(JSON.parse(files.modelJson).userDefinedMetadata).toMatchObject({ model: 'mlp2d', step: 20, latentDim: t.config.latentDim });
    expect(await compare(t, files, 64)).toBeLessThan(1e-4);
    const loaded = await load(files);
    expect(loaded.getUserDefinedMetadata()).toMatchObject({ latentDim: t.config.latentDim, latentStd: t.config.latentStd });
    loaded.dispose();
  });

  it('a small DCGAN: population statistics from noise, same output as the generator in inference mode', async () => {
    // Untrained weights are as good a test as trained ones here (and a CPU DCGAN step is slow).
    const t = trained({ model: 'dcgan28-small', latentDim: 16 }, imageDataset([28, 28, 1]), 0);
    const progress: number[] = [];
    const files = await exportGenerator(t, (f) => progress.push(f), 512);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
    // Three BatchNorm layers: after the Dense (7·7·64 features), then 32 and 16 channels.
    expect(files.stats.map((s) => s.mean.length)).toEqual([3136, 32, 16]);
    for (const s of files.stats) expect(s.variance.every((v) => v > 0)).toBe(true);
    const layers = JSON.parse(files.modelJson).modelTopology.config.layers.map((l: { class_name: string }) => l.class_name);
    expect(layers).toEqual([
      'Dense',
      'BatchNormalization',
      'LeakyReLU',
      'Reshape',
      'Conv2DTranspose',
      'BatchNormalization',
      'LeakyReLU',
      'Conv2DTranspose',
      'BatchNormalization',
      'LeakyReLU',
      'Conv2DTranspose',
      'Activation',
    ]);
    expect(await compare(t, files, 8)).toBeLessThan(1e-4);
  });

  it('a resize-conv generator: nearest-neighbour upsampling becomes UpSampling2D, same output', async () => {
    const t = trained({ model: 'resize28-small', latentDim: 16 }, imageDataset([28, 28, 1]), 0);
    const files = await exportGenerator(t, undefined, 256);
    const layers = JSON.parse(files.modelJson).modelTopology.config.layers.map((l: { class_name: string }) => l.class_name);
    expect(layers.filter((c: string) => c === 'UpSampling2D')).toHaveLength(2);
    expect(layers).not.toContain('Conv2DTranspose');
    expect(await compare(t, files, 8)).toBeLessThan(1e-4);
  });

  it('population statistics match the batch statistics of a large batch', async () => {
    const t = trained({ model: 'dcgan28-small', latentDim: 16 }, imageDataset([28, 28, 1]), 0);
    const files = await exportGenerator(t, undefined, 512);
    const z = tf.randomNormal([128, 16], 0, t.config.latentStd, 'float32', 5);
    const batchStats = tf.tidy(() => t.generator.apply(z, { training: true }));
    const popStats = tf.tidy(() => t.generator.apply(z, { training: false, bnStats: files.stats }));
    const diff = tf.tidy(() => tf.mean(tf.abs(tf.sub(batchStats, popStats))).dataSync()[0]);
    tf.dispose([z, batchStats, popStats]);
    expect(diff).toBeLessThan(0.05);
  });

  it('Dirac-GAN: the constant becomes a zero-kernel Dense whose bias is θ', async () => {
    const dataset = await diracSource.load({ seed: 1, readAsset: async () => new ArrayBuffer(0) });
    const t = trained({ ...diracSource.info.recommended, model: 'dirac', dataset: 'dirac' }, dataset, 5);
    const files = await exportGenerator(t);
    expect(await compare(t, files, 4)).toBeLessThan(1e-6);
  });

  it('leaves no tensors behind', async () => {
    const t = trained({ model: 'dcgan28-small', latentDim: 16 }, imageDataset([28, 28, 1]), 0);
    await exportGenerator(t, undefined, 256);
    const before = tf.memory().numTensors;
    await exportGenerator(t, undefined, 256);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses weights that are not finite', async () => {
    const t = trained({ model: 'mlp2d' }, pointsDataset(), 1);
    t.generator.variables[0].assign(tf.fill(t.generator.variables[0].shape, NaN));
    await expect(exportGenerator(t)).rejects.toThrow(/not finite/);
  });
});
