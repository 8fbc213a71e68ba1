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
  /** Class names when the examples are labelled. */
  classNames?: string[];
}

export interface Dataset {
  info: DatasetInfo;
  count: number;
  /** Floats per example (h·w·c, or 2). */
  dim: number;
  labels?: Uint8Array;
  /** Writes the examples at `indices` into `out` as floats in [-1, 1], example after example. */
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
