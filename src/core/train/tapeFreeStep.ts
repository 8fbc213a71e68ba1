/**
 * The gradients of one D update and one G update without TF.js's tape (models/backprop.ts),
 * for updates where nothing is differentiated twice (spectral normalisation's σ(W) is taken in
 * closed form by SpectralNorm.kernelGradient). The same
 * maths as the tape path in trainer.ts — trainerEquivalence.test.ts holds them to the step as it
 * was before, to 1e-5 over 20 steps — in far fewer kernels: D sees its real and fake batches as
 * one concatenated batch when no layer mixes examples (no BatchNorm; dropout masks are drawn per
 * half from each half's seed), and the loss gradient is written out (lossGradients.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { LossId } from '../config';
import { generatorLossAndGradient, LOSS_GRADIENTS, stackedLogitGradient } from './lossGradients';
import { LOSSES } from './losses';
import { backward, forward, isPerExample, type Trace } from '../models/backprop';
import type { Network } from '../models/network';
import { stepKernels } from '../backend/stepKernels';
import type { MetricSource, StepSources } from '../backend/webgpuKernelsMetrics';

/** D(x) as reported: a probability for logit losses, the raw output otherwise. */
export function reportedD(lossId: LossId, out: tf.Tensor): tf.Scalar {
  return tf.mean(LOSSES[lossId].logit ? tf.sigmoid(out) : out) as tf.Scalar;
}

/** Per-batch-size constants of the stacked logit gradient, made once (on GPUs every JS number is an upload). */
export class StackedSigns {
  private readonly cache = new Map<number, { sign: tf.Tensor; signOverN: tf.Tensor }>();

  /** Made now for the batch size in use, so the tensor count does not step up at the first tape-free update. */
  constructor(batchSize: number) {
    this.get(batchSize);
  }

  /**
   * G's hinge loss gradient −1/n for D's n outputs of `shape` ([n, 1]), made at its first use (the
   * fused WebGPU step only: other backends keep lossGradients.ts's fill).
   */
  negMeanGradient(shape: number[]): tf.Tensor {
    const key = shape.join('x');
    let g = this.constants.get(key);
    if (!g) {
      g = tf.keep(tf.fill(shape, -1 / shape[0]));
      this.constants.set(key, g);
    }
    return g;
  }

  private readonly constants = new Map<string, tf.Tensor>();

  get(n: number): { sign: tf.Tensor; signOverN: tf.Tensor } {
    let c = this.cache.get(n);
    if (!c) {
      const sign = Float32Array.from({ length: 2 * n }, (_, i) => (i < n ? -1 : 1));
      c = tf.tidy(() => ({
        sign: tf.keep(tf.tensor2d(sign, [2 * n, 1])),
        signOverN: tf.keep(
          tf.tensor2d(
            sign.map((s) => s / n),
            [2 * n, 1],
          ),
        ),
      }));
      this.cache.set(n, c);
    }
    return c;
  }

  dispose(): void {
    for (const c of this.cache.values()) tf.dispose([c.sign, c.signOverN]);
    this.cache.clear();
    for (const g of this.constants.values()) g.dispose();
    this.constants.clear();
  }
}

export interface DiscriminatorPass {
  lossId: LossId;
  realIn: tf.Tensor;
  fakeIn: tf.Tensor;
  seedReal: number;
  seedFake: number;
  realTarget: number;
  /** Compute the charted values (only the last D update of a step is charted). */
  report: boolean;
  signs: StackedSigns;
  /** D's kernels as the forward pass uses them (spectral normalization); gradients are then ∂/∂(that kernel). */
  kernel?: (variable: tf.Variable) => tf.Tensor;
  /** A conditional run's classes of each batch, one-hot (real: the data's; fake: those G was asked for). */
  realLabels?: tf.Tensor;
  fakeLabels?: tf.Tensor;
}

