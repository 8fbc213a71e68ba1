/**
 * Moving a trainer's tensors between the device and a `RunSnapshot`: reads that are consistent
 * with the moment they were asked for, and checks that a snapshot fits a trainer before anything
 * is written (a bad snapshot leaves the trainer as it was).
 */
import * as tf from '@tensorflow/tfjs';
import { LIVE_KEYS, type TrainConfig } from '../config';
import { localName } from '../models/inferenceProbes';
import type { Network } from '../models/network';
import type { LiveAdam } from '../train/adam';
import type { AdamState, NamedTensor, RunSnapshot } from './runSnapshot';
import type { SpectralNorm } from '../train/spectralNorm';

/** The trainer's tensors a snapshot holds. */
export interface TrainerTensors {
  generator: Network;
  discriminator: Network;
  optG: LiveAdam;
  optD: LiveAdam;
  spectral: SpectralNorm;
  fixedNoise: tf.Tensor2D;
  lastR1: tf.Scalar | null;
  /** The averaged generator, when the run keeps one. */
  generatorEma: Network | null;
}

type TensorPart = Pick<RunSnapshot, 'generator' | 'discriminator' | 'optG' | 'optD' | 'spectral' | 'fixedNoise' | 'lastR1' | 'generatorEma'>;

/** Every tensor of the snapshot, cloned now and read back after (see `readNetwork`). */
export async function readTensors(t: TrainerTensors): Promise<TensorPart> {
  const names = t.spectral.kernels.map((w) => localName(w.name));
  const [generator, discriminator, optG, optD, vectors, fixedNoise, lastR1, generatorEma] = await Promise.all([
    readNetwork(t.generator),
    readNetwork(t.discriminator),
    t.optG.exportState(),
    t.optD.exportState(),
    t.spectral.exportVectors(),
    readOwned(t.fixedNoise.clone()),
    t.lastR1 ? readOwned(t.lastR1.clone()) : Promise.resolve(null),
    t.generatorEma ? readNetwork(t.generatorEma) : Promise.resolve(null),
  ]);
  const spectral = vectors.flatMap(({ u, v }, i) => [
    { name: `${names[i]}/u`, shape: [u.length], values: u },
    { name: `${names[i]}/v`, shape: [v.length], values: v },
  ]);
  return { generator, discriminator, optG, optD, spectral, fixedNoise, lastR1: lastR1 ? lastR1[0] : null, ...(generatorEma ? { generatorEma } : {}) };
}

/** Weights, optimizer state and spectral vectors from a snapshot already checked by `snapshotMismatch`. */
export function writeTensors(snap: RunSnapshot, t: TrainerTensors): void {
  writeNetwork(t.generator, snap.generator);
  writeNetwork(t.discriminator, snap.discriminator);
  t.optG.importState(snap.optG);
  t.optD.importState(snap.optD);
  const pairs = [];
  for (let i = 0; i < snap.spectral.length; i += 2) pairs.push({ u: snap.spectral[i].values, v: snap.spectral[i + 1].values });
  t.spectral.importVectors(pairs);
}

/** Every variable of `net`, in order; clones are taken now and read after. */
export async function readNetwork(net: Network): Promise<NamedTensor[]> {
  const held = net.params.map((p) => ({ name: localName(p.name), shape: [...p.variable.shape], tensor: p.variable.clone() }));
  return Promise.all(
    held.map(async ({ name, shape, tensor }) => {
      const values = Float32Array.from((await tensor.data()) as Float32Array);
      tensor.dispose();
      return { name, shape, values };
    }),
  );
}

/** Reads a tensor taken now (a clone the caller gives up) back as a copy. */
async function readOwned(t: tf.Tensor): Promise<Float32Array> {
  const values = Float32Array.from((await t.data()) as Float32Array);
  t.dispose();
  return values;
}

