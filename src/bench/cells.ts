/**
 * What the benchmark measures, written once against TF.js and the core: it runs unchanged in the
 * bench Web Worker and in Node (`npm run bench -- --node`). No DOM, no worker globals: the host
 * passes in a clock, a logger, a heap probe and asset reading.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelId, TrainConfig } from '../core/config';
import { makeArrayDataset } from '../core/data/arrayDataset';
import { getDatasetSource } from '../core/data/registry';
import type { Dataset, LoadContext } from '../core/data/types';
import { LOSSES } from '../core/losses';
import { modeCoverage } from '../core/metrics/modeCoverage';
import { glorotUniform } from '../core/models/glorot';
import { buildNetwork, type Network } from '../core/models/network';
import { ARCHITECTURES, inferLayers, summarizeModel } from '../core/models/specs';
import { Random } from '../core/random';
import { resolveConfig } from '../core/runConfig';
import { imageGridRGBA, type GridImage } from '../core/sampleGrid';
import { findNonFinite } from '../core/divergence';
import { SAMPLE_GRID_SIDE, Trainer } from '../core/trainer';
import { TrainingLoop, type LoopOutcome } from '../core/trainingLoop';
import {
  achievedGflops,
  gflopsPerSec,
  median,
  pairedSpeedup,
  percentOf,
  predictStepMs,
  rateSpread,
  ratio,
  sig,
  steadyStepsPerSec,
  topKernels,
  type TimedWindow,
} from './stats';
import type { BackendTask, BenchBackend, BenchContext, CellResult, MnistRun, PhaseMeasure, ProfileResult, RingRun } from './types';

export interface BenchHost {
  context: BenchContext;
  now(): number;
  log(text: string): void;
  /** Garbage-collects if it can and returns the JS heap in use (MB), or null. */
  heapMB(label: string): Promise<number | null>;
  /** Marks training intervals (for long tasks on the main thread). */
  training(active: boolean): void;
  readAsset: LoadContext['readAsset'];
}

/** A timed window ends at the first device sync after this long. */
const WINDOW_MS = 500;
const MAX_WINDOWS = 12;
const MATMUL_SIZE = 1024;

/** 1024² on wasm; 512² where a 1024² product takes seconds (cpu, SwiftShader webgl/webgpu). */
export const matmulSizeFor = (backend: BenchBackend): number => (backend === 'wasm' ? MATMUL_SIZE : 512);

/** The dataset whose shape each benched model trains on (models added later are not benched). */
const DATASET_FOR: Partial<Record<ModelId, string>> = {
  dcgan32: 'emoji',
  'dcgan32-small': 'emoji',
  dcgan28: 'mnist',
  'dcgan28-small': 'mnist',
  mlp2d: 'ring8',
};

export const MODEL_ORDER: ModelId[] = ['mlp2d', 'dcgan28-small', 'dcgan32-small', 'dcgan28', 'dcgan32'];

function datasetIdFor(model: ModelId): string {
  const id = DATASET_FOR[model];
  if (!id) throw new Error(`the bench has no dataset for model ${model}`);
  return id;
}