export interface DiscriminatorGrads {
  grads: tf.Tensor[];
  dLoss?: tf.Scalar;
  dReal?: tf.Scalar;
  dFake?: tf.Scalar;
  /** On webgpu, the charted values left unreduced for the step's metrics kernel (webgpuKernelsMetrics.ts) instead. */
  sources?: StepSources;
}

/** ∂L_D/∂(D's variables), in D.variables order, and the charted values when asked. */
export function discriminatorGradients(D: Network, p: DiscriminatorPass): DiscriminatorGrads {
  const loss = LOSSES[p.lossId];
  const lossGrad = LOSS_GRADIENTS[p.lossId];
  const n = p.realIn.shape[0];
  const reportAll = (realOut: tf.Tensor, fakeOut: tf.Tensor, dLoss?: tf.Scalar) => ({
    dLoss: dLoss ?? loss.discriminator(realOut, fakeOut, p.realTarget),
    dReal: reportedD(p.lossId, realOut),
    dFake: reportedD(p.lossId, fakeOut),
  });
  if (isPerExample(D)) {
    const trace: Trace = { saved: [] };
    const labels = p.realLabels && p.fakeLabels ? tf.concat([p.realLabels, p.fakeLabels]) : undefined;
    const out = forward(D, tf.concat([p.realIn, p.fakeIn]), { dropoutSeeds: [p.seedReal, p.seedFake], kernel: p.kernel, labels }, trace);
    let dOut: tf.Tensor;
    let report: Omit<DiscriminatorGrads, 'grads'> = {};
    let sources: StepSources | undefined;
    if (loss.logit && p.realTarget === 1) {
      const { sign, signOverN } = p.signs.get(n);
      const kernels = stepKernels();
      // A backend's fused kernels: the gradient in one dispatch, the charted values in one more.
      let z: tf.Tensor | null = null;
      if (kernels) {
        dOut = kernels.stackedLogitGradient(out, n);
        if (p.report) report = kernels.stackedLogitReport(out, n);
      } else ({ z, grad: dOut } = stackedLogitGradient(out, signOverN, sign));
      if (p.report && z) {
        const [realOut, fakeOut] = tf.split(out, 2);
        // Σ softplus(−real)/n + Σ softplus(fake)/n: losses.ts's value, summed in one pass.
        report = reportAll(realOut, fakeOut, tf.mul(tf.sum(tf.softplus(z)), 1 / n) as tf.Scalar);
      }
    } else if (p.lossId === 'hinge' && stepKernels()) {
      // Hinge has no target to smooth: the gradient in one dispatch, the charted values in one more.
      const kernels = stepKernels()!;
      dOut = kernels.stackedHingeGradient(out, n);
      // The charted values are reduced by the step's metrics kernel, straight from D's outputs.
      if (p.report) sources = { dLoss: { kind: 'hingeD', tensor: out }, dReal: { kind: 'meanReal', tensor: out }, dFake: { kind: 'meanFake', tensor: out } };
    } else {
      const [realOut, fakeOut] = tf.split(out, 2);
      const g = lossGrad.discriminator(realOut, fakeOut, p.realTarget);
      dOut = tf.concat([g.real, g.fake]);
      if (p.report) report = reportAll(realOut, fakeOut);
    }
    return { grads: backward(trace, dOut, { params: true, input: false }).params!, ...report, ...(sources ? { sources } : {}) };
  }
  // A layer mixes examples (BatchNorm): real and fake pass separately, as in the tape path.
  const traces: Trace[] = [{ saved: [] }, { saved: [] }];
  const realOut = forward(D, p.realIn, { dropoutSeeds: [p.seedReal], kernel: p.kernel, labels: p.realLabels }, traces[0]);
  const fakeOut = forward(D, p.fakeIn, { dropoutSeeds: [p.seedFake], kernel: p.kernel, labels: p.fakeLabels }, traces[1]);
  const g = lossGrad.discriminator(realOut, fakeOut, p.realTarget);
  const gr = backward(traces[0], g.real, { params: true, input: false }).params!;
  const gf = backward(traces[1], g.fake, { params: true, input: false }).params!;
  return { grads: gr.map((x, i) => tf.add(x, gf[i])), ...(p.report ? reportAll(realOut, fakeOut) : {}) };
}

