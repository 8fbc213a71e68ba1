/**
 * The training step as it was before the kernel cut (per-variable Adam, one D pass per batch,
 * TF.js's own LeakyRelu gradient), frozen for the test that the faster step computes the same
 * thing (trainerEquivalence.test.ts). Not used by the app. Only the step and its state are kept.
 */
import * as tf from '@tensorflow/tfjs';
import { LiveAdam } from './adam';
import type { LiveHyperparams, TrainConfig } from '../../config';
import { LIVE_KEYS } from '../../config';
import type { Dataset } from '../../data/types';
import { DEVICE_METRICS, PendingMetrics, disposeAll, keepAll, type StepScalars } from '../../backend/deviceMetrics';
import { LOSSES, type GanLoss } from '../../train/losses';
import type { StepMetrics } from '../../metrics/stepMetrics';
import { buildNetwork, type ApplyOptions, type InitFn, type Network } from './network';
import { ARCHITECTURES, summarizeModel, type ModelSummary } from '../../models/specs';
import { lrDecayFactor } from '../../train/lrSchedule';
import { Random } from '../../random';
import { r1Penalty, wganGpPenalty } from '../../train/gradientPenalties';
import { globalNorm, sumPairwise, weightPenalty } from '../../train/regularizers';
import { SpectralNorm } from '../../train/spectralNorm';

const SAMPLE_GRID_SIDE = 8;

let instanceCounter = 0;

function glorotUniform(rng: Random): InitFn {
  return (shape, fanIn, fanOut) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < out.length; i++) out[i] = (rng.next() * 2 - 1) * limit;
    return out;
  };
}

interface StepResult {
  /** True when this step finished a pass over the dataset. */
  epochEnded: boolean;
}

export class ReferenceTrainer {
  readonly summary: ModelSummary;
  readonly generator: Network;
  readonly discriminator: Network;
  readonly optG: LiveAdam;
  readonly optD: LiveAdam;
  private readonly loss: GanLoss;
  private readonly rng: Random;
  private fixedNoise: tf.Tensor2D;
  private readonly dataShape: number[];
  private order: Int32Array;
  private cursor = 0;
  private readonly pending = new PendingMetrics();
  private live: LiveHyperparams;
  private realBuffer: Float32Array;
  private readonly spectral: SpectralNorm;
  /** D updates so far: lazy R1 runs on every r1Every-th. */
  private dUpdates = 0;
  /** The last R1 term computed, reported on the D updates that skip it. */
  private lastR1: tf.Scalar | null = null;
  /** The step from which instance noise anneals (reset whenever its settings change). */
  private noiseStartStep = 0;
  step = 0;
  epoch = 0;

  constructor(
    readonly config: Readonly<TrainConfig>,
    readonly dataset: Dataset,
  ) {
    const arch = ARCHITECTURES[config.model];
    if (arch.dataShape.join('x') !== dataset.info.shape.join('x')) {
      throw new Error(`model ${config.model} makes [${arch.dataShape.join(', ')}] but dataset ${dataset.info.id} is [${dataset.info.shape.join(', ')}]`);
    }
    this.summary = summarizeModel(config.model, config.latentDim, config.dSteps);
    this.dataShape = arch.dataShape;
    this.loss = LOSSES[config.loss];
    this.rng = new Random(config.seed);
    const id = ++instanceCounter;
    const init = glorotUniform(this.rng.fork());
    this.generator = buildNetwork(`refG${id}`, arch.generator, [config.latentDim], init);
    this.discriminator = buildNetwork(`refD${id}`, arch.discriminator, arch.dataShape, init);
    this.live = Object.fromEntries(LIVE_KEYS.map((k) => [k, config[k]])) as LiveHyperparams;
    this.optG = new LiveAdam(this.generator.variables, { learningRate: config.lrG, beta1: config.beta1, beta2: config.beta2 });
    this.optD = new LiveAdam(this.discriminator.variables, { learningRate: config.lrD, beta1: config.beta1, beta2: config.beta2 });
    const sampleCount = SAMPLE_GRID_SIDE * SAMPLE_GRID_SIDE;
    this.fixedNoise = this.latent(sampleCount, this.rng.nextSeed());
    this.order = new Int32Array(dataset.count).map((_, i) => i);
    this.rng.shuffle(this.order);
    this.realBuffer = new Float32Array(config.batchSize * dataset.dim);
    this.spectral = new SpectralNorm(this.penalized(this.discriminator), this.rng.nextSeed());
  }

  /** The live values in force. */
  get hyperparams(): LiveHyperparams {
    return { ...this.live };
  }