export function configFor(model: ModelId, batchSize: number, seed = 1): TrainConfig {
  const r = resolveConfig({ dataset: datasetIdFor(model), model, batchSize, seed }, (id) => getDatasetSource(id)?.info);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

/**
 * A stand-in with the real dataset's shape and metadata: speed depends on shapes, not pixels, so
 * the bench needs no 50 MB of assets. Values are uniform in [-1, 1].
 */
export function syntheticDataset(datasetId: string, count = 512, seed = 7): Dataset {
  const info = { ...getDatasetSource(datasetId)!.info, count };
  const dim = info.shape.reduce((a, b) => a * b, 1);
  const rng = new Random(seed);
  const data = new Float32Array(count * dim);
  for (let i = 0; i < data.length; i++) data[i] = rng.next() * 2 - 1;
  return makeArrayDataset(info, data);
}

async function datasetFor(model: ModelId, host: BenchHost): Promise<Dataset> {
  const id = datasetIdFor(model);
  // ring8 is generated (no asset): use the real one.
  if (id === 'ring8') return getDatasetSource(id)!.load({ seed: 1, readAsset: host.readAsset });
  return syntheticDataset(id);
}

// ── the plain loop ──────────────────────────────────────────────────────────────────────────

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

  async step(): Promise<[number, number]> {
    const { batchSize, latentDim } = this.config;
    const loss = LOSSES[this.config.loss];
    const indices = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) indices[i] = (this.cursor++ * 7919) % this.dataset.count;
    this.dataset.readBatch(indices, this.buffer);
    const real = tf.tensor(this.buffer, [batchSize, ...ARCHITECTURES[this.config.model].dataShape]);
    const dSeed = this.rng.nextSeed();
    const dLoss = this.optD.minimize(
      () => {
        const fake = this.g.apply(tf.randomNormal([batchSize, latentDim], 0, 1, 'float32', dSeed), { training: true });
        return loss.discriminator(
          this.d.apply(real, { training: true, dropoutSeed: dSeed + 1 }),
          this.d.apply(fake, { training: true, dropoutSeed: dSeed + 2 }),
        );
      },
      true,
      this.d.variables,
    ) as tf.Scalar;
    const gSeed = this.rng.nextSeed();
    const gLoss = this.optG.minimize(
      () => {
        const fake = this.g.apply(tf.randomNormal([batchSize, latentDim], 0, 1, 'float32', gSeed), { training: true });
        return loss.generator(this.d.apply(fake, { training: true, dropoutSeed: gSeed + 1 }));
      },
      true,
      this.g.variables,
    ) as tf.Scalar;
    real.dispose();
    const dv = (await dLoss.data())[0];
    const gv = (await gLoss.data())[0];
    dLoss.dispose();
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

// ── steady-state timing ─────────────────────────────────────────────────────────────────────

interface Runner {
  /** One training step; may leave work queued on the device. */
  step(): Promise<void> | void;
  /** Trains for about `ms` (a timed window) and says how many steps it ran. */
  window(ms: number): Promise<number>;
  /** Forces a device sync (end of a window). */
  sync(): Promise<void>;
}

/** The bench has no messages to let in between slices. */
const noYield = async () => undefined;

/** A run's end, or the NaN rule's message as an error (the bench has nothing to go on with). */
function stepsOrThrow(outcome: LoopOutcome): number {
  if (outcome.kind === 'diverged') throw new Error(outcome.divergence.message);
  return outcome.steps;
}

/** Timed windows run the app's own loop (core/trainingLoop.ts): its slices, read-backs and checkpoints. */
function ourRunner(trainer: Trainer, now: () => number): Runner {
  const loop = new TrainingLoop(trainer, { now, yieldToEvents: noYield }, () => undefined);
  return {
    step: () => void trainer.trainStep(),
    window: async (ms) => {
      const t0 = now();
      return stepsOrThrow(await loop.run({ until: () => now() - t0 >= ms }));
    },
    sync: async () => {
      const bad = findNonFinite(await trainer.flushMetrics());
      if (bad) throw new Error(`${bad.term} became ${bad.value} at step ${bad.step}`);
    },
  };
}

function plainRunner(plain: PlainGan, now: () => number): Runner {
  const step = async () => {
    const [d, g] = await plain.step();
    if (!(Number.isFinite(d) && Number.isFinite(g))) throw new Error('plain loop: losses became NaN');
  };
  return {
    step,
    window: async (ms) => {
      const t0 = now();
      let steps = 0;
      do {
        await step();
        steps++;
      } while (now() - t0 < ms);
      return steps;
    },
    sync: async () => undefined,
  };
}

interface PairMeasure {
  ours: PhaseMeasure;
  plain: PhaseMeasure;
  /** Median of the per-pair rate ratios ours/plain over interleaved windows. */
  speedup: number | null;
}

/**
 * Measures ours and the plain loop side by side: each one's first step alone (it pays shader
 * compilation: minutes on SwiftShader WebGPU, reported apart), ≥ 1 warm-up step each, then
 * timed windows alternating ours, plain, ours, plain… so the noise of a shared machine hits both
 * alike. The cap (ms) starts after the first steps; the backend's budget bounds those.
 */
async function measurePair(ours: Runner, plain: Runner, batchSize: number, capMs: number, host: BenchHost, predictedStepMs: number | null): Promise<PairMeasure> {
  const empty = (skipped: string, firstStepSec: number | null = null): PhaseMeasure => ({
    stepsPerSec: null,
    imagesPerSec: null,
    firstStepSec: firstStepSec === null ? null : sig(firstStepSec, 3),
    windows: 0,
    timedSteps: 0,
    spread: null,
    skipped,
  });
  // Per side: first step + 1 warm-up + 2 timed steps is the least that gives a figure.
  if (predictedStepMs !== null && predictedStepMs * 6 > capMs) {
    const why = `time cap (≥ ${(predictedStepMs / 1000).toFixed(1)} s/step predicted from the conv ceiling; cap ${(capMs / 1000).toFixed(0)} s)`;
    return { ours: empty(why), plain: empty(why), speedup: null };
  }
  const { now } = host;
  const runners = [ours, plain];
  host.training(true);
  try {
    const firstMs = [0, 0];
    for (let k = 0; k < 2; k++) {
      const t = now();
      await runners[k].step();
      await runners[k].sync();
      firstMs[k] = now() - t;
    }
    const start = now();
    const lastStepMs = [0, 0];
    const skip = (why: string) => ({ ours: empty(why, firstMs[0] / 1000), plain: empty(why, firstMs[1] / 1000), speedup: null });
    for (let k = 0; k < 2; k++) {
      let steps = 0;
      const t0 = now();
      while (steps < 1 || now() - t0 < WINDOW_MS / 2) {
        if (steps > 0 && now() - start + lastStepMs[k] * 4 > capMs) {
          return skip(`time cap (step ≈ ${(lastStepMs[k] / 1000).toFixed(1)} s after a first step of ${(firstMs[k] / 1000).toFixed(1)} s; cap ${(capMs / 1000).toFixed(0)} s)`);
        }
        const t = now();
        await runners[k].step();
        await runners[k].sync();
        lastStepMs[k] = now() - t;
        steps++;
      }
    }
    const windows: TimedWindow[][] = [[], []];
    while (windows[1].length < MAX_WINDOWS) {
      const elapsed = now() - start;
      const pairMs = Math.max(WINDOW_MS, lastStepMs[0]) + Math.max(WINDOW_MS, lastStepMs[1]);
      if (windows[1].length >= 2 && elapsed + pairMs > capMs) break;
      if (windows[1].length < 2 && elapsed + pairMs > capMs * 1.2) break;
      for (let k = 0; k < 2; k++) {
        const t0 = now();
        const steps = await runners[k].window(WINDOW_MS);
        await runners[k].sync();
        const ms = now() - t0;
        windows[k].push({ steps, ms });
        lastStepMs[k] = ms / steps;
      }
    }
    if (windows[1].length === 0) return skip(`time cap (steps ≈ ${(lastStepMs[0] / 1000).toFixed(1)} s / ${(lastStepMs[1] / 1000).toFixed(1)} s)`);
    const phase = (k: number): PhaseMeasure => {
      const sps = steadyStepsPerSec(windows[k], 1);
      return {
        stepsPerSec: sig(sps, 4),
        imagesPerSec: sig(sps * batchSize, 4),
        firstStepSec: sig(firstMs[k] / 1000, 3),
        windows: windows[k].length,
        timedSteps: windows[k].reduce((a, w) => a + w.steps, 0),
        spread: sig(rateSpread(windows[k]), 2),
      };
    };
    return { ours: phase(0), plain: phase(1), speedup: sig(pairedSpeedup(windows[0], windows[1], 1), 3) };
  } finally {
    host.training(false);
  }
}

// ── ceilings ────────────────────────────────────────────────────────────────────────────────

/** Median time (ms) of `run`, each sample a batch of reps ending in one `await data()`. */
async function timeOp(run: () => tf.Tensor, host: BenchHost, budgetMs: number): Promise<number> {
  const once = async (reps: number) => {
    const t = host.now();
    let y: tf.Tensor | null = null;
    for (let i = 0; i < reps; i++) {
      y?.dispose();
      y = run();
    }
    await y!.data();
    y!.dispose();
    return (host.now() - t) / reps;
  };
  const first = await once(1); // warm-up: compile, pack weights
  const per = await once(1);
  const reps = Math.max(1, Math.min(20, Math.round(150 / Math.max(per, 1))));
  const samples = [per];
  const start = host.now();
  while (samples.length < 5 && host.now() - start + per * reps < budgetMs) samples.push(await once(reps));
  void first;
  return median(samples);
}

export async function matmulGflops(host: BenchHost, size = MATMUL_SIZE, budgetMs = 3000): Promise<number> {
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  try {
    const ms = await timeOp(() => tf.matMul(a, b), host, budgetMs);
    return gflopsPerSec(2 * size ** 3, ms);
  } finally {
    a.dispose();
    b.dispose();
  }
}

export interface ConvSpec {
  label: string;
  flops: number;
  run(): tf.Tensor;
  dispose(): void;
}

/** The model's largest convolution (forward) by FLOPs, at this batch size, or null for the MLP. */
export function largestConv(model: ModelId, batchSize: number, latentDim: number): Omit<ConvSpec, 'run' | 'dispose'> & { make(): ConvSpec } | null {
  const arch = ARCHITECTURES[model];
  const layers = [...inferLayers(arch.generator, [latentDim]), ...inferLayers(arch.discriminator, arch.dataShape)];
  const convs = layers.filter((l) => l.spec.type === 'conv' || l.spec.type === 'convT');
  if (convs.length === 0) return null;
  const big = convs.reduce((a, b) => (b.forwardFlops > a.forwardFlops ? b : a));
  const spec = big.spec as { type: 'conv' | 'convT'; filters: number; kernel: number; stride: number };
  const [h, w, c] = big.inShape;
  const label = `${spec.type === 'conv' ? 'conv' : 'convT'} [${batchSize},${h},${w},${c}]→[${batchSize},${big.outShape.join(',')}] k${spec.kernel} s${spec.stride}`;
  return {
    label,
    flops: big.forwardFlops * batchSize,
    make() {
      const x = tf.randomUniform([batchSize, h, w, c], -1, 1, 'float32', 3) as tf.Tensor4D;
      const k = spec.kernel;
      const f =
        spec.type === 'conv'
          ? (tf.randomUniform([k, k, c, spec.filters], -0.1, 0.1, 'float32', 4) as tf.Tensor4D)
          : (tf.randomUniform([k, k, spec.filters, c], -0.1, 0.1, 'float32', 4) as tf.Tensor4D);
      const out = [batchSize, ...big.outShape] as [number, number, number, number];
      return {
        label,
        flops: big.forwardFlops * batchSize,
        run: () => (spec.type === 'conv' ? tf.conv2d(x, f, spec.stride, 'same') : tf.conv2dTranspose(x, f, out, spec.stride, 'same')),
        dispose: () => {
          x.dispose();
          f.dispose();
        },
      };
    },
  };
}

// ── one backend's cells ─────────────────────────────────────────────────────────────────────

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
        `${cell.achievedGflops ?? '—'} GFLOP/s${cell.skipped ? ` (${cell.skipped})` : ''}`,
    );
    cells.push(cell);
    onCell(cell);
  }
  return { matmulGflops: matmul, cells, profile };
}

