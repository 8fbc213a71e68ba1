/**
 * Walking a conditional G's class embedding (classPaths.ts with latentImages.ts), in floats: the
 * mixed one-hot rows reach G's embedding lookup as (1 − t)·E[a] + t·E[b], so the strip's ends are
 * the same z drawn as class a and as class b. In Node on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { imageDataset } from '../testing/fixtures';
import { Trainer } from '../train/trainer';
import { oneHotRows } from '../models/conditionalSpecs';
import { imagesAt, referenceStats } from './latentImages';
import { classMixPath, classRows } from './classPaths';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('class-embedding interpolation', () => {
  it('frame 0 is class a, the last frame class b (same z), the middle neither', async () => {
    const images = imageDataset([28, 28, 1], 32);
    const dataset = { ...images, info: { ...images.info, classNames: ['a', 'b', 'c'] }, labels: Uint8Array.from({ length: 32 }, (_, i) => i % 3) };
    const t = new Trainer({ ...DEFAULT_CONFIG, model: 'dcgan28-small', batchSize: 16, latentDim: 16, seed: 4, conditional: true }, dataset);
    try {
      const labels = tf.tensor2d(oneHotRows(t.sampleClasses!, 3), [64, 3]);
      const stats = await referenceStats(t.sampler, t.gridNoise, labels);
      labels.dispose();
      const before = tf.memory().numTensors;
      const z = ((await t.gridNoise.data()) as Float32Array).slice(0, 16);
      const zs = new Float32Array(5 * 16);
      for (let f = 0; f < 5; f++) zs.set(z, f * 16);
      const strip = await imagesAt(t.sampler, zs, 16, stats, { rows: classMixPath(0, 2, 5, 3), classes: 3 });
      const asA = await imagesAt(t.sampler, z, 16, stats, { rows: classRows(0, 1, 3), classes: 3 });
      const asB = await imagesAt(t.sampler, z, 16, stats, { rows: classRows(2, 1, 3), classes: 3 });
      expect(tf.memory().numTensors).toBe(before);
      const size = 28 * 28;
      const maxAbs = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
      expect(maxAbs(strip.subarray(0, size), asA)).toBeLessThan(1e-5);
      expect(maxAbs(strip.subarray(4 * size, 5 * size), asB)).toBeLessThan(1e-5);
      expect(maxAbs(asA, asB)).toBeGreaterThan(1e-3);
      expect(maxAbs(strip.subarray(2 * size, 3 * size), asA)).toBeGreaterThan(1e-4);
    } finally {
      t.dispose();
    }
  });
});
