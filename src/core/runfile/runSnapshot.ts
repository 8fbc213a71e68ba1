/**
 * A training run's whole state in CPU memory: plain JSON-able values and Float32Arrays, no TF.js
 * (the UI may import these types). `Trainer.snapshot()` makes one; `Trainer.fromSnapshot` builds a
 * trainer that continues it step for step; runFile.ts writes and reads it as a `.ganrun` file.
 */
import type { LiveHyperparams, TrainConfig } from '../config';
import type { RandomState } from '../random';

export type { RandomState };

/** One tensor: its name (without the network's instance prefix), shape and values, row-major. */
export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Adam's state: the update count t, and m and v per variable in the network's variable order. */
export interface AdamState {
  t: number;
  m: Float32Array[];
  v: Float32Array[];
}

/**
 * Data a run needs that the build cannot rebuild from the dataset id: the user's drawing (its raw
 * x, y pairs; the dataset is rebuilt from them with the run's seed). Uploaded images are not
 * stored (see docs/run-file-format.md).
 */
export interface DatasetPayload {
  kind: 'drawn';
  points: Float32Array;
}

export interface RunSnapshot {
  /** The config the run was built with (its live fields as set at build time). */
  config: TrainConfig;
  /** The live values in force when the snapshot was taken. */
  live: LiveHyperparams;
  /** Steps done (the next step is step + 1) and passes over the data completed. */
  step: number;
  epoch: number;
  /** The data order of the current epoch and the position in it. */
  order: Int32Array;
  cursor: number;
  /** The trainer's random stream (batches' noise, dropout and instance-noise seeds, reshuffles). */
  rng: RandomState;
  /** Every variable of each network, in creation order. */
  generator: NamedTensor[];
  discriminator: NamedTensor[];
  optG: AdamState;
  optD: AdamState;
  /**
   * The averaged generator's weights, as `generator` (absent when the run keeps none, and in run
   * files saved before it existed: the average then starts from G's weights).
   */
  generatorEma?: NamedTensor[];
  /** Spectral normalization's power-iteration vectors: `<kernel>/u` then `<kernel>/v` per D kernel. */
  spectral: NamedTensor[];
  /** D updates done (lazy R1 runs on every r1Every-th) and the last R1 term charted (null: none). */
  dUpdates: number;
  lastR1: number | null;
  /** The step from which instance noise anneals. */
  noiseStartStep: number;
  /** The latent batch behind the sample grid, [64, latentDim]. */
  fixedNoise: Float32Array;
  /** Filled by the caller for datasets the build cannot rebuild from their id. */
  datasetPayload?: DatasetPayload;
}
