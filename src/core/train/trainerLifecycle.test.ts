/** A reset builds a new Trainer and disposes the old one: nothing may stay behind. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { selectBackend } from '../backend/backend';
import { Trainer } from './trainer';
import { resolveConfig } from '../runConfig';
import { makeArrayDataset } from '../data/arrayDataset';
import { DATASET_SOURCES } from '../data/registry';

const infoOf = (id: string) => DATASET_SOURCES.find((d) => d.info.id === id)?.info;

beforeAll(async () => {
  await selectBackend('wasm');
});

it.each([
  ['mlp2d with spectral norm', { dataset: 'ring8', batchSize: 32, spectralNorm: 1, r1Gamma: 0.1, r1Every: 4 }],
  // Unconditional: the stand-in set below has no labels (MNIST's recommended run is conditional).
  ['dcgan28-small', { dataset: 'mnist', model: 'dcgan28-small', batchSize: 8, conditional: false }],
] as const)('building, stepping and disposing a trainer (%s) leaves no tensor behind', async (_name, input) => {
  const r = resolveConfig(input, infoOf, undefined, false);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const info = infoOf(r.value.dataset)!;
  const dim = info.shape.reduce((a, b) => a * b, 1);
  const dataset = makeArrayDataset(
    info,
    new Float32Array(64 * dim).map((_, i) => Math.sin(i) * 0.5),
  );
  const before = tf.memory().numTensors;
  for (let k = 0; k < 2; k++) {
    const t = new Trainer(r.value, dataset);
    t.trainStep();
    await t.flushMetrics();
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }
});
