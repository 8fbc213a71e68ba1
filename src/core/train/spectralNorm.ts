/**
 * Spectral normalization (Miyato et al. 2018) of D's kernels: each kernel, seen as a matrix
 * W ∈ R^{in×out}, is divided by its largest singular value σ(W), estimated by one power
 * iteration per training step. u and v are constants to the gradient; σ = vᵀWu is not.
 */
import * as tf from '@tensorflow/tfjs';
import { Random } from '../random';
import { stepKernels } from '../backend/stepKernels';

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
    const kernels = stepKernels();
    tf.tidy(() => {
      for (const [w, { u, v }] of this.vectors) {
        if (kernels) {
          // Two dispatches (webgpuKernelsSpectral.ts) for the same two halves.
          v.assign(kernels.spectralVector(w, u, false));
          u.assign(kernels.spectralVector(w, v, true));
          continue;
        }
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

  /**
   * `normalize` for the tape-free step: on a backend with fused kernels W/σ(W) in one dispatch,
   * which the tape cannot differentiate (so the tape path and anything under a gradient keep `normalize`).
   */
  readonly normalizeTapeFree = (w: tf.Variable): tf.Tensor => {
    const vec = this.vectors.get(w);
    const kernels = vec ? stepKernels() : null;
    return kernels && vec ? kernels.spectralNormalize(w, vec.u, vec.v) : this.normalize(w);
  };

  /**
   * ∂L/∂W from ∂L/∂Ŵ (`gHat`) for Ŵ = W/σ(W), σ = vᵀWu with u, v constants: the gradient the tape
   * takes through `normalize`, in closed form for the tape-free step:
   * ∂L/∂W = Ĝ/σ − (⟨Ĝ, W⟩/σ²)·v uᵀ. Other variables' gradients pass through.
   */
  kernelGradient(w: tf.Variable, gHat: tf.Tensor): tf.Tensor {
    const vec = this.vectors.get(w);
    if (!vec) return gHat;
    const kernels = stepKernels();
    if (kernels) return kernels.spectralGradient(gHat, w, vec.u, vec.v);
    const sigma = this.sigma(w);
    const dot = tf.sum(tf.mul(gHat, w));
    // v uᵀ by broadcasting: as a [in, 1]×[1, out] MatMul it came out non-finite in the wasm step.
    const outer = tf.reshape(tf.mul(tf.reshape(vec.v, [-1, 1]), tf.reshape(vec.u, [1, -1])), w.shape);
    return tf.sub(tf.div(gHat, sigma), tf.mul(outer, tf.div(dot, tf.square(sigma))));
  }

  /** The normalised kernels, in the order they were given. */
  get kernels(): tf.Variable[] {
    return [...this.vectors.keys()];
  }

  /**
   * Copies of u and v per kernel (clones taken now, read back after), so a step that runs while
   * the read is in flight cannot leak into the copy.
   */
  async exportVectors(): Promise<{ u: Float32Array; v: Float32Array }[]> {
    const held = [...this.vectors.values()].map(({ u, v }) => [u.clone(), v.clone()]);
    const out = await Promise.all(held.map(async ([u, v]) => ({ u: Float32Array.from(await u.data()), v: Float32Array.from(await v.data()) })));
    held.flat().forEach((x) => x.dispose());
    return out;
  }

  /** Sets u and v per kernel from `exportVectors`'s shape; throws on a size mismatch, changing nothing. */
  importVectors(list: { u: Float32Array; v: Float32Array }[]): void {
    const entries = [...this.vectors.values()];
    if (list.length !== entries.length) throw new Error(`SpectralNorm: ${list.length} vector pairs for ${entries.length} kernels`);
    list.forEach((x, i) => {
      if (x.u.length !== entries[i].u.size || x.v.length !== entries[i].v.size) {
        throw new Error(`SpectralNorm: vectors ${i} hold ${x.u.length}/${x.v.length} values; the kernel needs ${entries[i].u.size}/${entries[i].v.size}`);
      }
    });
    tf.tidy(() => list.forEach((x, i) => (entries[i].u.assign(tf.tensor1d(x.u)), entries[i].v.assign(tf.tensor1d(x.v)))));
  }

  dispose(): void {
    for (const { u, v } of this.vectors.values()) {
      u.dispose();
      v.dispose();
    }
    this.vectors.clear();
  }
}
