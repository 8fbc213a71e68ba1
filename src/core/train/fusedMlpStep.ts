/**
 * The D and G updates of a dense-chain GAN (the 2-D MLPs) on WebGPU as a handful of dispatches
 * (backend/webgpuMlp.ts, docs/kernels.md): a row pass, one gradient + Adam kernel and, on a
 * charted update, one report kernel. The maths is tapeFreeStep.ts's for the non-saturating loss
 * at target 1 (the stacked logit loss for D); ganUpdates.ts decides when it applies
 * (fusedMlpApplies) and keeps the random stream's order.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossId } from '../config';
import type { LiveAdam } from './adam';
import { mlpChain, type MlpChain } from '../models/mlpChain';
import type { Network } from '../models/network';
import { fusedKernelsActive } from '../backend/webgpuFusion';
import { f32, i32, runFused } from '../backend/webgpuKernels';
import {
  discriminatorLayout,
  discriminatorPassProgram,
  generatorLayout,
  generatorPassProgram,
  gradientAdamProgram,
  metricsProgram,
  REPORT_INDEX,
  reportProgram,
  type TraceLayout,
} from '../backend/webgpuMlp';
import type { StepScalars } from '../backend/deviceMetrics';

export interface FusedMlpNets {
  G: Network;
  D: Network;
  optG: LiveAdam;
  optD: LiveAdam;
}

/** What the fused update leaves out: anything but these runs the layer-by-layer step. */
export interface FusedMlpConditions {
  loss: LossId;
  classes: number;
  latentDim: number;
  labelSmoothing: number;
  spectralNorm: boolean;
  r1Gamma: number;
  gpLambda: number;
  sigma: number;
  augmenting: boolean;
}

/** Whether the fused MLP updates apply: webgpu with fusion on, two dense chains, the plain non-saturating step. */
export function fusedMlpApplies(nets: FusedMlpNets, c: FusedMlpConditions): boolean {
  if (!fusedKernelsActive()) return false;
  if (c.loss !== 'nonsaturating' || c.classes > 0 || c.labelSmoothing !== 0 || c.spectralNorm) return false;
  if (c.r1Gamma > 0 || c.gpLambda > 0 || c.sigma > 0 || c.augmenting) return false;
  const g = mlpChain(nets.G);
  const d = mlpChain(nets.D);
  if (!g || !d) return false;
  const gLast = g.layers[g.layers.length - 1];
  const dLast = d.layers[d.layers.length - 1];
  return g.layers[0].inDim === c.latentDim && gLast.alpha === null && dLast.alpha === null && dLast.outDim === 1 && gLast.outDim === d.layers[0].inDim;
}

interface Penalty {
  l1: number;
  l2: number;
}

/** The gradient + Adam dispatch for `chain` from a trace, in place on `opt`'s packed state. */
function gradientAdam(opt: LiveAdam, chain: MlpChain, t: TraceLayout, traceKey: string, trace: tf.Tensor, rows: number, p: Penalty, keep: boolean): void {
  const cols = traceKey === 'd' ? t.d : t.g;
  opt.updateInPlace((packed, s) =>
    runFused(
      gradientAdamProgram(chain, cols, traceKey),
      [trace],
      [
        i32(rows),
        ...[s.stepSize, s.beta1, 1 - s.beta1, s.beta2, 1 - s.beta2, s.epsilon, Math.max(0, p.l1), Math.max(0, p.l2)].map((x) => f32(x)),
        i32(keep ? 1 : 0),
      ],
      packed,
    ),
  );
}

function report(opt: LiveAdam, chain: MlpChain, t: TraceLayout, discriminator: boolean, trace: tf.Tensor, n: number, rows: number, p: Penalty): tf.Tensor {
  return runFused(reportProgram(chain, t, discriminator), [trace, opt.packedState()], [i32(n), i32(rows), f32(Math.max(0, p.l1)), f32(Math.max(0, p.l2))]);
}

/**
 * One D update on `real` and G(z) (n rows each). Returns, when `charted`, D's report
 * [dLoss, dReal, dFake, dGradNorm, dL1, dL2] (REPORT_INDEX.d), kept out of every tidy scope.
 */
export function fusedDiscriminatorUpdate(nets: FusedMlpNets, real: tf.Tensor, z: tf.Tensor, p: Penalty, charted: boolean): tf.Tensor | null {
  const g = mlpChain(nets.G)!;
  const d = mlpChain(nets.D)!;
  const n = real.shape[0];
  const rows = 2 * n;
  const t = discriminatorLayout(g, d);
  let out: tf.Tensor | null = null;
  tf.tidy(() => {
    const trace = runFused(
      discriminatorPassProgram(g, d, t, rows),
      [real, z, nets.optG.packedState(), nets.optD.packedState()],
      [i32(n), i32(rows), f32(1 / n)],
    );
    gradientAdam(nets.optD, d, t, 'd', trace, rows, p, charted);
    if (charted) out = tf.keep(report(nets.optD, d, t, true, trace, n, rows, p));
  });
  return out;
}

/** One G update from latent z (n rows); returns G's report (REPORT_INDEX.g), kept. */
export function fusedGeneratorUpdate(nets: FusedMlpNets, z: tf.Tensor, p: Penalty): tf.Tensor {
  const g = mlpChain(nets.G)!;
  const d = mlpChain(nets.D)!;
  const n = z.shape[0];
  const t = generatorLayout(g, d);
  return tf.tidy(() => {
    const trace = runFused(generatorPassProgram(g, d, t, n), [z, nets.optG.packedState(), nets.optD.packedState()], [i32(n), i32(n), f32(1 / n)]);
    gradientAdam(nets.optG, g, t, 'g', trace, n, p, true);
    return tf.keep(report(nets.optG, g, t, false, trace, n, n, p));
  });
}

/** The step's metrics vector (DEVICE_METRICS order) from both reports, in one dispatch. */
export function fusedMetrics(dReport: tf.Tensor, gReport: tf.Tensor): tf.Tensor1D {
  return runFused(metricsProgram(), [dReport, gReport], [i32(0)]) as tf.Tensor1D;
}

/** A report as separate scalars (when only one of the updates was fused). */
export function reportScalars(r: tf.Tensor, which: 'd' | 'g'): StepScalars {
  return tf.tidy(() => {
    const out: StepScalars = {};
    for (const [k, i] of Object.entries(REPORT_INDEX[which])) out[k as keyof StepScalars] = tf.keep(tf.reshape(tf.slice(r, i, 1), []));
    return out;
  });
}