export interface GeneratorPass {
  lossId: LossId;
  z: tf.Tensor;
  dropoutSeed: number;
  /** Instance noise added to G's output before D sees it (σ = 0: none). */
  noise: { sigma: number; seed: number };
  /** D's kernels as D applies them (spectral normalization); only D's input gradient is taken. */
  dKernel?: (variable: tf.Variable) => tf.Tensor;
  /** Augments G's output before D sees it (DiffAugment, augment.ts); the gradient goes back through it. */
  augment?: (fake: tf.Tensor) => { out: tf.Tensor; backward(dy: tf.Tensor): tf.Tensor };
  /** A conditional run's classes for this batch, one-hot: G makes them and D judges them as them. */
  labels?: tf.Tensor;
  /** The run's constants (the fused WebGPU step takes the hinge G loss's constant gradient from them). */
  signs?: StackedSigns;
}

/**
 * ∂L_G/∂(G's variables), in G.variables order, and G's adversarial loss: a scalar, or on webgpu
 * for the hinge loss D's outputs left for the step's metrics kernel to reduce (`gLossSource`).
 */
export function generatorGradients(G: Network, D: Network, p: GeneratorPass): { grads: tf.Tensor[]; gLoss?: tf.Scalar; gLossSource?: MetricSource } {
  const gTrace: Trace = { saved: [] };
  const dTrace: Trace = { saved: [] };
  const generated = forward(G, p.z, { labels: p.labels }, gTrace);
  const aug = p.augment?.(generated);
  let fake = aug ? aug.out : generated;
  if (p.noise.sigma > 0) fake = tf.add(fake, tf.randomNormal(fake.shape, 0, p.noise.sigma, 'float32', p.noise.seed));
  const out = forward(D, fake, { dropoutSeeds: [p.dropoutSeed], kernel: p.dKernel, labels: p.labels }, dTrace);
  let loss: tf.Scalar | undefined;
  let grad: tf.Tensor;
  let gLossSource: MetricSource | undefined;
  const kernels = stepKernels();
  if (kernels && p.lossId === 'nonsaturating') ({ loss, grad } = kernels.generatorLogitLoss(out));
  else if (kernels && p.lossId === 'hinge' && p.signs) {
    // −mean(y): a constant gradient, the value reduced by the step's metrics kernel.
    grad = p.signs.negMeanGradient(out.shape);
    gLossSource = { kind: 'negMean', tensor: out };
  } else ({ loss, grad } = generatorLossAndGradient(p.lossId, LOSSES[p.lossId].generator, out));
  const dSeen = backward(dTrace, grad, { params: false, input: true }).input!;
  const dFake = aug ? aug.backward(dSeen) : dSeen;
  return { grads: backward(gTrace, dFake, { params: true, input: false }).params!, ...(loss ? { gLoss: loss } : {}), ...(gLossSource ? { gLossSource } : {}) };
}

/**
 * Adds the weight penalties' gradients to `grads` (in `net.variables` order): λ1·step(w, −1) and
 * λ2·2w, what the tape takes through λ1·Σ|w| (TF.js's |x|′ is −1 at 0) and λ2·Σw².
 */
export function addPenaltyGradients(net: Network, grads: tf.Tensor[], lambda1: number, lambda2: number): tf.Tensor[] {
  if (lambda1 <= 0 && lambda2 <= 0) return grads;
  return grads.map((g, i) => {
    if (!net.params[i].penalized) return g;
    const w = net.variables[i];
    let out = g;
    if (lambda1 > 0) out = tf.add(out, tf.mul(tf.step(w, -1), lambda1));
    if (lambda2 > 0) out = tf.add(out, tf.mul(w, 2 * lambda2));
    return out;
  });
}
