/**
 * One GAN training run: both networks, both optimizers, the averaged generator, the data order and
 * the fixed sample noise. Live hyperparameters are read at every step; metrics stay on the device
 * (deviceMetrics.ts) until `flushMetrics`. The updates' maths is in ganUpdates.ts, real batches in
 * realBatches.ts, inference reads in inferenceProbes.ts, the snapshot checks and tensor copies in
 * snapshotState.ts; what stays here is the step's cadence and the public API the worker, CLI and
 * bench call. Over 350 lines because that API is one class (construction, sampling, snapshots,
 * rollbacks); a conditional run's parts live in models/conditionalSpecs.ts and the update files.
 */
import * as tf from '@tensorflow/tfjs';
import { stepKernels } from '../backend/stepKernels';
import { LiveAdam } from './adam';
import type { LiveHyperparams, TrainConfig } from '../config';
import { LIVE_KEYS } from '../config';
import type { Dataset } from '../data/types';
import { DEVICE_METRICS, PendingMetrics, disposeAll, type StepScalars } from '../backend/deviceMetrics';
import { classBatchNormStats, discriminatorGrid, generateSamples, readKernels, samplesFrom, type NamedValues } from '../models/inferenceProbes';
import type { StepMetrics } from '../metrics/stepMetrics';
import { glorotUniform } from '../models/glorot';
import { buildNetwork, type Network } from '../models/network';
import { ARCHITECTURES, type ModelSummary } from '../models/specs';
import { lrDecayFactor } from './lrSchedule';
import { Random } from '../random';
import type { RunSnapshot } from '../runfile/runSnapshot';
import { readTensors, snapshotMismatch, writeTensors, type TrainerTensors } from '../runfile/snapshotState';
import { SpectralNorm } from './spectralNorm';
import { StackedSigns } from './tapeFreeStep';
import { measureOverfitting, type OverfittingValues } from './overfitting';
import { GanUpdates, penalizedOf } from './ganUpdates';
import { fusedMetrics, reportScalars } from './fusedMlpStep';
import { RealBatches } from './realBatches';
import { emaBeta, GeneratorEma } from './generatorEma';
import { metricsFromSources, sourceValue, type StepSources } from '../backend/webgpuKernelsMetrics';
import { gridClasses, oneHotRows, runSpecs, summarizeRun, type RunSpecs } from '../models/conditionalSpecs';
import { conditionalClasses } from '../runConfig';

export type { NamedValues };

/**
 * The variables a fused Adam update (on webgpu) leaves in its packed state: BatchNorm's γ and β,
 * which the step reads only in its fused BatchNorm kernels or through freshParam (backprop.ts).
 * Penalized ones are not (the L1/L2 values read the variables).
 */
function readFromPacked(net: Network): boolean[] {
  const norm = new Set(net.layers.filter((l) => l.info.spec.type === 'batchnorm').flatMap((l) => l.vars));
  return net.params.map((p) => norm.has(p.variable) && !p.penalized);
}

/** Disposes each tensor a step's sources hold, once (several metrics may share one). */
function disposeSources(sources: StepSources | undefined): void {
  if (!sources) return;
  tf.dispose([...new Set(Object.values(sources).map((s) => s!.tensor))]);
}

/** The fixed noise batch behind the 8×8 sample grid. */
export const SAMPLE_GRID_SIDE = 8;

/** Said when a run saved without an averaged generator is restored into one that keeps it. */
export const EMA_FROM_G_NOTICE = 'This run was saved without an averaged generator (G_ema): it starts from G’s weights now.';

let instanceCounter = 0;

export interface StepResult {
  /** True when this step finished a pass over the dataset. */
  epochEnded: boolean;
}

export class Trainer {
  readonly summary: ModelSummary;
  /** G and D as built; read them through `generator`/`discriminator`, which bring the weights up to date. */
  private readonly gNet: Network;
  private readonly dNet: Network;
  readonly optG: LiveAdam;
  readonly optD: LiveAdam;
  private readonly rng: Random;
  private fixedNoise: tf.Tensor2D;
  /** A conditional run's class count (0: unconditional). */
  readonly classes: number;
  /** The fixed grid's classes, one per sample (row r shows class r mod classes); null when unconditional. */
  readonly sampleClasses: number[] | null;
  private readonly fixedLabels: tf.Tensor | undefined;
  private readonly specs: RunSpecs;
  private readonly batches: RealBatches;
  private readonly pending = new PendingMetrics();
  private live: LiveHyperparams;
  /** A CPU copy, so a rollback survives a lost GPU device. */
  private checkpoint: RunSnapshot | null = null;
  private readonly spectral: SpectralNorm;
  private readonly updates: GanUpdates;
  /** The averaged generator while `emaKimg` > 0 (made when first needed). */
  private ema: GeneratorEma | null = null;
  private readonly id = ++instanceCounter;
  /** The step from which instance noise anneals (reset whenever its settings change). */
  private noiseStartStep = 0;
  private readonly signs: StackedSigns;
  /** What the last restore had to say (e.g. EMA_FROM_G_NOTICE), or null. */
  restoreNotice: string | null = null;
  step = 0;