  /** Applies at the next step; models and optimizer moments are kept. Returns what is in force. */
  setHyperparams(values: Partial<LiveHyperparams>): LiveHyperparams {
    for (const key of LIVE_KEYS) {
      const v = values[key];
      if (v !== undefined) this.live[key] = v;
    }
    if (values.instanceNoise !== undefined || values.instanceNoiseSteps !== undefined) this.noiseStartStep = this.step;
    return this.hyperparams;
  }

  private nextRealBatch(): { batch: tf.Tensor; epochEnded: boolean } {
    const n = this.config.batchSize;
    const indices = new Int32Array(n);
    let epochEnded = false;
    for (let i = 0; i < n; i++) {
      if (this.cursor >= this.order.length) {
        this.cursor = 0;
        this.epoch += 1;
        epochEnded = true;
        this.rng.shuffle(this.order);
      }
      indices[i] = this.order[this.cursor++];
    }
    this.dataset.readBatch(indices, this.realBuffer);
    return { batch: tf.tensor(this.realBuffer, [n, ...this.dataShape]), epochEnded };
  }

  private noise(n: number): tf.Tensor2D {
    return this.latent(n, this.rng.nextSeed());
  }

  /** n latent vectors z ~ N(0, latentStd²). */
  private latent(n: number, seed: number): tf.Tensor2D {
    return tf.randomNormal([n, this.config.latentDim], 0, this.config.latentStd, 'float32', seed);
  }

  /** D(x) as reported: a probability for logit losses, the raw output otherwise. */
  private reportedD(out: tf.Tensor): tf.Scalar {
    return tf.mean(this.loss.logit ? tf.sigmoid(out) : out) as tf.Scalar;
  }

  private penalized(net: Network): tf.Variable[] {
    return net.params.filter((p) => p.penalized).map((p) => p.variable);
  }

  /** Options for applying D: spectral normalization when on, and the step's dropout seed. */
  private dOptions(dropoutSeed: number, twiceDifferentiable = false): ApplyOptions {
    return { training: true, dropoutSeed, twiceDifferentiable, kernel: this.live.spectralNorm ? this.spectral.normalize : undefined };
  }

  /** The factor on both learning rates at the current step (1 unless a decay is set). */
  get lrScale(): number {
    return lrDecayFactor(this.step, this.live.lrDecayStart, this.live.lrDecaySteps);
  }

  /** The instance-noise σ in force at the current step (annealed linearly to 0). */
  get noiseSigma(): number {
    const { instanceNoise, instanceNoiseSteps } = this.live;
    return instanceNoise * Math.max(0, 1 - (this.step - this.noiseStartStep) / instanceNoiseSteps);
  }

  private withInstanceNoise(x: tf.Tensor, sigma: number): tf.Tensor {
    return sigma > 0 ? tf.add(x, tf.randomNormal(x.shape, 0, sigma, 'float32', this.rng.nextSeed())) : x;
  }

  /** One D update on a fresh real batch. */
  private discriminatorStep(): { scalars: StepScalars; epochEnded: boolean } {
    const { l1D, l2D, r1Gamma, r1Every, gpLambda, labelSmoothing } = this.live;
    const r1Now = r1Gamma > 0 && this.dUpdates % r1Every === 0;
    this.dUpdates += 1;
    const sigma = this.noiseSigma;
    const n = this.config.batchSize;
    let epochEnded = false;
    const scalars: StepScalars = {};
    tf.tidy(() => {
      if (this.live.spectralNorm) this.spectral.powerIteration();
      const next = this.nextRealBatch();
      epochEnded = next.epochEnded;
      const fake = this.generator.apply(this.noise(n), { training: true });
      const realIn = this.withInstanceNoise(next.batch, sigma);
      const fakeIn = this.withInstanceNoise(fake, sigma);
      const seedReal = this.rng.nextSeed();
      const seedFake = this.rng.nextSeed();
      const seedGp = this.rng.nextSeed();
      const mix = gpLambda > 0 ? tf.randomUniform([n, ...this.dataShape.map(() => 1)], 0, 1, 'float32', this.rng.nextSeed()) : null;
      const { grads } = tf.variableGrads(() => {
        const realOut = this.discriminator.apply(realIn, this.dOptions(seedReal));
        const fakeOut = this.discriminator.apply(fakeIn, this.dOptions(seedFake));
        const adversarial = this.loss.discriminator(realOut, fakeOut, 1 - labelSmoothing);
        const penalty = weightPenalty(this.penalized(this.discriminator), l1D, l2D);
        // The same dropout masks as the loss's real pass, so R1 measures the D being trained.
        const critic = (seed: number) => (x: tf.Tensor) => this.discriminator.apply(x, this.dOptions(seed, true));
        const r1 = r1Now ? r1Penalty(critic(seedReal), realIn, r1Gamma * r1Every) : null;
        const gp = mix ? wganGpPenalty(critic(seedGp), next.batch, fake, mix, gpLambda) : null;
        Object.assign(
          scalars,
          keepAll({
            dLoss: adversarial,
            dL1: penalty.l1,
            dL2: penalty.l2,
            dReal: this.reportedD(realOut),
            dFake: this.reportedD(fakeOut),
            r1: this.reportR1(r1, r1Gamma > 0, r1Every),
            gp: gp ?? undefined,
          }),
        );
        // Only the terms that are on are added: zeros would cost kernels every step.
        return sumPairwise([adversarial, ...penalty.active, ...(r1 ? [r1] : []), ...(gp ? [gp] : [])]) as tf.Scalar;
      }, this.discriminator.variables);
      const gradList = this.discriminator.variables.map((v) => grads[v.name]);
      this.optD.apply(gradList);
      scalars.dGradNorm = tf.keep(globalNorm(gradList));
    });
    return { scalars, epochEnded };
  }

