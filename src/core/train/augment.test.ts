/**
 * DiffAugment: a pure function of (images, seed, settings), its hand-written backward against
 * TF.js's tape, and augmentP = 0 giving exactly the step as it was before augmentation existed
 * (losses recorded from that build, src/core/testing/stepBeforeAugment.json).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import type { Dataset } from '../data/types';
import { imageDataset, pointsDataset } from '../testing/fixtures';
import before from '../testing/stepBeforeAugment.json';
import { augment, drawAugmentParams, type AugmentSettings } from './augment';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ALL: AugmentSettings = { p: 1, color: true, translation: true, cutout: true };

async function losses(config: TrainConfig, ds: Dataset, steps: number): Promise<number[][]> {
  const t = new Trainer(config, ds);
  for (let i = 0; i < steps; i++) t.trainStep();
  const m = await t.flushMetrics();
  t.dispose();
  return m.map((r) => [r.dLoss, r.gLoss, r.dReal, r.dFake]);
}

describe('DiffAugment', () => {
  it('augmentP = 0: bit-for-bit the losses of the step before augmentation existed', async () => {
    const off = { augmentP: 0, augmentColor: 1, augmentTranslation: 1, augmentCutout: 1 };
    expect(await losses({ ...DEFAULT_CONFIG, batchSize: 16, instanceNoise: 0.1, l2D: 1e-3, ...off }, pointsDataset(64), 6)).toEqual(before.ring8);
    expect(await losses({ ...DEFAULT_CONFIG, model: 'dcgan28-small', batchSize: 4, loss: 'hinge', ...off }, imageDataset([28, 28, 1], 8), 2)).toEqual(
      before.dcgan28small.slice(0, 2),
    );
  }, 120_000);

  it('with p = 0 returns its input itself', () => {
    const x = tf.ones([2, 4, 4, 3]);
    expect(augment(x, { ...ALL, p: 0 }, 1).out).toBe(x);
    x.dispose();
  });

  it('is a pure function of (images, seed, settings); another seed gives another result', () => {
    tf.tidy(() => {
      const x = tf.randomUniform([4, 8, 8, 3], -1, 1, 'float32', 3);
      const a = augment(x, ALL, 7).out.dataSync();
      expect(augment(x, ALL, 7).out.dataSync()).toEqual(a);
      expect(augment(x, ALL, 8).out.dataSync()).not.toEqual(a);
    });
  });

  it('translation moves pixels by whole steps and fills with 0; cutout zeroes a square of half the side', () => {
    const p = drawAugmentParams(64, 8, 8, { p: 1, color: false, translation: true, cutout: false }, 5);
    expect(Math.max(...p.shiftY.map(Math.abs), ...p.shiftX.map(Math.abs))).toBe(1);
    tf.tidy(() => {
      const x = tf.tensor4d(
        Float32Array.from({ length: 64 * 64 }, (_, i) => 1 + (i % 64)),
        [64, 8, 8, 1],
      );
      const y = augment(x, { p: 1, color: false, translation: true, cutout: false }, 5).out.arraySync() as number[][][][];
      for (let i = 0; i < 64; i++) {
        const [dy, dx] = [p.shiftY[i], p.shiftX[i]];
        for (let r = 0; r < 8; r++)
          for (let c = 0; c < 8; c++) {
            const [sr, sc] = [r - dy, c - dx];
            expect(y[i][r][c][0]).toBe(sr >= 0 && sr < 8 && sc >= 0 && sc < 8 ? 1 + sr * 8 + sc : 0);
          }
      }
    });
    // A centred square is 4×4 = 16 pixels; one near an edge is clipped.
    const keep = drawAugmentParams(64, 8, 8, { p: 1, color: false, translation: false, cutout: true }, 5).keep!;
    const cut = Array.from({ length: 64 }, (_, i) => 64 - keep.slice(i * 64, i * 64 + 64).reduce((a, b) => a + b, 0));
    expect(Math.max(...cut)).toBe(16);
    expect(Math.min(...cut)).toBeGreaterThan(0);
  });

  it('applies each transform to about a share p of the images', () => {
    const p = drawAugmentParams(2000, 8, 8, { p: 0.3, color: true, translation: false, cutout: false }, 9);
    const share = p.brightness.filter((b) => b !== 0).length / 2000;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('its backward equals the tape’s gradient through the same forward ops', () => {
    tf.tidy(() => {
      const x = tf.randomUniform([5, 8, 8, 3], -1, 1, 'float32', 1);
      const r = tf.randomNormal([5, 8, 8, 3], 0, 1, 'float32', 2);
      const tape = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(augment(v, ALL, 11).out, r)))(x);
      const ours = augment(x, ALL, 11).backward(r);
      expect(tf.max(tf.abs(tf.sub(tape, ours))).dataSync()[0]).toBeLessThan(1e-5);
    });
  });

  it('trains a resize-conv GAN with augmentation on in both updates without leaking tensors', async () => {
    const t = new Trainer(
      { ...DEFAULT_CONFIG, model: 'resize28-small', loss: 'hinge', spectralNorm: 1, batchSize: 4, augmentP: 0.5 },
      imageDataset([28, 28, 1], 8),
    );
    t.trainStep();
    await t.flushMetrics();
    const count = tf.memory().numTensors;
    t.trainStep();
    t.trainStep();
    const rows = await t.flushMetrics();
    expect(tf.memory().numTensors).toBe(count);
    expect(rows.every((r) => Number.isFinite(r.dLoss) && Number.isFinite(r.gLoss))).toBe(true);
    t.dispose();
  }, 120_000);
});
