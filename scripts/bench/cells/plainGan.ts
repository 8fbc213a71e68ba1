import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../../src/core/config';
import type { Dataset } from '../../../src/core/data/types';
import { LOSSES } from '../../../src/core/train/losses';
import { glorotUniform } from '../../../src/core/models/glorot';
import { buildNetwork, type Network } from '../../../src/core/models/network';
import { ARCHITECTURES } from '../../../src/core/models/specs';
import { Random } from '../../../src/core/random';

/**
 * The same GAN step written the plain TF.js way (as in tfjs-examples): tf.train.adam's
 * `minimize` for D then G, and both losses read back with `await data()` after every step.
 * Same networks, loss, batch and data path as the trainer; no metrics batching.
 */
export class PlainGan {
  private readonly g: Network;
  private readonly d: Network;
  private readonly optG: tf.AdamOptimizer;
  private readonly optD: tf.AdamOptimizer;
  private readonly rng: Random;
  private readonly buffer: Float32Array;
  private cursor = 0;

  constructor(
    private readonly config: TrainConfig,
    private readonly dataset: Dataset,
  ) {
    const arch = ARCHITECTURES[config.model];
    this.rng = new Random(config.seed);
    const init = glorotUniform(this.rng);
    this.g = buildNetwork('plainG', arch.generator, [config.latentDim], init);
    this.d = buildNetwork('plainD', arch.discriminator, arch.dataShape, init);
    this.optG = tf.train.adam(config.lrG, config.beta1, config.beta2);
    this.optD = tf.train.adam(config.lrD, config.beta1, config.beta2);
    this.buffer = new Float32Array(config.batchSize * dataset.dim);
  }

  /** Updates done so far (the bench's fairness test compares them with the trainer's). */
  dUpdates = 0;
  gUpdates = 0;

  /** The same work per step as the trainer: `dSteps` D updates on fresh real batches, then one G update. */
  async step(): Promise<[number, number]> {
    const { batchSize, latentDim, latentStd, dSteps } = this.config;
    const loss = LOSSES[this.config.loss];
    let dLoss: tf.Scalar | null = null;
    for (let k = 0; k < dSteps; k++) {
      dLoss?.dispose();
      const indices = new Int32Array(batchSize);
      for (let i = 0; i < batchSize; i++) indices[i] = (this.cursor++ * 7919) % this.dataset.count;
      this.dataset.readBatch(indices, this.buffer);
      const real = tf.tensor(this.buffer, [batchSize, ...ARCHITECTURES[this.config.model].dataShape]);
      const dSeed = this.rng.nextSeed();
      dLoss = this.optD.minimize(
        () => {
          const fake = this.g.apply(tf.randomNormal([batchSize, latentDim], 0, latentStd, 'float32', dSeed), { training: true });
          return loss.discriminator(
            this.d.apply(real, { training: true, dropoutSeed: dSeed + 1 }),
            this.d.apply(fake, { training: true, dropoutSeed: dSeed + 2 }),
          );
        },
        true,
        this.d.variables,
      ) as tf.Scalar;
      real.dispose();
      this.dUpdates += 1;
    }
    const gSeed = this.rng.nextSeed();
    const gLoss = this.optG.minimize(
      () => {
        const fake = this.g.apply(tf.randomNormal([batchSize, latentDim], 0, latentStd, 'float32', gSeed), { training: true });
        return loss.generator(this.d.apply(fake, { training: true, dropoutSeed: gSeed + 1 }));
      },
      true,
      this.g.variables,
    ) as tf.Scalar;
    this.gUpdates += 1;
    const dv = (await dLoss!.data())[0];
    const gv = (await gLoss.data())[0];
    dLoss!.dispose();
    gLoss.dispose();
    return [dv, gv];
  }

  dispose(): void {
    this.g.dispose();
    this.d.dispose();
    this.optG.dispose();
    this.optD.dispose();
  }
}
