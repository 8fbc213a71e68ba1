/**
 * Adam whose learning rate is read at every update, so a slider move applies at the next step
 * while the moment estimates (and the bias-correction step count) carry on untouched.
 */
import * as tf from '@tensorflow/tfjs';
import type { AdamState } from './runSnapshot';

export type { AdamState };

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon?: number;
}

export class LiveAdam {
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;

  constructor(private readonly variables: tf.Variable[], settings: AdamSettings) {
    this.learningRate = settings.learningRate;
    this.beta1 = settings.beta1;
    this.beta2 = settings.beta2;
    this.epsilon = settings.epsilon ?? 1e-7;
    // tidy: the zeros would otherwise outlive the moments' dispose.
    this.m = variables.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
    this.v = variables.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
  }

  /** Updates done so far. */
  get iterations(): number {
    return this.t;
  }

  /** `grads[i]` belongs to `variables[i]`; the caller keeps ownership of the gradients. */
  apply(grads: tf.Tensor[]): void {
    if (grads.length !== this.variables.length) throw new Error(`LiveAdam: ${grads.length} gradients for ${this.variables.length} variables`);
    this.t += 1;
    const { beta1, beta2, epsilon, t } = this;
    // Bias correction folded into the step size (Kingma & Ba, end of section 2).
    const stepSize = (this.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    tf.tidy(() => {
      grads.forEach((g, i) => {
        const m = tf.add(tf.mul(beta1, this.m[i]), tf.mul(1 - beta1, g));
        const v = tf.add(tf.mul(beta2, this.v[i]), tf.mul(1 - beta2, tf.square(g)));
        this.m[i].assign(m);
        this.v[i].assign(v);
        this.variables[i].assign(tf.sub(this.variables[i], tf.mul(stepSize, tf.div(m, tf.add(tf.sqrt(v), epsilon)))));
      });
    });
  }

  /** Copies of the moment estimates (for tests and checkpoints). */
  moments(): { m: tf.Tensor[]; v: tf.Tensor[] } {
    return { m: this.m.map((x) => x.clone()), v: this.v.map((x) => x.clone()) };
  }

  /** Copies of the full state, to roll back to after a diverged step. */
  snapshot(): AdamSnapshot {
    return { t: this.t, m: this.m.map((x) => tf.keep(x.clone())), v: this.v.map((x) => tf.keep(x.clone())) };
  }

  /**
   * The full state read back to the CPU, one m and one v per variable in the variables' order
   * (for run snapshots: it survives a lost GPU device). Keep this shape if Adam's internals change.
   */
  async exportState(): Promise<AdamState> {
    // Clones taken now, read after: an update that runs while the read is in flight stays out.
    const t = this.t;
    const held = { m: this.m.map((x) => x.clone()), v: this.v.map((x) => x.clone()) };
    const read = (xs: tf.Tensor[]) => Promise.all(xs.map(async (x) => Float32Array.from((await x.data()) as Float32Array)));
    const [m, v] = await Promise.all([read(held.m), read(held.v)]);
    [...held.m, ...held.v].forEach((x) => x.dispose());
    return { t, m, v };
  }

  /** Sets t, m and v from `exportState`'s shape; throws naming the first mismatch, changing nothing. */
  importState(state: AdamState): void {
    if (!Number.isInteger(state.t) || state.t < 0) throw new Error(`LiveAdam: t must be a non-negative integer; got ${state.t}`);
    for (const [key, list] of [['m', state.m], ['v', state.v]] as const) {
      if (list.length !== this.variables.length) throw new Error(`LiveAdam: ${list.length} ${key} arrays for ${this.variables.length} variables`);
      list.forEach((x, i) => {
        if (x.length !== this.variables[i].size) throw new Error(`LiveAdam: ${key}[${i}] holds ${x.length} values; ${this.variables[i].name} has ${this.variables[i].size}`);
      });
    }
    this.t = state.t;
    tf.tidy(() => {
      state.m.forEach((x, i) => this.m[i].assign(tf.tensor(x, this.m[i].shape)));
      state.v.forEach((x, i) => this.v[i].assign(tf.tensor(x, this.v[i].shape)));
    });
  }

  restore(snap: AdamSnapshot): void {
    this.t = snap.t;
    snap.m.forEach((x, i) => this.m[i].assign(x));
    snap.v.forEach((x, i) => this.v[i].assign(x));
  }

  dispose(): void {
    [...this.m, ...this.v].forEach((x) => x.dispose());
  }
}

export interface AdamSnapshot {
  t: number;
  m: tf.Tensor[];
  v: tf.Tensor[];
}
