/** Adam as it was before the kernel cut: one update per variable (see trainer.ts here). */

import * as tf from '@tensorflow/tfjs';
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

  constructor(
    private readonly variables: tf.Variable[],
    settings: AdamSettings,
  ) {
    this.learningRate = settings.learningRate;
    this.beta1 = settings.beta1;
    this.beta2 = settings.beta2;
    this.epsilon = settings.epsilon ?? 1e-7;
    // Inside tidy, so the zeros the variables start from do not outlive dispose().
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

  /** t, m and v per variable, read back (what the faster Adam's exportState gives). */
  async exportState(): Promise<{ t: number; m: Float32Array[]; v: Float32Array[] }> {
    const read = (xs: tf.Variable[]) => Promise.all(xs.map(async (x) => Float32Array.from((await x.data()) as Float32Array)));
    return { t: this.t, m: await read(this.m), v: await read(this.v) };
  }

  dispose(): void {
    [...this.m, ...this.v].forEach((x) => x.dispose());
  }
}