function configSummary(config: TrainConfig): number {
  return summarizeModel(config.model, config.latentDim, config.dSteps).flopsPerImage;
}

// ── the ring of 8 on the auto backend: time to 8/8 modes, and the long run for leaks ─────────

/** The app's points view refresh (VIEW_INTERVALS_MS.points in worker/liveRun.ts) and sample count. */
const COVERAGE_EVERY_MS = 250;
const COVERAGE_POINTS = 1000;

export async function ringRun(backendName: string, reasons: string[], minSteps: number, capSec: number, host: BenchHost): Promise<RingRun> {
  const source = getDatasetSource('ring8')!;
  const config = configFor('mlp2d', 128);
  const dataset = await source.load({ seed: config.seed, readAsset: host.readAsset });
  const { centers, sigma } = source.info.modes!;
  const trainer = new Trainer(config, dataset);
  try {
    const start = host.now();
    host.training(true);
    let timeToAll: number | null = null;
    let stepsToAll: number | null = null;
    let checks = 0;
    let finalModes = 0;
    let before: { tensors: number; heap: number | null; bytes: number } | null = null;
    const check = async () => {
      const pts = await trainer.generate(COVERAGE_POINTS, config.seed + 1);
      checks++;
      finalModes = modeCoverage(pts, centers, sigma).modesCovered;
      if (finalModes === centers.length && timeToAll === null) {
        timeToAll = (host.now() - start) / 1000;
        stepsToAll = trainer.step;
        host.log(`ring8 on ${backendName}: 8/8 modes at ${timeToAll.toFixed(1)} s (step ${stepsToAll})`);
      }
    };
    const loop = new TrainingLoop(trainer, { now: host.now, yieldToEvents: noYield }, () => undefined);
    const periodic = [{ everyMs: COVERAGE_EVERY_MS, run: check }];
    const until = () => {
      const elapsed = (host.now() - start) / 1000;
      return (trainer.step >= minSteps && (timeToAll !== null || elapsed >= capSec)) || elapsed >= capSec * 2;
    };
    // "Before": the run is warm at step 50 (every kernel, optimizer slot and buffer exists).
    stepsOrThrow(await loop.run({ steps: 50, periodic, until }));
    if (trainer.step === 50) {
      host.training(false);
      const heap = await host.heapMB('before');
      host.training(true);
      before = { tensors: tf.memory().numTensors, heap, bytes: tf.memory().numBytes };
    }
    if (!until()) stepsOrThrow(await loop.run({ periodic, until }));
    host.training(false);
    const seconds = (host.now() - start) / 1000;
    const heapAfter = await host.heapMB('after');
    const mem = tf.memory();
    return {
      backend: backendName,
      backendReasons: reasons,
      timeToAllModesSec: sig(timeToAll, 3),
      stepsToAllModes: stepsToAll,
      steps: trainer.step,
      seconds: sig(seconds, 3)!,
      checks,
      finalModes,
      tensorsBefore: before?.tensors ?? -1,
      tensorsAfter: mem.numTensors,
      heapBeforeMB: sig(before?.heap ?? null, 4),
      heapAfterMB: sig(heapAfter, 4),
      tfBytesBeforeMB: sig((before?.bytes ?? 0) / 2 ** 20, 4)!,
      tfBytesAfterMB: sig(mem.numBytes / 2 ** 20, 4)!,
    };
  } finally {
    host.training(false);
    trainer.dispose();
  }
}

