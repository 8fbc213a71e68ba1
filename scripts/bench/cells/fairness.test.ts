/**
 * The bench's "ours ÷ plain" is only a speed-up if both loops do the same work per step: the
 * same config (loss, batch, D steps) with penalties off in both, and the same number of D and G
 * updates per step.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/core/train/trainer';
import { MODEL_ORDER, PENALTIES_OFF, configFor, syntheticDataset } from './datasets';
import { PlainGan } from './plainGan';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the bench compares equal work', () => {
  it('every benched config has its penalties off', () => {
    for (const model of MODEL_ORDER) {
      const config = configFor(model, 8);
      for (const [key, off] of Object.entries(PENALTIES_OFF)) expect(config[key as keyof typeof config], `${model} ${key}`).toBe(off);
    }
  });

  it('the ring8 preset (2 D steps) makes the same D and G updates per step in both loops', async () => {
    const config = configFor('mlp2d', 16);
    expect(config.dSteps).toBe(2);
    const dataset = syntheticDataset('ring8', 64);
    const trainer = new Trainer(config, dataset);
    const plain = new PlainGan(config, dataset);
    try {
      for (let i = 0; i < 3; i++) {
        trainer.trainStep();
        await plain.step();
      }
      await trainer.flushMetrics();
      expect(plain.dUpdates).toBe(trainer.optD.iterations);
      expect(plain.gUpdates).toBe(trainer.optG.iterations);
      expect(plain.dUpdates).toBe(3 * config.dSteps);
      expect(plain.gUpdates).toBe(3);
    } finally {
      trainer.dispose();
      plain.dispose();
    }
  });
});
