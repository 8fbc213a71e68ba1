/**
 * Reads of the networks outside training: the sample grid, fresh samples for the quality
 * measures, D's heatmap over the plane and the kernels for the weights view. None changes state.
 */
import * as tf from '@tensorflow/tfjs';
import { eventTurn } from '../eventTurn';
import type { BatchNormStats, Network } from './network';
import { estimatePopulationStats } from '../export/populationStats';
import { Random } from '../random';
import { oneHotRows } from './conditionalSpecs';

export interface NamedValues {
  name: string;
  values: Float32Array;
}

/** Reads `compute`'s result back and frees it. */
async function readOnce(compute: () => tf.Tensor): Promise<Float32Array> {
  const out = tf.tidy(compute);
  const data = (await out.data()) as Float32Array;
  out.dispose();
  return data;
}

/**
 * G's output on a fixed noise batch (and its classes, one-hot, for a conditional G), values in G's
 * output range; `bnStats` normalises with fixed statistics instead of the batch's (classBatchNormStats).
 */
export function samplesFrom(generator: Network, noise: tf.Tensor2D, labels?: tf.Tensor, bnStats?: BatchNormStats[]): Promise<Float32Array> {
  return readOnce(() => generator.apply(noise, { training: true, labels, bnStats }));
}

/** Noise vectors behind classBatchNormStats: a fixed stream, so a class's samples depend only on the weights and the caller's seed. */
const CLASS_STATS_SEED = 424242;
const CLASS_STATS_SAMPLES = 1024;

/**
 * BatchNorm statistics for drawing one class from a conditional G. G normalises with its batch's
 * moments, and in training every batch mixes the classes; in a batch of one class, E[y] is the same
 * for every example, so BatchNorm subtracts it as part of the batch mean and the class is lost
 * (measured: MNIST samples asked for one class were read as that class 0–27% of the time). So a
 * one-class batch is normalised with the moments of mixed-class batches (uniform classes, as in
 * training), pooled as an exported model's population statistics are. Empty without BatchNorm.
 */
export async function classBatchNormStats(generator: Network, latent: LatentSpec, classes: number): Promise<BatchNormStats[]> {
  if (!generator.layers.some((l) => l.info.spec.type === 'batchnorm')) return [];
  const rng = new Random(CLASS_STATS_SEED);
  return estimatePopulationStats(generator, {
    samples: CLASS_STATS_SAMPLES,
    noise: (n) => tf.randomNormal([n, latent.latentDim], 0, latent.latentStd, 'float32', rng.nextSeed()),
    labels: (n) => {
      const picks = Array.from({ length: n }, () => rng.int(classes));
      return tf.tensor2d(oneHotRows(picks, classes), [n, classes]);
    },
  });
}

/** What a conditional G is asked for: its class count and one class, or none (classes drawn uniformly). */
export interface ClassRequest {
  classes: number;
  classIndex?: number;
}

export interface LatentSpec {
  latentDim: number;
  latentStd: number;
}

/** `count` fresh samples of `dim` floats from a noise stream seeded by `seed`, in batches (BN uses batch stats). */
export async function generateSamples(
  generator: Network,
  latent: LatentSpec,
  dim: number,
  count: number,
  seed: number,
  batchSize = 100,
  condition?: ClassRequest,
): Promise<Float32Array> {
  const result = new Float32Array(count * dim);
  const rng = new Random(seed);
  // One class: mixed-class BatchNorm statistics (see classBatchNormStats); mixed classes use the batch's own.
  const bnStats = condition?.classIndex !== undefined ? await classBatchNormStats(generator, latent, condition.classes) : undefined;
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    // BatchNorm needs more than one example to normalise; pad a final batch of one.
    const m = Math.max(n, 2);
    const zSeed = rng.nextSeed();
    // Drawn only for a conditional G, so an unconditional run's samples are what they were.
    const classes = condition ? Array.from({ length: m }, () => condition.classIndex ?? rng.int(condition.classes)) : null;
    const data = await readOnce(() => {
      const labels = classes && condition ? tf.tensor2d(oneHotRows(classes, condition.classes), [m, condition.classes]) : undefined;
      return generator.apply(tf.randomNormal([m, latent.latentDim], 0, latent.latentStd, 'float32', zSeed), { training: true, labels, bnStats });
    });
    result.set(data.subarray(0, n * dim), start * dim);
    if (start + batchSize < count) await eventTurn();
  }
  return result;
}

/** D's output on the centres of a gridSize² grid over extent, as P(real) in [0, 1]; row 0 at ymin. */
export function discriminatorGrid(
  discriminator: Network,
  kernel: ((w: tf.Variable) => tf.Tensor) | undefined,
  extent: [number, number, number, number],
  gridSize: number,
): Promise<Float32Array> {
  const [x0, x1, y0, y1] = extent;
  const pts = new Float32Array(gridSize * gridSize * 2);
  for (let r = 0; r < gridSize; r++) {
    for (let c = 0; c < gridSize; c++) {
      const i = (r * gridSize + c) * 2;
      pts[i] = x0 + ((c + 0.5) / gridSize) * (x1 - x0);
      pts[i + 1] = y0 + ((r + 0.5) / gridSize) * (y1 - y0);
    }
  }
  return readOnce(() => tf.sigmoid(discriminator.apply(tf.tensor2d(pts, [gridSize * gridSize, 2]), { training: false, kernel })));
}

/** A parameter's name without the network's instance prefix (`g3/dense0/kernel`, `gEma3/dense0/kernel` → `dense0/kernel`). */
export function localName(name: string): string {
  return name.replace(/^(?:gEma|[gd])\d+\//, '');
}

/** The network's penalised kernels, read back (for the weights view: seldom, never per step). */
export function readKernels(net: Network): Promise<NamedValues[]> {
  return Promise.all(net.params.filter((p) => p.penalized).map(async (p) => ({ name: localName(p.name), values: (await p.variable.data()) as Float32Array })));
}