// ── MNIST for a minute on the auto backend: do the samples look like digits? ─────────────────

export async function mnistRun(backendName: string, seconds: number, host: BenchHost): Promise<{ run: MnistRun; grid: GridImage }> {
  const source = getDatasetSource('mnist')!;
  const r = resolveConfig({ dataset: 'mnist' }, (id) => getDatasetSource(id)?.info);
  if (!r.ok) throw new Error('mnist config');
  const config = r.value;
  const dataset = await source.load({ seed: config.seed, readAsset: host.readAsset });
  const trainer = new Trainer(config, dataset);
  try {
    const start = host.now();
    host.training(true);
    // Set in the metrics callback, which TS's narrowing cannot see.
    let last = null as { dLoss: number; gLoss: number } | null;
    const loop = new TrainingLoop(trainer, { now: host.now, yieldToEvents: noYield }, ({ rows }) => {
      last = rows[rows.length - 1] ?? last;
    });
    stepsOrThrow(await loop.run({ until: () => host.now() - start >= seconds * 1000 }));
    host.training(false);
    const took = (host.now() - start) / 1000;
    const grid = imageGridRGBA(await trainer.fixedSamples(), dataset.info.shape, SAMPLE_GRID_SIDE);
    return {
      run: {
        backend: backendName,
        seconds: sig(took, 3)!,
        steps: trainer.step,
        imagesPerSec: sig((trainer.step * config.batchSize) / took, 4)!,
        dLoss: sig(last?.dLoss ?? null, 3),
        gLoss: sig(last?.gLoss ?? null, 3),
      },
      grid,
    };
  } finally {
    host.training(false);
    trainer.dispose();
  }
}
