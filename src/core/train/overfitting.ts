/**
 * Is D memorising the real set? D's mean output on training reals, on held-out reals it never
 * trains on (RealBatches' held-out slice) and on G's samples. While D generalises, the two real
 * values agree; as it overfits, the held-out reals drift towards the fakes. r_t = E[sign D(x)] on
 * the training reals is ADA's overfitting heuristic (Karras et al. 2020): near 1, D is sure of
 * every training image.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../config';
import type { Network } from '../models/network';
import type { RealBatches } from './realBatches';
import { reportedD } from './tapeFreeStep';
import type { OverfittingKey } from '../metrics/overfittingKeys';

/** How many reals of each kind (and fakes) the measure shows D. */
export const OVERFITTING_SAMPLE = 256;
const OVERFITTING_SEED_OFFSET = 11;

export type OverfittingValues = Record<OverfittingKey, number>;

/**
 * The measure on the first OVERFITTING_SAMPLE training examples (by index: the same ones every
 * time; fewer when the training set or the held-out slice is smaller), as many held-out ones and
 * raw G's samples from a fixed noise seed; `judge` is D as it judges (no augmentation, no dropout,
 * spectral norm as in force).
 */
export async function measureOverfitting(
  config: Readonly<TrainConfig>,
  batches: RealBatches,
  generator: Network,
  judge: (x: tf.Tensor, labels?: tf.Tensor) => tf.Tensor,
  /** A conditional run's fakes' classes (one-hot, OVERFITTING_SAMPLE rows, cycling over the classes). */
  fakeLabels?: (n: number) => tf.Tensor,
): Promise<OverfittingValues | null> {
  const held = batches.heldOut;
  if (held.length === 0) return null;
  // A small training set (`trainLimit`) caps the sample: as many training reals as held-out ones.
  const n = Math.min(OVERFITTING_SAMPLE, held.length, batches.trainingCount);
  const train = Int32Array.from({ length: n }, (_, i) => i);
  const values = tf.tidy(() => {
    const shown = (out: tf.Tensor) => reportedD(config.loss, out);
    const z = tf.randomNormal([n, config.latentDim], 0, config.latentStd, 'float32', config.seed + OVERFITTING_SEED_OFFSET);
    const heldIndices = held.subarray(0, n);
    const trainOut = judge(batches.examples(train), batches.labelsOf(train));
    const heldOut = judge(batches.examples(heldIndices), batches.labelsOf(heldIndices));
    const labels = fakeLabels?.(n);
    const fakes = judge(generator.apply(z, { training: true, labels }), labels);
    return tf.stack([shown(trainOut), shown(heldOut), shown(fakes), tf.mean(tf.sign(trainOut))]);
  });
  const [dTrainReal, dHeldOut, dFake, rt] = Array.from(await values.data());
  values.dispose();
  return { dTrainReal, dHeldOut, dFake, rt };
}
