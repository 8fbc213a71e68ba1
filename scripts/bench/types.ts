/** Shapes of the benchmark's results, shared by the worker, the Node runner and the report. */
import type { ModelId } from '../../src/core/config';
import type { KernelShare } from './stats';

export type BenchBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BenchContext = 'browser-worker' | 'node';

export interface PhaseMeasure {
  stepsPerSec: number | null;
  imagesPerSec: number | null;
  /** The first step alone (shader compilation, XNNPACK packing, …), seconds. */
  firstStepSec: number | null;
  /** Timed windows kept (each ends in a device sync). */
  windows: number;
  timedSteps: number;
  /** σ/μ of the windows' rates. */
  spread: number | null;
  /** Kernels the engine ran over the timed steps ÷ those steps (read-backs included). */
  kernelsPerStep?: number | null;
  /** 1000 / stepsPerSec. */
  msPerStep?: number | null;
  /**
   * GPU dispatches per step (webgpu only; null elsewhere): over the timed steps, or over the
   * warm-up steps when the cell hit its time cap before any timed window.
   */
  dispatchesPerStep?: number | null;
  skipped?: string;
}

/** WebGPU cells: our step with the fused WGSL kernels against the same step without them. */
export interface FusionComparison {
  fusedMsPerStep: number | null;
  unfusedMsPerStep: number | null;
  fusedDispatchesPerStep: number | null;
  unfusedDispatchesPerStep: number | null;
  /** Median of the interleaved windows' rate ratios, fused ÷ unfused. */
  speedup: number | null;
  skipped?: string;
}

export interface CellResult {
  backend: BenchBackend;
  model: ModelId;
  context: BenchContext;
  batchSize: number;
  imagesPerSec: number | null;
  stepsPerSec: number | null;
  plainImagesPerSec: number | null;
  plainStepsPerSec: number | null;
  speedupVsPlain: number | null;
  /** Ours: kernels per training step and ms per step over the timed windows. */
  kernelsPerStep?: number | null;
  msPerStep?: number | null;
  plainKernelsPerStep?: number | null;
  plainMsPerStep?: number | null;
  /** GPU dispatches per step (webgpu only), ours and the plain loop's. */
  dispatchesPerStep?: number | null;
  plainDispatchesPerStep?: number | null;
  /** WebGPU only: fused kernels on against off. */
  fusion?: FusionComparison;
  /** D and G updates per step, the same on both sides (penalties off in both). */
  dSteps?: number;
  achievedGflops: number | null;
  /** The backend's large matMul GFLOP/s, measured in the same run. */
  ceilingGflops: number | null;
  pctOfCeiling: number | null;
  /** GFLOP/s of this model's largest convolution (forward) at this batch size; null for the MLP. */
  convGflops: number | null;
  largestConv: string | null;
  pctOfConv: number | null;
  ours: PhaseMeasure;
  plain: PhaseMeasure;
  /** Set when the cell was not measured (e.g. 'time cap'). */
  skipped?: string;
}

export interface BackendReport {
  name: BenchBackend;
  started: boolean;
  /** Why it did not start, or what runs it (adapter / renderer). */
  note: string;
  matmulGflops: number | null;
  matmulSize: number | null;
  /** Seconds this backend's task took. */
  seconds: number;
}

export interface ProfileResult {
  backend: BenchBackend;
  model: ModelId;
  batchSize: number;
  context: BenchContext;
  stepMs: number;
  kernelTotalMs: number;
  kernelCount: number;
  top: KernelShare[];
}

export interface RingRun {
  backend: string;
  backendReasons: string[];
  /** Seconds from Start (first step) until 8/8 modes are first covered; null if never within the cap. */
  timeToAllModesSec: number | null;
  stepsToAllModes: number | null;
  steps: number;
  seconds: number;
  checks: number;
  finalModes: number;
  tensorsBefore: number;
  tensorsAfter: number;
  heapBeforeMB: number | null;
  heapAfterMB: number | null;
  /** TF.js-owned bytes (wasm heap / GPU textures as TF.js counts them). */
  tfBytesBeforeMB: number;
  tfBytesAfterMB: number;
}

export interface MnistRun {
  backend: string;
  seconds: number;
  steps: number;
  imagesPerSec: number;
  dLoss: number | null;
  gLoss: number | null;
  /** 8×8 grid of fixed-noise samples after `seconds`, written as a PNG by the runner. */
  png?: string;
}

export interface BenchCellPlan {
  model: ModelId;
  batchSize: number;
}

export interface BackendTask {
  kind: 'backend';
  backend: BenchBackend;
  cells: BenchCellPlan[];
  /** Seconds for everything on this backend (ceilings, cells, profile). */
  budgetSec: number;
  /** Cap for one phase (ours or plain) of one cell, seconds, including warm-up. */
  phaseCapSec: number;
  /** Profile one step of this model (wasm only). */
  profileModel?: ModelId;
}

export interface RingTask {
  kind: 'ring';
  minSteps: number;
  capSec: number;
}

export interface MnistTask {
  kind: 'mnist';
  seconds: number;
}

export type BenchTask = BackendTask | RingTask | MnistTask;
