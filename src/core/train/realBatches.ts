/**
 * Feeds D its real batches: a shuffled order over the training examples, a cursor, the epoch
 * count, and one reusable CPU buffer. The last `holdout` examples of the dataset are never in the
 * order: D never trains on them, so D's output on them against its output on the training reals
 * shows how much D has memorised (Trainer.overfitting). With `trainLimit` set, the order holds only
 * the dataset's first `trainLimit` examples: a small training set, the held-out slice unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import type { Random } from '../random';
import { heldOutCount, trainingCount } from '../config';
import { oneHotRows } from '../models/conditionalSpecs';

export class RealBatches {
  order: Int32Array;
  /** The first held-out example's index (the held-out slice runs to the dataset's end). */
  private readonly heldOutStart: number;
  cursor = 0;
  epoch = 0;
  private readonly buffer: Float32Array;

  constructor(
    private readonly dataset: Dataset,
    private readonly batchSize: number,
    private readonly rng: Random,
    /** Examples asked to be kept out of training (the dataset's last ones; at most half). */
    holdout = 0,
    /** A conditional run's class count: batches then come with their one-hot labels (0: none). */
    private readonly classes = 0,
    /** Train on only the first this many examples (0 = all not held out). */
    trainLimit = 0,
  ) {
    if (classes > 0 && !dataset.labels) throw new Error(`${dataset.info.id} has no labels to condition on`);
    this.order = new Int32Array(trainingCount(dataset.count, holdout, trainLimit)).map((_, i) => i);
    this.heldOutStart = dataset.count - heldOutCount(dataset.count, holdout);
    this.rng.shuffle(this.order);
    this.buffer = new Float32Array(batchSize * dataset.dim);
  }

  /** The next batch in the order; reshuffles (and counts an epoch) when the order runs out. */
  next(): { batch: tf.Tensor; labels?: tf.Tensor; epochEnded: boolean } {
    const n = this.batchSize;
    const indices = new Int32Array(n);
    let epochEnded = false;
    for (let i = 0; i < n; i++) {
      if (this.cursor >= this.order.length) {
        this.cursor = 0;
        this.epoch += 1;
        epochEnded = true;
        this.rng.shuffle(this.order);
      }
      indices[i] = this.order[this.cursor++];
    }
    this.dataset.readBatch(indices, this.buffer);
    return { batch: tf.tensor(this.buffer, [n, ...this.dataset.info.shape]), labels: this.labelsOf(indices), epochEnded };
  }

  /** The examples' classes, one-hot, in the same order as their images; undefined for an unconditional run. */
  labelsOf(indices: ArrayLike<number>): tf.Tensor | undefined {
    const { labels } = this.dataset;
    if (this.classes === 0 || !labels) return undefined;
    const classes = Array.from(indices, (i) => labels[i]);
    return tf.tensor2d(oneHotRows(classes, this.classes), [classes.length, this.classes]);
  }

  /** The indices of the held-out examples (never in the order). */
  get heldOut(): Int32Array {
    const first = this.heldOutStart;
    return new Int32Array(this.dataset.count - first).map((_, i) => first + i);
  }

  /** How many examples D trains on (the dataset's first ones). */
  get trainingCount(): number {
    return this.order.length;
  }

  /** Examples by index (e.g. the held-out ones), as one tensor. */
  examples(indices: Int32Array): tf.Tensor {
    const out = new Float32Array(indices.length * this.dataset.dim);
    this.dataset.readBatch(indices, out);
    return tf.tensor(out, [indices.length, ...this.dataset.info.shape]);
  }
}
