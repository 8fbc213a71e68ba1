/** One backend's run: the matMul ceiling, a profile, then every cell within the task's budget. */
import * as tf from '@tensorflow/tfjs';
import type { ModelId, TrainConfig } from '../../../src/core/config';
import { summarizeModel } from '../../../src/core/models/specs';
import { Trainer } from '../../../src/core/train/trainer';
import { achievedGflops, gflopsPerSec, percentOf, predictStepMs, ratio, sig, topKernels } from '../stats';
import type { Dataset } from '../../../src/core/data/types';
import type { BackendTask, BenchBackend, BenchContext, CellResult, FusionComparison, PhaseMeasure, ProfileResult } from '../types';
import { largestConv, matmulGflops, matmulSizeFor, timeOp } from './ceilings';
import { configFor, datasetFor, MODEL_ORDER } from './datasets';
import type { BenchHost } from './host';
import { PlainGan } from './plainGan';
import { ourRunner, plainRunner, withFusion } from './runners';
import { measurePair, type PairMeasure } from './timing';

export interface BackendRunOutput {
  matmulGflops: number | null;
  cells: CellResult[];
  profile: ProfileResult | null;
}

/** A cell that was not measured, with the reason (time cap, backend budget …). */
export function skippedCell(backend: BenchBackend, model: ModelId, batchSize: number, context: BenchContext, why: string): CellResult {
  const phase: PhaseMeasure = { stepsPerSec: null, imagesPerSec: null, firstStepSec: null, windows: 0, timedSteps: 0, spread: null, skipped: why };
  return {
    backend,
    model,
    context,
    batchSize,
    imagesPerSec: null,
    stepsPerSec: null,
    plainImagesPerSec: null,
    plainStepsPerSec: null,
    speedupVsPlain: null,
    achievedGflops: null,
    ceilingGflops: null,
    pctOfCeiling: null,
    convGflops: null,
    largestConv: null,
    pctOfConv: null,
    ours: phase,
    plain: phase,
    skipped: why,
  };
}

/** Per-kernel time of one training step (tf.profile), after a warm-up step. */
export async function profileStep(backend: BenchBackend, model: ModelId, batchSize: number, host: BenchHost): Promise<ProfileResult> {
  const config = configFor(model, batchSize);
  const trainer = new Trainer(config, await datasetFor(model, host));
  try {
    trainer.trainStep();
    await trainer.flushMetrics();
    const t = host.now();
    const info = await tf.profile(() => {
      trainer.trainStep();
    });
    await trainer.flushMetrics();
    const stepMs = host.now() - t;
    const kernels = info.kernels.map((k) => ({ name: k.name, ms: typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : NaN }));
    const top = topKernels(kernels, 5);
    return {
      backend,
      model,
      batchSize,
      context: host.context,
      stepMs: sig(stepMs, 4)!,
      kernelTotalMs: sig(top.totalMs, 4)!,
      kernelCount: kernels.length,
      top: top.kernels.map((k) => ({ name: k.name, ms: sig(k.ms, 4)!, calls: k.calls, share: sig(k.share, 3)! })),
    };
  } finally {
    trainer.dispose();
  }
}