  /**
   * The R1 value to chart this update, per update (a lazy term applied at k·γ counts 1/k): the
   * fresh one, else the last one computed, so the series does not drop to 0 between lazy updates.
   */
  private reportR1(fresh: tf.Scalar | null, on: boolean, every: number): tf.Scalar | undefined {
    if (fresh) {
      const perUpdate = every > 1 ? (tf.div(fresh, every) as tf.Scalar) : fresh;
      this.lastR1?.dispose();
      this.lastR1 = tf.keep(perUpdate.clone());
      return perUpdate;
    }
    if (!on) {
      // Switched off: a later switch-on must not chart a value from before.
      this.lastR1?.dispose();
      this.lastR1 = null;
      return undefined;
    }
    return this.lastR1 ? this.lastR1.clone() : undefined;
  }

  /** One G update. */
  private generatorStep(): StepScalars {
    const { l1G, l2G } = this.live;
    const sigma = this.noiseSigma;
    const scalars: StepScalars = {};
    tf.tidy(() => {
      const z = this.noise(this.config.batchSize);
      const seed = this.rng.nextSeed();
      const noiseSeed = this.rng.nextSeed();
      const { grads } = tf.variableGrads(() => {
        let fake = this.generator.apply(z, { training: true });
        if (sigma > 0) fake = tf.add(fake, tf.randomNormal(fake.shape, 0, sigma, 'float32', noiseSeed));
        const fakeOut = this.discriminator.apply(fake, this.dOptions(seed));
        const adversarial = this.loss.generator(fakeOut);
        const penalty = weightPenalty(this.penalized(this.generator), l1G, l2G);
        Object.assign(scalars, keepAll({ gLoss: adversarial, gL1: penalty.l1, gL2: penalty.l2 }));
        return sumPairwise([adversarial, ...penalty.active]) as tf.Scalar;
      }, this.generator.variables);
      const gradList = this.generator.variables.map((v) => grads[v.name]);
      this.optG.apply(gradList);
      scalars.gGradNorm = tf.keep(globalNorm(gradList));
    });
    return scalars;
  }

  /** `dSteps` D updates then one G update. Nothing is read back to the CPU here. */
  trainStep(): StepResult {
    const lrScale = this.lrScale;
    this.optG.learningRate = this.live.lrG * lrScale;
    this.optD.learningRate = this.live.lrD * lrScale;
    let epochEnded = false;
    let dScalars: StepScalars = {};
    for (let k = 0; k < this.config.dSteps; k++) {
      disposeAll(dScalars);
      const d = this.discriminatorStep();
      dScalars = d.scalars;
      epochEnded ||= d.epochEnded;
    }
    const gScalars = this.generatorStep();
    const all: StepScalars = { ...dScalars, ...gScalars };
    if (this.config.model === 'dirac') {
      // The Dirac-GAN's whole state is two numbers: record its path, step by step.
      all.theta = tf.keep(tf.reshape(this.generator.variables[0], []));
      all.psi = tf.keep(tf.reshape(this.discriminator.variables[0], []));
    }
    const values = tf.tidy(() => tf.stack(DEVICE_METRICS.map((k) => all[k] ?? tf.scalar(0))) as tf.Tensor1D);
    disposeAll(all);
    this.pending.push({ step: this.step + 1, epoch: this.epoch, noiseSigma: this.noiseSigma, lrScale, values });
    this.step += 1;
    return { epochEnded };
  }

  /** Reads every pending step's metrics back in one transfer. */
  flushMetrics(): Promise<StepMetrics[]> {
    return this.pending.flush();
  }

  dispose(): void {
    this.lastR1?.dispose();
    this.lastR1 = null;
    this.pending.clear();
    this.generator.dispose();
    this.discriminator.dispose();
    this.optG.dispose();
    this.optD.dispose();
    this.fixedNoise.dispose();
    this.spectral.dispose();
  }
}
