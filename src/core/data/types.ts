/**
 * The data layer's one interface. A dataset is one file exporting a `DatasetSource`, listed in
 * `registry.ts`; it runs unchanged in the worker, in Vitest and in the CLI.
 */
import type { TrainConfig } from '../config';

export interface DatasetInfo {
  id: string;
  name: string;
  kind: 'image' | 'points';
  /** One example: [h, w, c] for images, [2] for points. */
  shape: number[];
  /** Number of examples the loader yields. */
  count: number;
  licence: string;
  credit: string;
  description: string;
  /** The recommended settings for this dataset: the defaults the UI and CLI start from. */
  recommended: Partial<TrainConfig>;
  /**
   * How many steps the recommended settings are tuned for: the CLI's default `--steps` (sized to
   * a few minutes on a 2-core CPU). Learning-rate decays in `recommended` end by this step.
   */
  recommendedSteps?: number;
  /** Class names when the examples are labelled. */
  classNames?: string[];
  /**
   * Point sets drawn from a Gaussian mixture: where the modes are, for the mode-coverage metrics
   * (a sample "hits" a mode within a few σ of its centre).
   */
  modes?: PointModes;
  /** Point sets: a box holding (nearly) all the data, for plot axes. */
  extent?: PointExtent;
}

export interface PointModes {
  /** Mode centres, one [x, y] each. */
  centers: number[][];
  /** Standard deviation of every (isotropic) mode. */
  sigma: number;
}

export interface PointExtent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface Dataset {
  info: DatasetInfo;
  count: number;
  /** Floats per example (h·w·c, or 2). */
  dim: number;
  labels?: Uint8Array;
  /**
   * Writes the examples at `indices` into `out`, example after example (`indices.length · dim`
   * floats). Images come as floats in [-1, 1] (pixel/127.5 − 1, matching a tanh generator);
   * points come as raw coordinates, NOT rescaled (grid25 spans ±4), so mode centres and σ in
   * `info.modes` are in the same units.
   */
  readBatch(indices: ArrayLike<number>, out: Float32Array): void;
}

export interface LoadContext {
  seed: number;
  /** Reads a prepared file under public/ (fetch in the browser, fs in Node), e.g. 'data/mnist.bin'. */
  readAsset(path: string): Promise<ArrayBuffer>;
}

export interface DatasetSource {
  info: DatasetInfo;
  load(ctx: LoadContext): Promise<Dataset>;
}