  constructor(
    readonly config: Readonly<TrainConfig>,
    readonly dataset: Dataset,
  ) {
    const arch = ARCHITECTURES[config.model];
    if (arch.dataShape.join('x') !== dataset.info.shape.join('x')) {
      throw new Error(`model ${config.model} makes [${arch.dataShape.join(', ')}] but dataset ${dataset.info.id} is [${dataset.info.shape.join(', ')}]`);
    }
    this.classes = config.conditional ? conditionalClasses(dataset.info) : 0;
    this.summary = summarizeRun(config, this.classes);
    this.specs = runSpecs(config, this.classes);
    this.rng = new Random(config.seed);
    const init = glorotUniform(this.rng.fork());
    this.gNet = buildNetwork(`g${this.id}`, this.specs.generator, [config.latentDim], init);
    this.dNet = buildNetwork(`d${this.id}`, this.specs.discriminator, arch.dataShape, init);
    this.live = Object.fromEntries(LIVE_KEYS.map((k) => [k, config[k]])) as LiveHyperparams;
    this.optG = new LiveAdam(this.gNet.variables, { learningRate: config.lrG, beta1: config.beta1, beta2: config.beta2 });
    this.optD = new LiveAdam(this.dNet.variables, { learningRate: config.lrD, beta1: config.beta1, beta2: config.beta2 });
    // BatchNorm's γ and β: on webgpu only fused kernels read them in a step, from Adam's packed state.
    this.optG.lazyWriteBack(readFromPacked(this.gNet));
    this.optD.lazyWriteBack(readFromPacked(this.dNet));
    const sampleCount = SAMPLE_GRID_SIDE * SAMPLE_GRID_SIDE;
    this.fixedNoise = tf.randomNormal([sampleCount, config.latentDim], 0, config.latentStd, 'float32', this.rng.nextSeed());
    this.sampleClasses = this.classes ? gridClasses(SAMPLE_GRID_SIDE, this.classes) : null;
    this.fixedLabels = this.sampleClasses ? this.oneHot(this.sampleClasses) : undefined;
    this.batches = new RealBatches(dataset, config.batchSize, this.rng, config.holdout, this.classes, config.trainLimit);
    this.spectral = new SpectralNorm(penalizedOf(this.dNet), this.rng.nextSeed());
    this.signs = new StackedSigns(config.batchSize);
    const { gNet: generator, dNet: discriminator, optG, optD, rng, spectral, signs, batches, classes } = this;
    this.updates = new GanUpdates({ config, generator, discriminator, optG, optD, rng, spectral, signs, batches, classes });
    this.syncEma();
  }

  /**
   * G, with its variables holding the latest weights: the fused WebGPU MLP step (fusedMlpStep.ts)
   * updates a packed copy and writes the variables only when something reads them, here.
   */
  get generator(): Network {
    this.optG.syncWeights();
    return this.gNet;
  }

  /** D, with its variables up to date (see `generator`). */
  get discriminator(): Network {
    this.optD.syncWeights();
    return this.dNet;
  }

  get epoch(): number {
    return this.batches.epoch;
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
    this.syncEma();
    return this.hyperparams;
  }

  /** Keeps an averaged generator exactly while `emaKimg` > 0; a new one starts from G's weights. */
  private syncEma(): void {
    if (this.live.emaKimg > 0 && !this.ema) {
      this.ema = new GeneratorEma(`gEma${this.id}`, this.specs.generator, [this.config.latentDim], this.generator);
    } else if (this.live.emaKimg === 0 && this.ema) {
      this.ema.dispose();
      this.ema = null;
    }
  }

  /** The generator that samples, exports and quality measures read: G_ema unless it is off or raw G is asked for. */
  get sampler(): Network {
    return this.ema && !this.live.sampleRawG ? this.ema.network() : this.generator;
  }

