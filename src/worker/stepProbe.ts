/**
 * Test hook (only in a worker started with `?testHooks=1`): trains a fresh run of a bench-like
 * config for a few steps on the worker's active backend and reports every step's losses, the
 * tensor count after each step, dispatches per step (webgpu) and ms per step. The WebGPU e2e
 * compares fused WebGPU steps with wasm steps of the same seed through it; nothing in the app
 * calls it.
 */
import * as tf from '@tensorflow/tfjs';
import { PENALTIES_OFF, type ModelId } from '../core/config';
import { setWebGpuFusion, webGpuFusionOn } from '../core/backend/webgpuFusion';
import { makeArrayDataset } from '../core/data/arrayDataset';
import { getDatasetSource } from '../core/data/registry';
import type { Dataset } from '../core/data/types';
import { Random } from '../core/random';
import { resolveConfig } from '../core/runConfig';
import { countDispatches } from '../core/testing/dispatchCounter';
import { Trainer } from '../core/train/trainer';

export interface StepProbeRequest {
  model: ModelId;
  dataset: string;
  batchSize: number;
  steps: number;
  seed: number;
  /** Steps run before the timing and the dispatch count start (shader compilation); their losses are reported too. */
  warmup?: number;
  /** TF.js flags set for this probe and put back after (e.g. WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE). */
  flags?: Record<string, number | boolean>;
  /** Attribute dispatches to the engine kernels that ran them (StepProbeResult.byKernel). */
  byKernel?: boolean;
  /** WebGPU's fused kernels on or off (default: on). */
  fused?: boolean;
  /** Live penalties to set (so the fused penalty path is exercised too). */
  l1D?: number;
  l2D?: number;
  l1G?: number;
  l2G?: number;
  /** The bench's config: every regularizer off (`PENALTIES_OFF`; the L1/L2 values above still apply). */
  penaltiesOff?: boolean;
  /** Latent size (default: the dataset's); a width that is no multiple of 8 takes the kernels' narrower blocks. */
  latentDim?: number;
}

export interface StepProbeResult {
  backend: string;
  dLoss: number[];
  gLoss: number[];
  /** Mean D(real), as charted. */
  dReal: number[];
  /** Mean D(fake), as charted. */
  dFake: number[];
  /** The gradient norms, as charted (D's, G's). */
  dGradNorm: number[];
  gGradNorm: number[];
  /** tf.memory().numTensors after each step's metrics were read. */
  tensors: number[];
  /** Over the steps after the warm-up (each step's metric read-back included). */
  dispatchesPerStep: number | null;
  msPerStep: number;
  /** Dispatches per step by program. */
  byProgram: Record<string, number>;
  /** Dispatches per step by engine kernel and program (`Kernel:Program`; a fused program alone); only with `byKernel`. */
  byKernel: Record<string, number>;
  /**
   * Σ|w| over G's and over D's variables after the last step, read through the trainer (which
   * writes back weights a fused update left in its packed state): what the run keeps, not just its losses.
   */
  weightSums: [number, number];
  /** Σ|w| over the averaged generator's variables after the last step (G_ema's lerp), or null with G_ema off. */
  emaWeightSum: number | null;
  /** WebGPU errors raised during the probe (a shader that fails to compile writes nothing and says so only here). */
  gpuErrors: string[];
}

interface ErrorTarget {
  addEventListener(type: 'uncapturederror', f: (e: { error?: { message?: string } }) => void): void;
  removeEventListener(type: 'uncapturederror', f: (e: { error?: { message?: string } }) => void): void;
}

/** A seeded stand-in with the dataset's shape (speed and equality need shapes, not pixels). */
async function datasetOf(id: string, seed: number): Promise<Dataset> {
  const source = getDatasetSource(id);
  if (!source) throw new Error(`stepProbe: no dataset ${id}`);
  if (source.info.shape.length === 1) return source.load({ seed, readAsset: () => Promise.reject(new Error('no assets in the probe')) });
  const info = { ...source.info, count: 256 };
  const dim = info.shape.reduce((a, b) => a * b, 1);
  const rng = new Random(seed);
  const data = new Float32Array(info.count * dim);
  for (let i = 0; i < data.length; i++) data[i] = rng.next() * 2 - 1;
  return makeArrayDataset(info, data);
}

