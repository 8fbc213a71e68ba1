/**
 * One D update and one G update: the step's maths, and the order in which it draws from the
 * run's random stream (changing that order changes every run from a seed). Each update runs
 * tape-free (tapeFreeStep.ts, docs/kernels.md) unless it differentiates twice (R1, WGAN-GP); then
 * TF.js's tape. Lazy R1's bookkeeping (updates so far, the last term charted) lives here too.
 */
import * as tf from '@tensorflow/tfjs';
import type { LiveHyperparams, TrainConfig } from '../config';
import type { LiveAdam } from './adam';
import { keepAll, type StepScalars } from '../backend/deviceMetrics';
import { LOSSES } from './losses';
import type { ApplyOptions, Network } from '../models/network';
import { forward } from '../models/backprop';
import { Random } from '../random';
import { oneHotRows } from '../models/conditionalSpecs';
import { r1Penalty, wganGpPenalty } from './gradientPenalties';
import { flattenAll, sumPairwise, weightPenalty } from './regularizers';
import type { SpectralNorm } from './spectralNorm';
import { stepKernels } from '../backend/stepKernels';
import { addPenaltyGradients, discriminatorGradients, generatorGradients, reportedD, type StackedSigns } from './tapeFreeStep';
import { augment, augmentationOn, type AugmentSettings } from './augment';
import type { RealBatches } from './realBatches';
import { fusedDiscriminatorUpdate, fusedGeneratorUpdate, fusedMlpApplies } from './fusedMlpStep';
import type { MetricSource, StepSources } from '../backend/webgpuKernelsMetrics';

export interface UpdateParts {
  config: Readonly<TrainConfig>;
  generator: Network;
  discriminator: Network;
  optG: LiveAdam;
  optD: LiveAdam;
  rng: Random;
  spectral: SpectralNorm;
  signs: StackedSigns;
  batches: RealBatches;
  /** A conditional run's class count (0: unconditional). */
  classes: number;
}

/** What varies per step: the live values and the instance-noise σ in force. */
export interface StepSettings {
  live: LiveHyperparams;
  sigma: number;
}

export function penalizedOf(net: Network): tf.Variable[] {
  return net.params.filter((p) => p.penalized).map((p) => p.variable);
}

export function augmentSettings(live: LiveHyperparams): AugmentSettings {
  return { p: live.augmentP, color: live.augmentColor === 1, translation: live.augmentTranslation === 1, cutout: live.augmentCutout === 1 };
}

export class GanUpdates {
  /** D updates so far: lazy R1 runs on every r1Every-th. */
  dUpdates = 0;
  /** The last R1 term computed, reported on the D updates that skip it. */
  lastR1: tf.Scalar | null = null;

  constructor(private readonly parts: UpdateParts) {}

  private dOptions(live: LiveHyperparams, dropoutSeed: number, labels: tf.Tensor | undefined, twiceDifferentiable = false): ApplyOptions {
    return { training: true, dropoutSeed, twiceDifferentiable, kernel: live.spectralNorm ? this.parts.spectral.normalize : undefined, labels };
  }

  /**
   * A conditional run's fake classes for one batch, one-hot, uniform over the classes from one
   * seed of the run's stream (drawn only when conditional, so unconditional runs keep their order).
   */
  private classLabels(n: number): tf.Tensor | undefined {
    const { classes, rng } = this.parts;
    if (classes === 0) return undefined;
    const draw = new Random(rng.nextSeed());
    const picks = Array.from({ length: n }, () => draw.int(classes));
    return tf.tensor2d(oneHotRows(picks, classes), [n, classes]);
  }

  private withInstanceNoise(x: tf.Tensor, sigma: number): tf.Tensor {
    return sigma > 0 ? tf.add(x, tf.randomNormal(x.shape, 0, sigma, 'float32', this.parts.rng.nextSeed())) : x;
  }

  /** What D sees of a batch: augmented (a seed drawn only when augmentation is on), then instance noise. */
  private seen(x: tf.Tensor, s: StepSettings): tf.Tensor {
    const settings = augmentSettings(s.live);
    const augmented = augmentationOn(settings) ? augment(x, settings, this.parts.rng.nextSeed()).out : x;
    return this.withInstanceNoise(augmented, s.sigma);
  }

