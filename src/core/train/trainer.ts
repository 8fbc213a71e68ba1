/**
 * One GAN training run: both networks, both optimizers, the data order and the fixed sample
 * noise, and the step maths. Live hyperparameters are read at every step; metrics stay on the
 * device (deviceMetrics.ts) until `flushMetrics`. Inference reads live in inferenceProbes.ts, the
 * snapshot checks and tensor copies in snapshotState.ts. Each update runs tape-free
 * (tapeFreeStep.ts, docs/kernels.md) unless it differentiates twice (R1, WGAN-GP) or through
 * spectral normalisation; then TF.js's tape. Over ~400 lines because the step's orchestration
 * (D step, G step, lazy R1, instance noise, the random stream's order, both paths) is one
 * cohesive thing; what remains beside it are one-line delegates that keep the public API the
 * worker, CLI and bench call.
 */
import * as tf from '@tensorflow/tfjs';
import { LiveAdam } from './adam';
import type { LiveHyperparams, TrainConfig } from '../config';
import { LIVE_KEYS } from '../config';
import type { Dataset } from '../data/types';
import { DEVICE_METRICS, PendingMetrics, disposeAll, keepAll, type StepScalars } from '../backend/deviceMetrics';
import { discriminatorGrid, generateSamples, readKernels, samplesFrom, type NamedValues } from '../models/inferenceProbes';
import { LOSSES, type GanLoss } from './losses';
import type { StepMetrics } from '../metrics/stepMetrics';
import { glorotUniform } from '../models/glorot';
import { buildNetwork, type ApplyOptions, type Network } from '../models/network';
import { ARCHITECTURES, summarizeModel, type ModelSummary } from '../models/specs';
import { lrDecayFactor } from './lrSchedule';
import { Random } from '../random';
import { r1Penalty, wganGpPenalty } from './gradientPenalties';
import { flattenAll, sumPairwise, weightPenalty } from './regularizers';
import type { RunSnapshot } from '../runfile/runSnapshot';
import { readTensors, snapshotMismatch, writeTensors, type TrainerTensors } from '../runfile/snapshotState';
import { SpectralNorm } from './spectralNorm';
import { stepKernels } from '../backend/stepKernels';
import { addPenaltyGradients, discriminatorGradients, generatorGradients, reportedD, StackedSigns } from './tapeFreeStep';
import { forward } from '../models/backprop';

export type { NamedValues };

/** The fixed noise batch behind the 8×8 sample grid. */
export const SAMPLE_GRID_SIDE = 8;

let instanceCounter = 0;

export interface StepResult {
  /** True when this step finished a pass over the dataset. */
  epochEnded: boolean;
}

