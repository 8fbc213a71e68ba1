/**
 * The small image classifier behind the MNIST / Fashion-MNIST sample metrics: the TF.js model
 * built from `CLASSIFIER_SPEC` (classifierSpec.ts), its forward passes and batched `classify`.
 * Files are read and written by classifierFile.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { eventTurn } from '../eventTurn';
import { buildNetwork, type InitFn, type Network } from '../models/network';
import { CLASSIFIER_SPEC, type ClassifierSpec } from './classifierSpec';
import type { ClassifierHeader } from './classifierFile';
import type { GaussianStats } from './frechet';

export interface ClassifierOutputs {
  /** count × numClasses softmax probabilities. */
  probs: Float32Array;
  /** count × featureDim penultimate features. */
  features: Float32Array;
}

/** TF.js refuses two live variables with one name: every instance gets its own prefix. */
let instances = 0;

export class Classifier {
  readonly spec: ClassifierSpec;
  /** Variable-name prefix of this instance, e.g. 'classifier3/'. */
  readonly prefix: string;
  readonly trunk: Network;
  readonly head: Network;
  header: ClassifierHeader | null = null;
  /** Reference (held-out real) feature statistics, when the file ships them. */
  reference: GaussianStats | null = null;

  constructor(init: InitFn, spec: ClassifierSpec = CLASSIFIER_SPEC) {
    this.spec = spec;
    this.prefix = `classifier${instances++}/`;
    this.trunk = buildNetwork(`${this.prefix}trunk`, spec.trunk, spec.inputShape, init);
    this.head = buildNetwork(`${this.prefix}head`, spec.head, [spec.featureDim], init);
    if (this.trunk.outShape.join() !== String(spec.featureDim)) throw new Error(`classifier trunk ends in [${this.trunk.outShape}], not [${spec.featureDim}]`);
    if (this.head.outShape.join() !== String(spec.numClasses)) throw new Error(`classifier head ends in [${this.head.outShape}], not [${spec.numClasses}]`);
  }

  get variables(): tf.Variable[] {
    return [...this.trunk.variables, ...this.head.variables];
  }

  get params(): Network['params'] {
    return [...this.trunk.params, ...this.head.params];
  }

  /** Parameter names without the instance prefix ('trunk/conv0/kernel', …), as files store them. */
  get paramNames(): string[] {
    return this.params.map((p) => p.name.slice(this.prefix.length));
  }

  /** Logits for a [n, 28, 28, 1] batch (for training; the caller tidies). */
  logits(x: tf.Tensor, training: boolean, dropoutSeed?: number): tf.Tensor {
    const options = { training, dropoutSeed };
    const f = this.trunk.apply(x, options);
    return this.head.apply(f, { training, dropoutSeed: dropoutSeed === undefined ? undefined : dropoutSeed + 104729 });
  }

  /**
   * Class probabilities and penultimate features of `count` images stored one after another in
   * `images` (28·28 floats each, in [-1, 1] like the datasets and a tanh generator), in batches.
   * Async because WebGPU cannot read tensors back synchronously; every tensor is disposed.
   */
  async classify(images: Float32Array, count: number, batchSize = 500): Promise<ClassifierOutputs> {
    const [h, w, c] = this.spec.inputShape;
    const dim = h * w * c;
    if (!Number.isInteger(count) || count < 0 || images.length < count * dim) {
      throw new Error(`classify: ${images.length} floats for ${count} images of ${dim}`);
    }
    const k = this.spec.numClasses;
    const fd = this.spec.featureDim;
    const probs = new Float32Array(count * k);
    const features = new Float32Array(count * fd);
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      const [p, f] = tf.tidy(() => {
        const x = tf.tensor4d(images.subarray(start * dim, (start + n) * dim), [n, h, w, c]);
        const feats = this.trunk.apply(x, { training: false });
        const logits = this.head.apply(feats, { training: false });
        return [tf.softmax(logits), feats];
      });
      try {
        const [pv, fv] = await Promise.all([p.data(), f.data()]);
        probs.set(pv as Float32Array, start * k);
        features.set(fv as Float32Array, start * fd);
      } finally {
        p.dispose();
        f.dispose();
      }
      if (start + batchSize < count) await eventTurn();
    }
    return { probs, features };
  }

  dispose(): void {
    this.trunk.dispose();
    this.head.dispose();
  }
}