  private latent(n: number): tf.Tensor2D {
    const { config, rng } = this.parts;
    return tf.randomNormal([n, config.latentDim], 0, config.latentStd, 'float32', rng.nextSeed());
  }

  /** Whether this update runs as the fused WebGPU MLP update (fusedMlpStep.ts). */
  private fused(s: StepSettings): boolean {
    const { config, generator: G, discriminator: D, optG, optD, classes } = this.parts;
    const { live } = s;
    return fusedMlpApplies(
      { G, D, optG, optD },
      {
        loss: config.loss,
        classes,
        latentDim: config.latentDim,
        labelSmoothing: live.labelSmoothing,
        spectralNorm: Boolean(live.spectralNorm),
        r1Gamma: live.r1Gamma,
        gpLambda: live.gpLambda,
        sigma: s.sigma,
        augmenting: augmentationOn(augmentSettings(live)),
      },
    );
  }

  /**
   * The layer-by-layer paths read the variables: the fused updates may have left them behind. A
   * tape-free update on webgpu reads BatchNorm's γ and β where they are (packedParams.ts), so
   * those stay in Adam's packed state.
   */
  private syncWeights(tapeFree: boolean): void {
    const keepLazy = tapeFree && stepKernels() !== null;
    this.parts.optG.syncWeights(keepLazy);
    this.parts.optD.syncWeights(keepLazy);
  }

