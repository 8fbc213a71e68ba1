import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend, selectBackend } from '../core/backend/backend';
import type { CachedChoice } from '../core/backend/backendCalibration';
import type { BackendReport } from '../core/backend/backendReport';
import type { TrainConfig } from '../core/config';
import { makeArrayDataset } from '../core/data/arrayDataset';
import { DATASET_SOURCES } from '../core/data/registry';
import { resolveConfig } from '../core/runConfig';
import { createBackendChooser } from './backendChoice';

const infoOf = (id: string) => DATASET_SOURCES.find((d) => d.info.id === id)?.info;
function config(input: Partial<TrainConfig>): TrainConfig {
  const r = resolveConfig(input, infoOf, undefined, false);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const ring = makeArrayDataset(
  infoOf('ring8')!,
  new Float32Array(512 * 2).map((_, i) => Math.sin(i)),
);
const auto: BackendReport = { name: 'wasm', reasons: [], requested: 'auto', hardwareGpu: false, candidates: ['wasm', 'cpu'], deviceId: 'test | 2 cores' };

function chooser() {
  const cache = new Map<string, CachedChoice>();
  const activated: string[] = [];
  const progress: string[] = [];
  const choose = createBackendChooser({
    activate: (name) => {
      activated.push(name);
      return activateBackend(name);
    },
    cache: { get: async (k) => cache.get(k), set: async (k, v) => void cache.set(k, v) },
    now: () => performance.now(),
    date: () => 0,
  });
  return { choose: (r: BackendReport, c: TrainConfig) => choose(r, c, ring, (m) => progress.push(m.message)), cache, activated, progress };
}

describe('createBackendChooser (real wasm and cpu in Node)', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('measures wasm against cpu for the 2-D MLP, picks wasm and says why; the same model is not measured again', async () => {
    const c = chooser();
    const report = await c.choose(auto, config({ dataset: 'ring8', batchSize: 64 }));
    expect(report.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.calibration).toMatch(/^wasm — measured \d+\.\d× faster than cpu for mlp2d/);
    // The same verdict as data, for the page to word in its language.
    expect(report.calibrationFacts).toMatchObject({ kind: 'faster', chosen: 'wasm', other: 'cpu', model: 'mlp2d' });
    expect(c.progress).toEqual(['Measuring which backend trains mlp2d fastest…']);
    expect(c.cache.size).toBe(1);
    const n = c.activated.length;
    expect((await c.choose(auto, config({ dataset: 'ring8', batchSize: 64, seed: 9 }))).calibration).toBe(report.calibration);
    expect(c.activated.length).toBe(n);
  });

  it('never second-guesses a forced backend, and needs two candidates to measure', async () => {
    const c = chooser();
    const forced: BackendReport = { name: 'cpu', reasons: [], requested: 'cpu', hardwareGpu: false };
    expect(await c.choose(forced, config({ dataset: 'ring8' }))).toBe(forced);
    const single: BackendReport = { ...auto, candidates: ['wasm'] };
    expect(await c.choose(single, config({ dataset: 'ring8' }))).toBe(single);
    expect(c.activated).toEqual([]);
  });
});