function writeNetwork(net: Network, tensors: NamedTensor[]): void {
  tf.tidy(() => tensors.forEach((x, i) => net.params[i].variable.assign(tf.tensor(x.values, net.params[i].variable.shape))));
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function checkNetwork(label: string, net: Network, tensors: NamedTensor[], opt: AdamState): string | null {
  if (tensors.length !== net.params.length) return `${label} has ${tensors.length} tensors; the model has ${net.params.length}`;
  for (let i = 0; i < tensors.length; i++) {
    const p = net.params[i];
    const x = tensors[i];
    if (x.name !== localName(p.name)) return `${label} tensor ${i} is ${x.name}; the model has ${localName(p.name)} there`;
    if (!sameShape(x.shape, p.variable.shape) || x.values.length !== p.variable.size) {
      return `${label} ${x.name} is [${x.shape.join(', ')}]; the model needs [${p.variable.shape.join(', ')}]`;
    }
  }
  if (!Number.isInteger(opt.t) || opt.t < 0) return `${label} optimizer step count ${opt.t} is not a non-negative integer`;
  for (const [key, list] of [
    ['m', opt.m],
    ['v', opt.v],
  ] as const) {
    if (list.length !== net.params.length) return `${label} optimizer has ${list.length} ${key} arrays for ${net.params.length} variables`;
    const bad = list.findIndex((a, i) => a.length !== net.params[i].variable.size);
    if (bad >= 0) return `${label} optimizer ${key} for ${localName(net.params[bad].name)} has the wrong size`;
  }
  return null;
}

export interface SnapshotTarget {
  config: Readonly<TrainConfig>;
  generator: Network;
  discriminator: Network;
  spectralKernels: tf.Variable[];
  datasetCount: number;
  fixedNoiseSize: number;
}

/** Why `snap` cannot be restored into the target, or null when it fits. */
export function snapshotMismatch(snap: RunSnapshot, target: SnapshotTarget): string | null {
  const live = new Set<string>(LIVE_KEYS);
  for (const key of Object.keys(target.config) as (keyof TrainConfig)[]) {
    if (!live.has(key) && snap.config[key] !== target.config[key])
      return `the snapshot's ${key} is ${JSON.stringify(snap.config[key])}; this run's is ${JSON.stringify(target.config[key])}`;
  }
  const g = checkNetwork('G', target.generator, snap.generator, snap.optG);
  if (g) return g;
  const d = checkNetwork('D', target.discriminator, snap.discriminator, snap.optD);
  if (d) return d;
  if (snap.generatorEma) {
    const ema = checkNetwork('averaged G', target.generator, snap.generatorEma, snap.optG);
    if (ema) return ema;
  }
  if (snap.spectral.length !== 2 * target.spectralKernels.length)
    return `${snap.spectral.length} spectral-norm vectors for ${target.spectralKernels.length} kernels`;
  for (let i = 0; i < target.spectralKernels.length; i++) {
    const w = target.spectralKernels[i];
    const out = w.shape[w.shape.length - 1];
    if (snap.spectral[2 * i].values.length !== out || snap.spectral[2 * i + 1].values.length !== w.size / out)
      return `spectral-norm vectors for ${localName(w.name)} have the wrong size`;
  }
  if (snap.order.length !== target.datasetCount) return `the data order has ${snap.order.length} entries; the dataset has ${target.datasetCount} examples`;
  const seen = new Uint8Array(target.datasetCount);
  for (const i of snap.order) {
    if (!(i >= 0 && i < target.datasetCount) || seen[i]) return 'the data order is not a permutation of the dataset';
    seen[i] = 1;
  }
  if (!Number.isInteger(snap.cursor) || snap.cursor < 0 || snap.cursor > target.datasetCount) return `the data cursor ${snap.cursor} is outside the dataset`;
  if (snap.fixedNoise.length !== target.fixedNoiseSize)
    return `the sample noise holds ${snap.fixedNoise.length} values; this run needs ${target.fixedNoiseSize}`;
  for (const key of ['step', 'epoch', 'dUpdates', 'noiseStartStep'] as const) {
    if (!Number.isInteger(snap[key]) || snap[key] < 0) return `${key} ${snap[key]} is not a non-negative integer`;
  }
  if (snap.lastR1 !== null && !Number.isFinite(snap.lastR1)) return `the last R1 value ${snap.lastR1} is not finite`;
  return null;
}