  /**
   * One D update on a fresh real batch; `report`: compute what the charts show from it. A fused
   * update returns them as one packed vector, `packed` (fusedMlpStep.ts's REPORT_INDEX.d), kept.
   */
  discriminator(s: StepSettings, report: boolean): { scalars: StepScalars; epochEnded: boolean; packed?: tf.Tensor; sources?: StepSources } {
    const { config, generator, discriminator: D, optD, rng, spectral, signs, batches } = this.parts;
    const { l1D, l2D, r1Gamma, r1Every, gpLambda, labelSmoothing, spectralNorm } = s.live;
    const r1Now = r1Gamma > 0 && this.dUpdates % r1Every === 0;
    this.dUpdates += 1;
    const n = config.batchSize;
    let epochEnded = false;
    const scalars: StepScalars = {};
    const sources: StepSources = {};
    if (this.fused(s)) {
      let packed: tf.Tensor | null = null;
      tf.tidy(() => {
        const next = batches.next();
        epochEnded = next.epochEnded;
        const z = this.latent(n);
        // The seeds the layer-by-layer update draws (dropout, gradient penalty): the stream keeps its order.
        rng.nextSeed();
        rng.nextSeed();
        rng.nextSeed();
        this.reportR1(null, false, r1Every);
        const nets = { G: generator, D, optG: this.parts.optG, optD };
        packed = fusedDiscriminatorUpdate(nets, next.batch, z, { l1: l1D, l2: l2D }, report);
      });
      return { scalars, epochEnded, ...(packed ? { packed } : {}) };
    }
    const tapeFree = !(r1Now || gpLambda > 0);
    this.syncWeights(tapeFree);
    tf.tidy(() => {
      if (spectralNorm) spectral.powerIteration();
      const next = batches.next();
      epochEnded = next.epochEnded;
      const z = this.latent(n);
      const fakeLabels = this.classLabels(n);
      const realLabels = next.labels;
      const fake = tapeFree ? forward(generator, z, { labels: fakeLabels }) : generator.apply(z, { training: true, labels: fakeLabels });
      const realIn = this.seen(next.batch, s);
      const fakeIn = this.seen(fake, s);
      const seedReal = rng.nextSeed();
      const seedFake = rng.nextSeed();
      const seedGp = rng.nextSeed();
      const mix = gpLambda > 0 ? tf.randomUniform([n, ...D.inShape.map(() => 1)], 0, 1, 'float32', rng.nextSeed()) : null;
      if (tapeFree) {
        const kernel = spectralNorm ? spectral.normalizeTapeFree : undefined;
        const d = discriminatorGradients(D, {
          lossId: config.loss,
          realIn,
          fakeIn,
          seedReal,
          seedFake,
          realTarget: 1 - labelSmoothing,
          report,
          signs,
          kernel,
          realLabels,
          fakeLabels,
        });
        const adversarial = spectralNorm ? d.grads.map((g, i) => spectral.kernelGradient(D.variables[i], g)) : d.grads;
        const r1 = this.reportR1(null, r1Gamma > 0, r1Every);
        if (report) {
          const penalty = chartedPenalty(D, l1D, l2D);
          Object.assign(scalars, keepAll({ dLoss: d.dLoss, dL1: penalty.l1, dL2: penalty.l2, dReal: d.dReal, dFake: d.dFake, r1 }));
          if (d.sources) Object.assign(sources, keepSources(d.sources));
        } else r1?.dispose();
        const norm = updateTapeFree(optD, D, adversarial, l1D, l2D, report);
        if (norm && 'kind' in norm) sources.dGradNorm = keepSource(norm);
        else if (norm) scalars.dGradNorm = tf.keep(norm);
        return;
      }
      const loss = LOSSES[config.loss];
      const { grads } = tf.variableGrads(() => {
        const realOut = D.apply(realIn, this.dOptions(s.live, seedReal, realLabels));
        const fakeOut = D.apply(fakeIn, this.dOptions(s.live, seedFake, fakeLabels));
        const adversarial = loss.discriminator(realOut, fakeOut, 1 - labelSmoothing);
        const penalty = weightPenalty(penalizedOf(D), l1D, l2D);
        // The same dropout masks as the loss's real pass, so R1 measures the D being trained.
        // A conditional D judges the penalty's points as the real batch's classes.
        const critic = (seed: number) => (x: tf.Tensor) => D.apply(x, this.dOptions(s.live, seed, realLabels, true));
        const r1 = r1Now ? r1Penalty(critic(seedReal), realIn, r1Gamma * r1Every) : null;
        const gp = mix ? wganGpPenalty(critic(seedGp), next.batch, fake, mix, gpLambda) : null;
        Object.assign(
          scalars,
          keepAll({
            dLoss: adversarial,
            dL1: penalty.l1,
            dL2: penalty.l2,
            dReal: reportedD(config.loss, realOut),
            dFake: reportedD(config.loss, fakeOut),
            r1: this.reportR1(r1, r1Gamma > 0, r1Every),
            gp: gp ?? undefined,
          }),
        );
        // Only the terms that are on are added: zeros would cost kernels every step.
        return sumPairwise([adversarial, ...penalty.active, ...(r1 ? [r1] : []), ...(gp ? [gp] : [])]) as tf.Scalar;
      }, D.variables);
      const norm = applyUpdate(
        optD,
        D.variables.map((v) => grads[v.name]),
        report,
      );
      if (norm) scalars.dGradNorm = tf.keep(norm);
    });
    return { scalars, epochEnded, ...(Object.keys(sources).length ? { sources } : {}) };
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
      this.setLastR1(null);
      return undefined;
    }
    return this.lastR1 ? this.lastR1.clone() : undefined;
  }

  setLastR1(value: number | null): void {
    this.lastR1?.dispose();
    this.lastR1 = value === null ? null : tf.scalar(value);
  }

  /** One G update, always tape-free: nothing in it is differentiated twice. A fused one returns its report as `packed` (REPORT_INDEX.g). */
  generator(s: StepSettings): { scalars: StepScalars; packed?: tf.Tensor; sources?: StepSources } {
    const { config, generator: G, discriminator: D, optG, rng, spectral } = this.parts;
    const { l1G, l2G } = s.live;
    const scalars: StepScalars = {};
    const sources: StepSources = {};
    if (this.fused(s)) {
      const packed = tf.tidy(() => {
        const z = this.latent(config.batchSize);
        // The dropout and noise seeds the layer-by-layer update draws: the stream keeps its order.
        rng.nextSeed();
        rng.nextSeed();
        return fusedGeneratorUpdate({ G, D, optG, optD: this.parts.optD }, z, { l1: l1G, l2: l2G });
      });
      return { scalars, packed };
    }
    this.syncWeights(true);
    tf.tidy(() => {
      const z = this.latent(config.batchSize);
      const labels = this.classLabels(config.batchSize);
      const seed = rng.nextSeed();
      const noiseSeed = rng.nextSeed();
      const settings = augmentSettings(s.live);
      const augSeed = augmentationOn(settings) ? rng.nextSeed() : 0;
      const g = generatorGradients(G, D, {
        lossId: config.loss,
        z,
        dropoutSeed: seed,
        noise: { sigma: s.sigma, seed: noiseSeed },
        dKernel: s.live.spectralNorm ? spectral.normalizeTapeFree : undefined,
        augment: augmentationOn(settings) ? (fake) => augment(fake, settings, augSeed) : undefined,
        labels,
        signs: this.parts.signs,
      });
      const penalty = chartedPenalty(G, l1G, l2G);
      const norm = updateTapeFree(optG, G, g.grads, l1G, l2G, true)!;
      if ('kind' in norm) sources.gGradNorm = keepSource(norm);
      else scalars.gGradNorm = tf.keep(norm);
      if (g.gLossSource) sources.gLoss = keepSource(g.gLossSource);
      Object.assign(scalars, keepAll({ gLoss: g.gLoss, gL1: penalty.l1, gL2: penalty.l2 }));
    });
    return { scalars, ...(Object.keys(sources).length ? { sources } : {}) };
  }

  dispose(): void {
    this.setLastR1(null);
  }
}

