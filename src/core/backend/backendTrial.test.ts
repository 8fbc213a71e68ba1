import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend, selectBackend } from './backend';
import { calibrate } from './backendCalibration';
import { measureStepMs, predictStepMs, trialEnv } from './backendTrial';
import { resolveConfig } from '../runConfig';
import { makeArrayDataset } from '../data/arrayDataset';
import { DATASET_SOURCES } from '../data/registry';
import type { TrainConfig } from '../config';

const infoOf = (id: string) => DATASET_SOURCES.find((d) => d.info.id === id)?.info;

function resolved(input: Partial<TrainConfig>): TrainConfig {
  const r = resolveConfig(input, infoOf, undefined, false);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const ringConfig = () => resolved({ dataset: 'ring8', batchSize: 64 });

describe('backend trial (real TF.js in Node)', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('predicts cpu as too slow for a conv model but cheap for the 2-D MLP', () => {
    const conv = resolved({ dataset: 'mnist', model: 'dcgan28-small', batchSize: 64 });
    // dcgan28-small at batch 64 is 2.5 GFLOP a step: over 1 s on cpu, three of which do not fit a 1.5 s share.
    expect(predictStepMs(conv, 'cpu')! * 3).toBeGreaterThan(1500);
    expect(predictStepMs(ringConfig(), 'cpu')).toBeLessThan(100);
    expect(predictStepMs(ringConfig(), 'webgpu')).toBeNull();
  });

  it('times real steps of the run config and leaks no tensor', async () => {
    const config = ringConfig();
    const points = new Float32Array(512 * 2).map((_, i) => Math.sin(i));
    const dataset = makeArrayDataset(infoOf('ring8')!, points);
    let clock = 0;
    // The first trial also fills TF.js's own caches; the second must add nothing.
    await measureStepMs(config, dataset, 100, () => (clock += 5));
    const before = tf.memory().numTensors;
    const ms = await measureStepMs(config, dataset, 100, () => (clock += 5));
    expect(ms).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops after the first warm-up step when that alone exceeds the budget (the backend has lost)', async () => {
    const config = ringConfig();
    const dataset = makeArrayDataset(
      infoOf('ring8')!,
      new Float32Array(512 * 2).map((_, i) => Math.sin(i)),
    );
    let clock = 0;
    let reads = 0;
    // Each clock read advances 1 s: the first warm-up step "takes" 1 s against a 500 ms budget.
    const ms = await measureStepMs(config, dataset, 500, () => {
      reads += 1;
      return (clock += 1000);
    });
    expect(ms).toBe(1000);
    expect(reads).toBe(2);
  });

  it('calibrates between wasm and cpu on the 2-D MLP and leaves the winner active', async () => {
    const config = ringConfig();
    const points = new Float32Array(512 * 2).map((_, i) => Math.cos(i));
    const dataset = makeArrayDataset(infoOf('ring8')!, points);
    const c = await calibrate(
      ['wasm', 'cpu'],
      config.model,
      trialEnv(
        config,
        dataset,
        (n) => activateBackend(n),
        () => performance.now(),
      ),
      undefined,
      2000,
    );
    expect(c.measurements.map((m) => m.name)).toEqual(['wasm', 'cpu']);
    expect(c.measurements.every((m) => m.msPerStep !== null && m.msPerStep > 0)).toBe(true);
    expect(tf.getBackend()).toBe(c.chosen);
    await activateBackend('wasm');
  });
});