  /** The averaged generator, or null while `emaKimg` is 0. */
  get averagedGenerator(): Network | null {
    return this.ema?.network() ?? null;
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

  /** `dSteps` D updates then one G update. Nothing is read back to the CPU here. */
  trainStep(): StepResult {
    const lrScale = this.lrScale;
    this.optG.learningRate = this.live.lrG * lrScale;
    this.optD.learningRate = this.live.lrD * lrScale;
    let epochEnded = false;
    let dScalars: StepScalars = {};
    let dPacked: tf.Tensor | undefined;
    let dSources: StepSources | undefined;
    const settings = { live: this.live, sigma: this.noiseSigma };
    for (let k = 0; k < this.config.dSteps; k++) {
      disposeAll(dScalars);
      dPacked?.dispose();
      disposeSources(dSources);
      const d = this.updates.discriminator(settings, k === this.config.dSteps - 1);
      ({ scalars: dScalars, packed: dPacked, sources: dSources } = d);
      epochEnded ||= d.epochEnded;
    }
    const { scalars: gScalars, packed: gPacked, sources: gSources } = this.updates.generator(settings);
    // One lerp over G's flat weights; the half-life ramps up with the images G has trained on.
    // On webgpu, from G's Adam state (current after any update): one dispatch, and no write-back of G's weights.
    this.ema?.update(
      stepKernels() ? this.gNet : this.generator,
      emaBeta(this.config.batchSize, (this.step + 1) * this.config.batchSize, this.live.emaKimg),
      () => this.optG.packedState(),
    );
    const all: StepScalars = { ...dScalars, ...gScalars };
    if (this.config.model === 'dirac') {
      // The Dirac-GAN's whole state is two numbers: record its path, step by step.
      all.theta = tf.keep(tf.reshape(this.generator.variables[0], []));
      all.psi = tf.keep(tf.reshape(this.discriminator.variables[0], []));
    }
    let values: tf.Tensor1D;
    const sources: StepSources | null = dSources || gSources ? { ...dSources, ...gSources } : null;
    if (dPacked && gPacked && Object.keys(all).length === 0) {
      // Both updates fused (fusedMlpStep.ts): the metrics vector in one dispatch.
      values = fusedMetrics(dPacked, gPacked);
    } else if (sources) {
      // The layer-by-layer updates on webgpu left their charted values unreduced: one metrics kernel.
      if (dPacked) Object.assign(all, reportScalars(dPacked, 'd'));
      if (gPacked) Object.assign(all, reportScalars(gPacked, 'g'));
      values = this.metricsFrom(sources, all);
    } else {
      if (dPacked) Object.assign(all, reportScalars(dPacked, 'd'));
      if (gPacked) Object.assign(all, reportScalars(gPacked, 'g'));
      values = tf.tidy(() => tf.stack(DEVICE_METRICS.map((k) => all[k] ?? tf.scalar(0))) as tf.Tensor1D);
    }
    dPacked?.dispose();
    gPacked?.dispose();
    disposeAll(all);
    disposeSources(sources ?? undefined);
    this.pending.push({ step: this.step + 1, epoch: this.epoch, noiseSigma: this.noiseSigma, lrScale, values });
    this.step += 1;
    return { epochEnded };
  }

  /**
   * The metrics vector from the updates' unreduced sources and their scalars (each read at index
   * 0) in one dispatch (webgpuKernelsMetrics.ts); when they bind too many tensors, the sources
   * are reduced one by one and stacked with the scalars as before.
   */
  private metricsFrom(sources: StepSources, all: StepScalars): tf.Tensor1D {
    return tf.tidy(() => {
      const scalars: StepScalars = { ...all };
      const merged: StepSources = { ...sources };
      for (const [k, t] of Object.entries(scalars)) if (t) merged[k as keyof StepSources] = { kind: 'at', tensor: t };
      const one = metricsFromSources(merged);
      if (one) return one;
      for (const [k, src] of Object.entries(sources)) if (src) scalars[k as keyof StepScalars] = sourceValue(src);
      return tf.stack(DEVICE_METRICS.map((k) => scalars[k] ?? tf.scalar(0))) as tf.Tensor1D;
    });
  }

  /** Steps whose metrics are still on the device. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Reads every pending step's metrics back in one transfer. */
  flushMetrics(): Promise<StepMetrics[]> {
    return this.pending.flush();
  }

  /** The grid's fixed noise (64 × latentDim), for the latent explorer's paths between its samples. */
  get gridNoise(): tf.Tensor2D {
    return this.fixedNoise;
  }

  /** G's output on the fixed noise batch (64 examples; a conditional run's with `sampleClasses`), values in G's output range. */
  fixedSamples(): Promise<Float32Array> {
    return samplesFrom(this.sampler, this.fixedNoise, this.fixedLabels);
  }

  /**
   * G's output on the fixed noise batch with every sample asked for class `classIndex` (the app's
   * "Generate class"), normalised with pooled mixed-class BatchNorm statistics (classBatchNormStats).
   */
  async fixedSamplesOfClass(classIndex: number): Promise<Float32Array> {
    this.checkClass(classIndex);
    const bnStats = await classBatchNormStats(this.sampler, this.config, this.classes);
    const labels = this.oneHot(new Array<number>(this.fixedNoise.shape[0]).fill(classIndex));
    try {
      return await samplesFrom(this.sampler, this.fixedNoise, labels, bnStats);
    } finally {
      labels.dispose();
    }
  }

  /**
   * `count` fresh samples from a noise stream seeded by `seed`, in batches (BN uses batch stats).
   * A conditional run makes class `classIndex`, or classes drawn uniformly from the same stream.
   */
  generate(count: number, seed: number, classIndex?: number, batchSize = 100): Promise<Float32Array> {
    if (classIndex !== undefined) this.checkClass(classIndex);
    const condition = this.classes ? { classes: this.classes, classIndex } : undefined;
    return generateSamples(this.sampler, this.config, this.dataset.dim, count, seed, batchSize, condition);
  }

  private checkClass(classIndex: number): void {
    if (!(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < this.classes)) {
      throw new Error(
        this.classes
          ? `class ${classIndex} is out of range: this run has classes 0–${this.classes - 1}`
          : 'this run is not conditional: it has no classes to ask for',
      );
    }
  }

  /** Class indices as one-hot rows for this run's classes. */
  private oneHot(classes: number[]): tf.Tensor {
    return tf.tensor2d(oneHotRows(classes, this.classes), [classes.length, this.classes]);
  }

  /** D's output on training reals, held-out reals and fakes (overfitting.ts); null without a held-out slice. */
  overfitting(): Promise<OverfittingValues | null> {
    const kernel = this.live.spectralNorm ? this.spectral.normalize : undefined;
    const judge = (x: tf.Tensor, labels?: tf.Tensor) => this.discriminator.apply(x, { training: false, kernel, labels });
    const fakeLabels = this.classes ? (n: number) => this.oneHot(Array.from({ length: n }, (_, i) => i % this.classes)) : undefined;
    return measureOverfitting(this.config, this.batches, this.generator, judge, fakeLabels);
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
    const { config, step, epoch, noiseStartStep } = this;
    const now = {
      config: { ...config },
      live: this.hyperparams,
      step,
      epoch,
      cursor: this.batches.cursor,
      dUpdates: this.updates.dUpdates,
      noiseStartStep,
      order: Int32Array.from(this.batches.order),
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
      datasetCount: this.batches.order.length,
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
    const { generator, discriminator, optG, optD, spectral, fixedNoise } = this;
    return { generator, discriminator, optG, optD, spectral, fixedNoise, lastR1: this.updates.lastR1, generatorEma: this.averagedGenerator };
  }

  /** `streams` false keeps the data order, cursor, random stream, live values and sample noise. */
  private applySnapshot(snap: RunSnapshot, streams: boolean): void {
    const why = this.snapshotMismatch(snap);
    if (why) throw new Error(`cannot restore this snapshot: ${why}`);
    this.pending.clear();
    writeTensors(snap, this.parts());
    this.updates.setLastR1(snap.lastR1);
    ({ step: this.step, dUpdates: this.updates.dUpdates, noiseStartStep: this.noiseStartStep } = snap);
    this.batches.epoch = snap.epoch;
    if (streams) {
      this.batches.order = Int32Array.from(snap.order);
      this.batches.cursor = snap.cursor;
      this.rng.setState(snap.rng);
      this.live = { ...snap.live };
      this.fixedNoise.dispose();
      this.fixedNoise = tf.tensor2d(snap.fixedNoise, this.fixedNoise.shape);
    }
    this.syncEma();
    this.restoreNotice = null;
    if (this.ema && snap.generatorEma) this.ema.write(snap.generatorEma.map((x) => x.values));
    else if (this.ema) {
      this.ema.reset(this.generator);
      this.restoreNotice = EMA_FROM_G_NOTICE;
    }
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
    this.updates.dispose();
    this.ema?.dispose();
    this.ema = null;
    this.pending.clear();
    this.gNet.dispose();
    this.dNet.dispose();
    this.optG.dispose();
    this.optD.dispose();
    this.fixedNoise.dispose();
    this.fixedLabels?.dispose();
    this.spectral.dispose();
    this.signs.dispose();
  }
}