export async function stepProbe(req: StepProbeRequest): Promise<StepProbeResult> {
  const penalties = { l1D: req.l1D ?? 0, l2D: req.l2D ?? 0, l1G: req.l1G ?? 0, l2G: req.l2G ?? 0 };
  const r = resolveConfig(
    {
      dataset: req.dataset,
      model: req.model,
      batchSize: req.batchSize,
      seed: req.seed,
      // Unconditional (the seeded stand-in has no labels), whatever the dataset recommends.
      conditional: false,
      ...(req.latentDim === undefined ? {} : { latentDim: req.latentDim }),
      ...(req.penaltiesOff ? PENALTIES_OFF : {}),
      ...penalties,
    },
    (id) => getDatasetSource(id)?.info,
  );
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  const wasOn = webGpuFusionOn();
  setWebGpuFusion(req.fused ?? true);
  const flagsBefore = Object.fromEntries(Object.keys(req.flags ?? {}).map((k) => [k, tf.env().get(k)]));
  for (const [k, v] of Object.entries(req.flags ?? {})) tf.env().set(k, v);
  const trainer = new Trainer(r.value, await datasetOf(req.dataset, req.seed));
  const out: StepProbeResult = {
    backend: tf.getBackend(),
    dLoss: [],
    gLoss: [],
    dReal: [],
    dFake: [],
    dGradNorm: [],
    gGradNorm: [],
    tensors: [],
    dispatchesPerStep: null,
    msPerStep: 0,
    byProgram: {},
    byKernel: {},
    gpuErrors: [],
    weightSums: [0, 0],
    emaWeightSum: null,
  };
  const device = tf.getBackend() === 'webgpu' ? (tf.backend() as unknown as { device?: ErrorTarget }).device : undefined;
  const onError = (e: { error?: { message?: string } }) => out.gpuErrors.push(String(e.error?.message ?? e));
  device?.addEventListener('uncapturederror', onError);
  let counter: ReturnType<typeof countDispatches> | null = null;
  const warmup = req.warmup ?? 0;
  try {
    let t0 = performance.now();
    for (let i = 0; i < req.steps; i++) {
      if (i === warmup) {
        counter = countDispatches({ byKernel: req.byKernel });
        t0 = performance.now();
      }
      counter?.pause(false);
      trainer.trainStep();
      // Only the step itself is counted: the app's own worker may dispatch while the read-back awaits.
      counter?.pause(true);
      const [row] = await trainer.flushMetrics();
      out.dLoss.push(row.dLoss);
      out.gLoss.push(row.gLoss);
      out.dReal.push(row.dReal);
      out.dFake.push(row.dFake);
      out.dGradNorm.push(row.dGradNorm);
      out.gGradNorm.push(row.gGradNorm);
      out.tensors.push(tf.memory().numTensors);
    }
    const timed = req.steps - warmup;
    out.msPerStep = (performance.now() - t0) / timed;
    if (counter?.available) out.dispatchesPerStep = counter.total / timed;
    out.byProgram = Object.fromEntries([...(counter?.byProgram() ?? [])].map(([k, v]) => [k, v / timed]));
    out.byKernel = Object.fromEntries([...(counter?.byKernel() ?? [])].map(([k, v]) => [k, v / timed]));
    const ema = trainer.averagedGenerator;
    const nets = [trainer.generator, trainer.discriminator, ...(ema ? [ema] : [])];
    const sums = tf.tidy(() => nets.map((net) => net.variables.map((v) => tf.sum(tf.abs(v))).reduce((a, b) => tf.add(a, b))));
    const values = (await Promise.all(sums.map((t) => t.data()))).map((d) => d[0]);
    out.weightSums = [values[0], values[1]];
    out.emaWeightSum = ema ? values[2] : null;
    tf.dispose(sums);
    return out;
  } finally {
    device?.removeEventListener('uncapturederror', onError);
    counter?.dispose();
    trainer.dispose();
    setWebGpuFusion(wasOn);
    for (const [k, v] of Object.entries(flagsBefore)) tf.env().set(k, v);
  }
}