/**
 * One Adam update from gradients in the variables' order; returns their global norm when
 * `norm` (only charted updates need it). The gradients are flattened once: Adam runs on the
 * flat vector and the norm reuses Adam's g².
 */
function applyUpdate(opt: LiveAdam, grads: tf.Tensor[], norm: boolean): tf.Scalar | null {
  const g2 = opt.applyFlat(flattenAll(grads));
  return norm ? (tf.sqrt(tf.sum(g2)) as tf.Scalar) : null;
}

/**
 * A tape-free update: on webgpu (stepKernels()) one fused Adam dispatch with the L1/L2 gradients
 * folded in — `grads` may then hold dense layers' [dW; db] blocks (backprop.ts), which flatten to
 * the same vector as dW then db — elsewhere the penalty gradients added, then Adam. The norm, when
 * asked for: a scalar, or on webgpu with no L1/L2 term the flat gradient as a `norm` source for
 * the step's metrics kernel (the penalized gradient is the gradient then).
 */
function updateTapeFree(opt: LiveAdam, net: Network, grads: tf.Tensor[], l1: number, l2: number, norm: boolean): tf.Scalar | MetricSource | null {
  if (stepKernels()) {
    const penalized = net.params.map((p) => p.penalized);
    const flat = flattenAll(grads);
    const deferNorm = norm && !((l1 > 0 || l2 > 0) && penalized.some(Boolean));
    const result = opt.applyFused(flat, { l1, l2, penalized }, norm && !deferNorm);
    return deferNorm ? { kind: 'norm', tensor: flat } : result;
  }
  return applyUpdate(opt, addPenaltyGradients(net, grads, l1, l2), norm);
}

/**
 * The L1/L2 values a tape-free update charts. On webgpu (the step's metrics kernel) a term that is
 * off stays out: its 0 is the metrics vector's default.
 */
function chartedPenalty(net: Network, l1: number, l2: number): { l1?: tf.Scalar; l2?: tf.Scalar } {
  const p = weightPenalty(penalizedOf(net), l1, l2);
  if (!stepKernels()) return { l1: p.l1, l2: p.l2 };
  return { l1: l1 > 0 ? p.l1 : undefined, l2: l2 > 0 ? p.l2 : undefined };
}

/** Keeps a source's tensor out of the tidy scope it was made in (the trainer disposes it after the step's metrics). */
function keepSource(src: MetricSource): MetricSource {
  tf.keep(src.tensor);
  return src;
}

function keepSources(sources: StepSources): StepSources {
  for (const src of Object.values(sources)) if (src) keepSource(src);
  return sources;
}