/** Ceilings, then every cell (small models first), within the task's budget. */
export async function runBackend(task: BackendTask, host: BenchHost, onCell: (c: CellResult) => void): Promise<BackendRunOutput> {
  const { backend } = task;
  const deadline = host.now() + task.budgetSec * 1000;
  const left = () => deadline - host.now();
  const size = matmulSizeFor(backend);
  host.log(`${backend}: matMul ${size}² ceiling…`);
  const matmul = sig(await matmulGflops(host, size, Math.min(4000, left() / 10)), 4);
  host.log(`${backend}: matMul ${matmul} GFLOP/s`);
  const cells: CellResult[] = [];
  const plans = [...task.cells].sort((a, b) => MODEL_ORDER.indexOf(a.model) - MODEL_ORDER.indexOf(b.model));
  let profile: ProfileResult | null = null;
  // Profile first (cheap, one small model) so a later time cap cannot crowd it out.
  if (task.profileModel) {
    const plan = plans.find((p) => p.model === task.profileModel);
    try {
      profile = await profileStep(backend, task.profileModel, plan?.batchSize ?? 64, host);
      host.log(`${backend}: profile ${task.profileModel}: ${profile.top.map((k) => `${k.name} ${(k.share * 100).toFixed(0)}%`).join(', ')}`);
    } catch (e) {
      host.log(`${backend}: profile failed: ${(e as Error).message}`);
    }
  }
  let bestConvGflops: number | null = null;
  for (let i = 0; i < plans.length; i++) {
    const { model, batchSize } = plans[i];
    const remainingCells = plans.length - i;
    // The full-size DCGANs take seconds per step on a CPU: they get 2.5× the cap to show a figure.
    const scale = model === 'dcgan32' || model === 'dcgan28' ? 2.5 : 1;
    const cellCapMs = Math.min(task.phaseCapSec * 2000 * scale, left() / Math.max(1, Math.min(remainingCells, 2)));
    if (left() < 3000 || cellCapMs < 2000) {
      const c = skippedCell(backend, model, batchSize, host.context, 'time cap (backend budget spent)');
      cells.push(c);
      onCell(c);
      continue;
    }
    const config = configFor(model, batchSize);
    const dataset = await datasetFor(model, host);
    const cellStart = host.now();
    // Ceiling of the largest conv (skipped when even that would not fit).
    const convInfo = largestConv(model, batchSize, config.latentDim);
    let convGflops: number | null = null;
    if (convInfo) {
      const guessMs = matmul ? convInfo.flops / (matmul * 1e6) : null;
      if (guessMs === null || guessMs * 4 < cellCapMs / 4) {
        const conv = convInfo.make();
        try {
          convGflops = sig(gflopsPerSec(conv.flops, await timeOp(conv.run, host, Math.min(3000, cellCapMs / 6))), 4);
        } finally {
          conv.dispose();
        }
        if (convGflops !== null) bestConvGflops = Math.max(bestConvGflops ?? 0, convGflops);
      }
    }
    const flopsPerImage = configSummary(config);
    const best = Math.max(convGflops ?? 0, matmul ?? 0, bestConvGflops ?? 0) || null;
    // Optimistic: the step at the best rate this backend showed (never slower than reality).
    const predicted = model === 'mlp2d' ? null : predictStepMs(flopsPerImage, batchSize, best);
    const capMs = cellCapMs - (host.now() - cellStart);
    host.log(`${backend}/${model}: ours and the plain loop, interleaved (cap ${(capMs / 1000).toFixed(0)} s)…`);
    const trainer = new Trainer(config, dataset);
    const plainGan = new PlainGan(config, dataset);
    let pair: PairMeasure;
    try {
      pair = await measurePair(ourRunner(trainer, host.now), plainRunner(plainGan, host.now), batchSize, capMs, host, predicted);
    } finally {
      trainer.dispose();
      plainGan.dispose();
    }
    const fusion = backend === 'webgpu' && !pair.ours.skipped ? await compareFusion(config, dataset, batchSize, capMs, host) : null;
    const { ours, plain } = pair;
    const ach = ours.stepsPerSec !== null ? achievedGflops(flopsPerImage, batchSize, ours.stepsPerSec) : null;
    const cell: CellResult = {
      backend,
      model,
      context: host.context,
      batchSize,
      imagesPerSec: ours.imagesPerSec,
      stepsPerSec: ours.stepsPerSec,
      plainImagesPerSec: plain.imagesPerSec,
      plainStepsPerSec: plain.stepsPerSec,
      speedupVsPlain: pair.speedup ?? sig(ratio(ours.stepsPerSec, plain.stepsPerSec), 3),
      kernelsPerStep: ours.kernelsPerStep ?? null,
      msPerStep: ours.msPerStep ?? null,
      plainKernelsPerStep: plain.kernelsPerStep ?? null,
      dispatchesPerStep: ours.dispatchesPerStep ?? null,
      plainDispatchesPerStep: plain.dispatchesPerStep ?? null,
      ...(fusion ? { fusion } : {}),
      plainMsPerStep: plain.msPerStep ?? null,
      dSteps: config.dSteps,
      achievedGflops: sig(ach, 3),
      ceilingGflops: matmul,
      pctOfCeiling: sig(percentOf(ach, matmul), 3),
      convGflops,
      largestConv: convInfo?.label ?? null,
      pctOfConv: sig(percentOf(ach, convGflops), 3),
      ours,
      plain,
      ...(ours.skipped ? { skipped: ours.skipped } : {}),
    };
    host.log(
      `${backend}/${model}: ${cell.imagesPerSec ?? '—'} img/s, plain ${cell.plainImagesPerSec ?? '—'}, ×${cell.speedupVsPlain ?? '—'}, ` +
        `${cell.kernelsPerStep ?? '—'} kernels/step (plain ${cell.plainKernelsPerStep ?? '—'}), ` +
        (cell.dispatchesPerStep != null ? `${cell.dispatchesPerStep} dispatches/step (plain ${cell.plainDispatchesPerStep ?? '—'}), ` : '') +
        `${cell.msPerStep ?? '—'} ms/step (plain ${cell.plainMsPerStep ?? '—'}), ` +
        `${cell.achievedGflops ?? '—'} GFLOP/s${cell.skipped ? ` (${cell.skipped})` : ''}`,
    );
    cells.push(cell);
    onCell(cell);
  }
  return { matmulGflops: matmul, cells, profile };
}

/**
 * WebGPU only: our step with the fused kernels (webgpuKernels*.ts) against the same step without
 * them, in interleaved windows of one measurement (two trainers of the same config and seed).
 */
async function compareFusion(config: TrainConfig, dataset: Dataset, batchSize: number, capMs: number, host: BenchHost): Promise<FusionComparison> {
  host.log(`webgpu/${config.model}: fused kernels against unfused (cap ${(capMs / 1000).toFixed(0)} s)…`);
  const fused = new Trainer(config, dataset);
  const unfused = new Trainer(config, dataset);
  try {
    const pair = await measurePair(withFusion(ourRunner(fused, host.now), true), withFusion(ourRunner(unfused, host.now), false), batchSize, capMs, host, null);
    const c: FusionComparison = {
      fusedMsPerStep: pair.ours.msPerStep ?? null,
      unfusedMsPerStep: pair.plain.msPerStep ?? null,
      fusedDispatchesPerStep: pair.ours.dispatchesPerStep ?? null,
      unfusedDispatchesPerStep: pair.plain.dispatchesPerStep ?? null,
      speedup: pair.speedup,
      ...(pair.ours.skipped ? { skipped: pair.ours.skipped } : {}),
    };
    host.log(`webgpu/${config.model}: fused ${c.fusedMsPerStep ?? '—'} ms/step, ${c.fusedDispatchesPerStep ?? '—'} dispatches; unfused ${c.unfusedMsPerStep ?? '—'} ms/step, ${c.unfusedDispatchesPerStep ?? '—'} dispatches; ×${c.speedup ?? '—'}`);
    return c;
  } finally {
    fused.dispose();
    unfused.dispose();
  }
}

function configSummary(config: TrainConfig): number {
  return summarizeModel(config.model, config.latentDim, config.dSteps).flopsPerImage;
}
