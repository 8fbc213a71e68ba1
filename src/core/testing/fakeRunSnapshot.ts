/**
 * A run snapshot with the shapes a real trainer makes, filled with seeded numbers, and a run file
 * made from it: for tests that need a valid .ganrun without TF.js (the app's tests may not import
 * it). The same construction as the codec's own test (src/core/runfile/runFile.test.ts).
 */
import { DEFAULT_CONFIG, LIVE_KEYS, type LiveHyperparams, type TrainConfig } from '../config';
import { RING8_COUNT } from '../data/ring8';
import { ARCHITECTURES, inferLayers } from '../models/specs';
import { runSpecs } from '../models/conditionalSpecs';
import { getDatasetSource } from '../data/registry';
import { conditionalClasses } from '../runConfig';
import { Random } from '../random';
import { encodeRunFile, type RunHistory } from '../runfile/runFile';
import type { NamedTensor, RunSnapshot } from '../runfile/runSnapshot';

export function fakeRunSnapshot(overrides: Partial<TrainConfig> = {}, step = 200, count = RING8_COUNT): RunSnapshot {
  const config: TrainConfig = { ...DEFAULT_CONFIG, ...overrides };
  const rng = new Random(3);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const arch = ARCHITECTURES[config.model];
  const net = (params: { name: string; shape: number[] }[]): NamedTensor[] =>
    params.map((p) => ({ name: p.name, shape: p.shape, values: fill(p.shape.reduce((a, b) => a * b, 1)) }));
  const info = getDatasetSource(config.dataset)?.info;
  const specs = runSpecs(config, config.conditional && info ? conditionalClasses(info) : 0);
  const gp = inferLayers(specs.generator, [config.latentDim]).flatMap((l) => l.params);
  const dp = inferLayers(specs.discriminator, arch.dataShape).flatMap((l) => l.params);
  const generator = net(gp);
  const discriminator = net(dp);
  const adam = (list: NamedTensor[]) => ({ t: step, m: list.map((x) => fill(x.values.length)), v: list.map((x) => fill(x.values.length).map(Math.abs)) });
  const spectral = dp
    .filter((p) => p.penalized)
    .flatMap((p) => {
      const out = p.shape[p.shape.length - 1];
      const inDim = p.shape.reduce((a, b) => a * b, 1) / out;
      return [
        { name: `${p.name}/u`, shape: [out], values: fill(out) },
        { name: `${p.name}/v`, shape: [inDim], values: fill(inDim) },
      ];
    });
  const live = Object.fromEntries(LIVE_KEYS.map((k) => [k, config[k]])) as LiveHyperparams;
  return {
    config,
    live,
    step,
    epoch: 2,
    order: new Random(1).permutation(count).reduce((a, x, i) => ((a[i] = x), a), new Int32Array(count)),
    cursor: 17,
    rng: { state: 123456789, spareNormal: null },
    generator,
    discriminator,
    optG: adam(generator),
    optD: adam(discriminator),
    spectral,
    dUpdates: step,
    lastR1: null,
    noiseStartStep: 0,
    fixedNoise: fill(64 * config.latentDim),
  };
}

/** A valid run file's bytes (throws if the snapshot cannot be encoded). */
export function fakeRunFile(snapshot: RunSnapshot, history?: RunHistory): Uint8Array {
  const r = encodeRunFile({ snapshot, history, savedAt: '2026-12-02T06:00:00.000Z' });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
