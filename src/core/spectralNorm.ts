/**
 * Spectral normalization (Miyato et al. 2018) of D's kernels: each kernel, seen as a matrix
 * W ∈ R^{in×out}, is divided by its largest singular value σ(W), estimated by one power
 * iteration per training step. u and v are constants to the gradient; σ = vᵀWu is not.
 */
import * as tf from '@tensorflow/tfjs';
import { Random } from './random';

interface Vectors {
  u: tf.Variable; // R^out
  v: tf.Variable; // R^in
}

const EPS = 1e-12;

function unit(x: tf.Tensor): tf.Tensor {
  return tf.div(x, tf.add(tf.norm(x), EPS));
}

function asMatrix(w: tf.Tensor): tf.Tensor2D {
  const out = w.shape[w.shape.length - 1];
  return tf.reshape(w, [-1, out]) as tf.Tensor2D;
}

export class SpectralNorm {
  private readonly vectors = new Map<tf.Variable, Vectors>();

  constructor(kernels: tf.Variable[], seed: number) {
    const rng = new Random(seed);
    for (const w of kernels) {
      const out = w.shape[w.shape.length - 1];
      const inDim = w.size / out;
      const u0 = Float32Array.from({ length: out }, () => rng.normal());
      this.vectors.set(w, {
        u: tf.tidy(() => tf.variable(unit(tf.tensor1d(u0)), false)),
        v: tf.tidy(() => tf.variable(tf.zeros([inDim]), false)),
      });
    }
    this.powerIteration();
  }

  /** v ← unit(W u), u ← unit(Wᵀ v), from the current weights. */
  powerIteration(): void {
    tf.tidy(() => {
      for (const [w, { u, v }] of this.vectors) {
        const m = asMatrix(w);
        const nv = unit(tf.matMul(m, tf.reshape(u, [-1, 1])));
        const nu = unit(tf.matMul(m, nv, true, false));
        v.assign(tf.reshape(nv, [-1]));
        u.assign(tf.reshape(nu, [-1]));
      }
    });
  }

  /** σ(W) = vᵀ W u, differentiable in W. */
  sigma(w: tf.Variable): tf.Scalar {
    const vec = this.vectors.get(w);
    if (!vec) throw new Error(`SpectralNorm: ${w.name} is not a normalised kernel`);
    return tf.sum(tf.mul(tf.reshape(vec.v, [-1, 1]), tf.matMul(asMatrix(w), tf.reshape(vec.u, [-1, 1])))) as tf.Scalar;
  }

  /** W / σ(W) for normalised kernels; other variables pass through. */
  readonly normalize = (w: tf.Variable): tf.Tensor => (this.vectors.has(w) ? tf.div(w, this.sigma(w)) : w);

  dispose(): void {
    for (const { u, v } of this.vectors.values()) {
      u.dispose();
      v.dispose();
    }
    this.vectors.clear();
  }
}