export class Trainer {
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
  /** A CPU copy, so a rollback survives a lost GPU device. */
  private checkpoint: RunSnapshot | null = null;
  private readonly spectral: SpectralNorm;
  /** D updates so far: lazy R1 runs on every r1Every-th. */
  private dUpdates = 0;
  /** The last R1 term computed, reported on the D updates that skip it. */
  private lastR1: tf.Scalar | null = null;
  /** The step from which instance noise anneals (reset whenever its settings change). */
  private noiseStartStep = 0;
  private readonly signs: StackedSigns;
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
    this.generator = buildNetwork(`g${id}`, arch.generator, [config.latentDim], init);
    this.discriminator = buildNetwork(`d${id}`, arch.discriminator, arch.dataShape, init);
    this.live = Object.fromEntries(LIVE_KEYS.map((k) => [k, config[k]])) as LiveHyperparams;
    this.optG = new LiveAdam(this.generator.variables, { learningRate: config.lrG, beta1: config.beta1, beta2: config.beta2 });
    this.optD = new LiveAdam(this.discriminator.variables, { learningRate: config.lrD, beta1: config.beta1, beta2: config.beta2 });
    const sampleCount = SAMPLE_GRID_SIDE * SAMPLE_GRID_SIDE;
    this.fixedNoise = this.latent(sampleCount, this.rng.nextSeed());
    this.order = new Int32Array(dataset.count).map((_, i) => i);
    this.rng.shuffle(this.order);
    this.realBuffer = new Float32Array(config.batchSize * dataset.dim);
    this.spectral = new SpectralNorm(this.penalized(this.discriminator), this.rng.nextSeed());
    this.signs = new StackedSigns(config.batchSize);
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
    return reportedD(this.config.loss, out);
  }

  /**
   * Whether an update can skip TF.js's tape (tapeFreeStep.ts): nothing in it is differentiated
   * twice (R1, WGAN-GP) or through spectral normalisation's σ(W).
   */
  private tapeFree(twice: boolean): boolean {
    return !twice && !this.live.spectralNorm;
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

  /** One D update on a fresh real batch; `report`: compute what the charts show from it. */
  private discriminatorStep(report: boolean): { scalars: StepScalars; epochEnded: boolean } {
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
      const tapeFree = this.tapeFree(r1Now || gpLambda > 0);
      const z = this.noise(n);
      const fake = tapeFree ? forward(this.generator, z) : this.generator.apply(z, { training: true });
      const realIn = this.withInstanceNoise(next.batch, sigma);
      const fakeIn = this.withInstanceNoise(fake, sigma);
      const seedReal = this.rng.nextSeed();
      const seedFake = this.rng.nextSeed();
      const seedGp = this.rng.nextSeed();
      const mix = gpLambda > 0 ? tf.randomUniform([n, ...this.dataShape.map(() => 1)], 0, 1, 'float32', this.rng.nextSeed()) : null;
      if (tapeFree) {
        const d = discriminatorGradients(this.discriminator, {
          lossId: this.config.loss,
          realIn,
          fakeIn,
          seedReal,
          seedFake,
          realTarget: 1 - labelSmoothing,
          report,
          signs: this.signs,
        });
        const weights = this.penalized(this.discriminator);
        const r1 = this.reportR1(null, r1Gamma > 0, r1Every);
        if (report) {
          const penalty = weightPenalty(weights, l1D, l2D);
          Object.assign(scalars, keepAll({ dLoss: d.dLoss, dL1: penalty.l1, dL2: penalty.l2, dReal: d.dReal, dFake: d.dFake, r1 }));
        } else r1?.dispose();
        const norm = this.updateTapeFree(this.optD, this.discriminator, d.grads, l1D, l2D, report);
        if (norm) scalars.dGradNorm = tf.keep(norm);
        return;
      }
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
      const norm = this.update(
        this.optD,
        this.discriminator.variables.map((v) => grads[v.name]),
        report,
      );
      if (norm) scalars.dGradNorm = tf.keep(norm);
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
      if (this.tapeFree(false)) {
        const g = generatorGradients(this.generator, this.discriminator, { lossId: this.config.loss, z, dropoutSeed: seed, noise: { sigma, seed: noiseSeed } });
        const penalty = weightPenalty(this.penalized(this.generator), l1G, l2G);
        Object.assign(scalars, keepAll({ gLoss: g.gLoss, gL1: penalty.l1, gL2: penalty.l2 }));
        scalars.gGradNorm = tf.keep(this.updateTapeFree(this.optG, this.generator, g.grads, l1G, l2G, true)!);
        return;
      }
      const { grads } = tf.variableGrads(() => {
        let fake = this.generator.apply(z, { training: true });
        if (sigma > 0) fake = tf.add(fake, tf.randomNormal(fake.shape, 0, sigma, 'float32', noiseSeed));
        const fakeOut = this.discriminator.apply(fake, this.dOptions(seed));
        const adversarial = this.loss.generator(fakeOut);
        const penalty = weightPenalty(this.penalized(this.generator), l1G, l2G);
        Object.assign(scalars, keepAll({ gLoss: adversarial, gL1: penalty.l1, gL2: penalty.l2 }));
        return sumPairwise([adversarial, ...penalty.active]) as tf.Scalar;
      }, this.generator.variables);
      scalars.gGradNorm = tf.keep(
        this.update(
          this.optG,
          this.generator.variables.map((v) => grads[v.name]),
          true,
        )!,
      );
    });
    return scalars;
  }

  /**
   * One Adam update from gradients in the variables' order; returns their global norm when
   * `norm` (only charted updates need it). The gradients are flattened once: Adam runs on the
   * flat vector and the norm reuses Adam's g².
   */
  private update(opt: LiveAdam, grads: tf.Tensor[], norm: boolean): tf.Scalar | null {
    const g2 = opt.applyFlat(flattenAll(grads));
    return norm ? (tf.sqrt(tf.sum(g2)) as tf.Scalar) : null;
  }

  /**
   * A tape-free update: on webgpu (stepKernels()) one fused Adam dispatch with the L1/L2
   * gradients folded in — `grads` may then hold dense layers' [dW; db] blocks (backprop.ts) —
   * elsewhere the penalty gradients added, then Adam.
   */
  private updateTapeFree(opt: LiveAdam, net: Network, grads: tf.Tensor[], l1: number, l2: number, norm: boolean): tf.Scalar | null {
    if (stepKernels()) return opt.applyFused(flattenAll(grads), { l1, l2, penalized: net.params.map((p) => p.penalized) }, norm);
    return this.update(opt, addPenaltyGradients(net, grads, l1, l2), norm);
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
      const d = this.discriminatorStep(k === this.config.dSteps - 1);
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

  /** Steps whose metrics are still on the device. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Reads every pending step's metrics back in one transfer. */
  flushMetrics(): Promise<StepMetrics[]> {
    return this.pending.flush();
  }

  /** G's output on the fixed noise batch (64 examples), values in G's output range. */
  fixedSamples(): Promise<Float32Array> {
    return samplesFrom(this.generator, this.fixedNoise);
  }

  /** `count` fresh samples from a noise stream seeded by `seed`, in batches (BN uses batch stats). */
  generate(count: number, seed: number, batchSize = 100): Promise<Float32Array> {
    return generateSamples(this.generator, this.config, this.dataset.dim, count, seed, batchSize);
  }

  /** D's output on the centres of a gridSize² grid over extent, as P(real) in [0, 1]; row 0 at ymin. */
  async discriminatorMap(extent: [number, number, number, number], gridSize: number): Promise<Float32Array> {
    if (this.dataset.dim !== 2) throw new Error('discriminatorMap needs 2-D data');
    return discriminatorGrid(this.discriminator, this.live.spectralNorm ? this.spectral.normalize : undefined, extent, gridSize);
  }

  /** Each network's penalised kernels, read back (for the weights view: seldom, never per step). */
  async kernels(): Promise<{ generator: NamedValues[]; discriminator: NamedValues[] }> {
    const [generator, discriminator] = await Promise.all([readKernels(this.generator), readKernels(this.discriminator)]);
    return { generator, discriminator };
  }

  /**
   * The whole run state in CPU memory, as of this call: counters are taken and tensors cloned now,
   * so steps that run while the reads are in flight do not leak in. Pending metrics are not part
   * of it (flush them first to keep them).
   */
  async snapshot(): Promise<RunSnapshot> {
    const { config, step, epoch, cursor, dUpdates, noiseStartStep } = this;
    const now = {
      config: { ...config },
      live: this.hyperparams,
      step,
      epoch,
      cursor,
      dUpdates,
      noiseStartStep,
      order: Int32Array.from(this.order),
      rng: this.rng.getState(),
    };
    return { ...now, ...(await readTensors(this.parts())) };
  }

  /** Why `snap` cannot be restored into this trainer (another model, dataset size, …), or null. */
  snapshotMismatch(snap: RunSnapshot): string | null {
    return snapshotMismatch(snap, {
      ...this.parts(),
      config: this.config,
      spectralKernels: this.spectral.kernels,
      datasetCount: this.order.length,
      fixedNoiseSize: this.fixedNoise.size,
    });
  }

  /**
   * Puts the trainer in `snap`'s state: the next step is the one the saved run would have taken
   * next, with the same losses. `snap`'s non-live config must equal this trainer's (else use
   * `Trainer.fromSnapshot`). Throws before changing anything when it does not fit; drops pending
   * metrics.
   */
  restore(snap: RunSnapshot): void {
    this.applySnapshot(snap, true);
  }

  /** A trainer built from `snap.config` on `dataset` (rebuilt by the caller) in `snap`'s state. */
  static fromSnapshot(snap: RunSnapshot, dataset: Dataset): Trainer {
    const trainer = new Trainer(snap.config, dataset);
    try {
      trainer.restore(snap);
    } catch (e) {
      trainer.dispose();
      throw e;
    }
    return trainer;
  }

  private parts(): TrainerTensors {
    const { generator, discriminator, optG, optD, spectral, fixedNoise, lastR1 } = this;
    return { generator, discriminator, optG, optD, spectral, fixedNoise, lastR1 };
  }

  /** `streams` false keeps the data order, cursor, random stream, live values and sample noise. */
  private applySnapshot(snap: RunSnapshot, streams: boolean): void {
    const why = this.snapshotMismatch(snap);
    if (why) throw new Error(`cannot restore this snapshot: ${why}`);
    this.pending.clear();
    writeTensors(snap, this.parts());
    this.lastR1?.dispose();
    this.lastR1 = snap.lastR1 === null ? null : tf.scalar(snap.lastR1);
    ({ step: this.step, epoch: this.epoch, dUpdates: this.dUpdates, noiseStartStep: this.noiseStartStep } = snap);
    if (!streams) return;
    this.order = Int32Array.from(snap.order);
    this.cursor = snap.cursor;
    this.rng.setState(snap.rng);
    this.live = { ...snap.live };
    this.fixedNoise.dispose();
    this.fixedNoise = tf.tensor2d(snap.fixedNoise, this.fixedNoise.shape);
  }

  /** Saves a CPU snapshot to roll back to, replacing any earlier one. */
  async saveCheckpoint(): Promise<void> {
    this.checkpoint = await this.snapshot();
  }

  get checkpointStep(): number | null {
    return this.checkpoint?.step ?? null;
  }

  /**
   * The newest checkpoint itself: plain typed arrays in CPU memory, so it outlives a lost GPU
   * device and rebuilds the run on another backend (worker/deviceLoss.ts). Read-only by contract.
   */
  get checkpointSnapshot(): RunSnapshot | null {
    return this.checkpoint;
  }

  /**
   * Rolls weights, optimizers, spectral vectors and counters back to the last checkpoint (kept, so
   * it can be restored again); pending metrics are dropped. The data order and the random stream
   * run on, so training after a rollback does not replay the batches that diverged.
   */
  restoreCheckpoint(): boolean {
    const cp = this.checkpoint;
    if (!cp) return false;
    this.applySnapshot(cp, false);
    return true;
  }

  dispose(): void {
    this.checkpoint = null;
    this.lastR1?.dispose();
    this.lastR1 = null;
    this.pending.clear();
    this.generator.dispose();
    this.discriminator.dispose();
    this.optG.dispose();
    this.optD.dispose();
    this.fixedNoise.dispose();
    this.spectral.dispose();
    this.signs.dispose();
  }
}
