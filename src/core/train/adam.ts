/**
 * Adam whose learning rate is read at every update, so a slider move applies at the next step
 * while the moment estimates (and the bias-correction step count) carry on untouched.
 */
import * as tf from '@tensorflow/tfjs';
import { flattenAll } from './regularizers';
import { fusedAdam } from '../backend/webgpuKernels';
import type { AdamState } from '../runfile/runSnapshot';
import { holdParams, releaseParams, type ParamHolder, type ParamRef } from '../backend/packedParams';

export type { AdamState };

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon?: number;
}

/**
 * The moments live in one flat vector per network, so an update is a dozen kernels whatever the
 * number of variables (it was a dozen per variable): on wasm and cpu a small network's step is
 * mostly per-kernel overhead. The arithmetic per element is the one Adam always did.
 */
export class LiveAdam implements ParamHolder {
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** m and v of every variable, flattened and concatenated in the variables' order. */
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly sizes: number[];
  /** Constants made once: on GPU backends every JS number in an op is an upload. */
  private readonly consts: { beta1: tf.Scalar; oneMinusBeta1: tf.Scalar; beta2: tf.Scalar; oneMinusBeta2: tf.Scalar; epsilon: tf.Scalar };
  private t = 0;
  /**
   * The variables' values, flattened, as of this optimizer's last update: the update subtracts
   * from it in one kernel and assigns the pieces back (one Sub instead of one per variable). It
   * is trusted only while every variable still holds the tensor this optimizer assigned it
   * (`assigned`): any other write (a restore, a rollback) makes the next update re-flatten.
   */
  private flatWeights: tf.Variable | null = null;
  private assigned: unknown[] = [];
  /**
   * The fused WebGPU update's state, `[w | m | v]` in one buffer it updates in place
   * (applyFused): valid while `packedValid`; `mvStale` while it holds newer moments than m and v
   * (they are copied back before anything reads them, syncMoments).
   */
  private packed: tf.Variable | null = null;
  private packedValid = false;
  private mvStale = false;
  /**
   * After an in-place update (updateInPlace) the packed buffer holds newer weights than the
   * variables, which are written only when something else reads them (syncWeights).
   */
  private weightsBehind = false;
  /**
   * The variables a fused update leaves in the packed state (`lazyWriteBack`), and which of them
   * hold older values than it now: read through packedParams.ts until written back.
   */
  private lazy: boolean[];
  private behind: boolean[];
  private penaltyMask: { key: string; mask: tf.Tensor } | null = null;

  constructor(
    private readonly variables: tf.Variable[],
    settings: AdamSettings,
  ) {
    this.learningRate = settings.learningRate;
    this.beta1 = settings.beta1;
    this.beta2 = settings.beta2;
    this.epsilon = settings.epsilon ?? 1e-7;
    this.sizes = variables.map((w) => w.size);
    this.lazy = variables.map(() => false);
    this.behind = variables.map(() => false);
    holdParams(variables, this);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    // Inside tidy, so the zeros the variables start from do not outlive dispose().
    this.m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.consts = {
      beta1: tf.scalar(this.beta1),
      oneMinusBeta1: tf.scalar(1 - this.beta1),
      beta2: tf.scalar(this.beta2),
      oneMinusBeta2: tf.scalar(1 - this.beta2),
      epsilon: tf.scalar(this.epsilon),
    };
  }

  /**
   * Marks the variables (`lazy[i]`) that applyFused leaves in its packed state rather than writing
   * back: those that, during the step, only fused kernels read (through packedParams.ts).
   */
  lazyWriteBack(lazy: boolean[]): void {
    if (lazy.length !== this.variables.length) throw new Error(`LiveAdam: ${lazy.length} flags for ${this.variables.length} variables`);
    this.syncWeights();
    this.lazy = [...lazy];
  }

  locate(v: tf.Tensor): ParamRef | null {
    const i = this.variables.indexOf(v as tf.Variable);
    if (i < 0 || !this.behind[i] || !this.packed || !this.packedValid || !this.inSync()) return null;
    return { tensor: this.packed, offset: this.offsetOf(i) };
  }

  writeBack(v: tf.Tensor): void {
    const i = this.variables.indexOf(v as tf.Variable);
    if (i < 0 || !this.behind[i]) return;
    this.behind[i] = false;
    if (!this.packed || !this.inSync()) return;
    const packed = this.packed;
    tf.tidy(() => this.assignWeights(packed, (j) => j === i));
  }

  private offsetOf(i: number): number {
    let offset = 0;
    for (let j = 0; j < i; j++) offset += this.sizes[j];
    return offset;
  }

  /** Whether every variable still holds what this optimizer last wrote (nothing else wrote one). */
  private inSync(): boolean {
    return this.variables.every((w, i) => dataIdOf(w) === this.assigned[i]);
  }

  /** Updates done so far. */
  get iterations(): number {
    return this.t;
  }

  /** `grads[i]` belongs to `variables[i]`; the caller keeps ownership of the gradients. */
  apply(grads: tf.Tensor[]): void {
    tf.tidy(() => {
      this.applyFlat(flattenAll(grads));
    });
  }

  /**
   * The update from the gradients flattened in the variables' order (`flattenAll(grads)`);
   * returns g², element-wise, for a gradient norm that costs no second square.
   */
  applyFlat(flatGrad: tf.Tensor1D): tf.Tensor1D {
    if (flatGrad.size !== this.m.size) throw new Error(`LiveAdam: a gradient of ${flatGrad.size} values for ${this.m.size} parameters`);
    this.syncWeights();
    this.syncMoments();
    this.packedValid = false;
    this.t += 1;
    const { beta1, beta2, t } = this;
    const c = this.consts;
    // Bias correction folded into the step size (Kingma & Ba, end of section 2).
    const stepSize = (this.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    return tf.tidy(() => {
      const g2 = tf.square(flatGrad);
      const m = tf.add(tf.mul(c.beta1, this.m), tf.mul(c.oneMinusBeta1, flatGrad));
      const v = tf.add(tf.mul(c.beta2, this.v), tf.mul(c.oneMinusBeta2, g2));
      this.m.assign(m);
      this.v.assign(v);
      const delta = tf.mul(tf.scalar(stepSize), tf.div(m, tf.add(tf.sqrt(v), c.epsilon)));
      const weights = tf.sub(this.currentFlatWeights(), delta);
      this.flatWeights!.assign(weights);
      const parts = this.variables.length === 1 ? [weights] : tf.split(weights, this.sizes);
      this.variables.forEach((w, i) => w.assign(w.rank === 1 ? parts[i] : tf.reshape(parts[i], w.shape)));
      this.assigned = this.variables.map(dataIdOf);
      return g2 as tf.Tensor1D;
    });
  }

  /**
   * The same update on the webgpu backend as one fused dispatch (webgpuKernels.ts), with the
   * L1/L2 gradients of the penalized variables folded in (what addPenaltyGradients adds), then
   * one slice per variable back into the variables. Returns the penalized gradient's global norm
   * when `norm`, else null; the norm is kept (out of every tidy scope): the caller owns it.
   */
  applyFused(flatGrad: tf.Tensor1D, penalty: { l1: number; l2: number; penalized: boolean[] }, norm: boolean): tf.Scalar | null {
    const n = this.m.size;
    if (flatGrad.size !== n) throw new Error(`LiveAdam: a gradient of ${flatGrad.size} values for ${n} parameters`);
    this.t += 1;
    const { beta1, beta2, t, epsilon } = this;
    const stepSize = (this.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    let norm2: tf.Scalar | null = null;
    tf.tidy(() => {
      const packed = this.currentPacked();
      const result = fusedAdam(packed, flatGrad, this.maskFor(penalty.penalized), { stepSize, beta1, beta2, epsilon, l1: penalty.l1, l2: penalty.l2 }, norm);
      // The lazy variables stay in the packed state (read there, or written back when read elsewhere).
      this.assignWeights(packed, (i) => !this.lazy[i]);
      this.behind = [...this.lazy];
      // The unfused path's flat copy is behind now; it re-flattens if it runs again.
      this.flatWeights?.dispose();
      this.flatWeights = null;
      this.packedValid = true;
      this.mvStale = true;
      this.weightsBehind = this.behind.some(Boolean);
      norm2 = result ? tf.keep(result) : null;
    });
    return norm2;
  }

  /**
   * The packed state `[w | m | v | g | w₀]` (5·n values: the weights, the moments, and two
   * segments an update may keep its gradient and its weights before the update in), up to date:
   * what a fused kernel reads the weights from (webgpuMlp.ts).
   */
  packedState(): tf.Tensor {
    return this.currentPacked();
  }

  /**
   * One Adam update done by `run`, in place on the packed state, with this update's bias-corrected
   * step size (the fused MLP step: the gradient and Adam in one dispatch). The variables are left
   * behind until something else reads them (syncWeights).
   */
  updateInPlace(run: (packed: tf.Tensor, s: { stepSize: number; beta1: number; beta2: number; epsilon: number }) => void): void {
    this.t += 1;
    const { beta1, beta2, t, epsilon } = this;
    const stepSize = (this.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    run(this.currentPacked(), { stepSize, beta1, beta2, epsilon });
    this.flatWeights?.dispose();
    this.flatWeights = null;
    this.packedValid = true;
    this.mvStale = true;
    this.weightsBehind = true;
    this.behind = this.variables.map(() => true);
  }

  /**
   * Writes the packed state's weights back into the variables (one slice each) if an in-place
   * update left them behind. A variable written meanwhile by anything else (a restore) wins: the
   * packed weights are then dropped and rebuilt from the variables at the next fused update.
   */
  syncWeights(keepLazy = false): void {
    if (!this.weightsBehind) return;
    const write = this.behind.map((b, i) => b && !(keepLazy && this.lazy[i]));
    if (!write.some(Boolean)) return;
    this.behind = this.behind.map((b, i) => b && !write[i]);
    this.weightsBehind = this.behind.some(Boolean);
    if (!this.packed || !this.inSync()) return;
    const packed = this.packed;
    tf.tidy(() => this.assignWeights(packed, (i) => write[i]));
  }

  /** Writes the weights at the head of a packed buffer into the variables `which` picks (all by default; call inside a tidy). */
  private assignWeights(packed: tf.Tensor, which: (i: number) => boolean = () => true): void {
    let offset = 0;
    this.variables.forEach((w, i) => {
      if (which(i)) {
        const part = tf.slice(packed, offset, this.sizes[i]);
        w.assign(w.rank === 1 ? part : tf.reshape(part, w.shape));
        this.assigned[i] = dataIdOf(w);
      }
      offset += this.sizes[i];
    });
  }

  /** The packed [w | m | v], rebuilt when anything but the fused update wrote w, m or v. */
  private currentPacked(): tf.Variable {
    const weightsInSync = this.variables.every((w, i) => dataIdOf(w) === this.assigned[i]);
    if (this.packed && this.packedValid && weightsInSync) return this.packed;
    const n = this.m.size;
    const held = this.packed && this.packedValid ? this.packed : null;
    const moments = held ? [tf.slice(held, n, n), tf.slice(held, 2 * n, n)] : [this.m, this.v];
    // A fresh buffer, owned by the variable alone: the update writes it in place. Its last two
    // segments are scratch for an update's gradient and old weights (updateInPlace).
    const fresh = tf.concat([flattenAll(this.variables), ...moments, tf.zeros([2 * n])]);
    this.packed?.dispose();
    this.packed = tf.keep(tf.variable(fresh, false));
    this.packedValid = true;
    // Built from the variables: none is behind it.
    this.behind = this.variables.map(() => false);
    this.weightsBehind = false;
    // The packed weights are the variables' now; the unfused path's flat copy may not be.
    this.assigned = this.variables.map(dataIdOf);
    this.flatWeights?.dispose();
    this.flatWeights = null;
    return this.packed;
  }

  /** 1 for each value of a penalized variable, 0 elsewhere (made once). */
  private maskFor(penalized: boolean[]): tf.Tensor {
    const key = penalized.join();
    if (this.penaltyMask?.key !== key) {
      const mask = new Float32Array(this.m.size);
      let offset = 0;
      this.sizes.forEach((size, i) => {
        if (penalized[i]) mask.fill(1, offset, offset + size);
        offset += size;
      });
      this.penaltyMask?.mask.dispose();
      this.penaltyMask = { key, mask: tf.keep(tf.tensor1d(mask)) };
    }
    return this.penaltyMask.mask;
  }

  /** Copies the fused update's moments back into m and v before anything reads them. */
  private syncMoments(): void {
    if (!this.mvStale || !this.packed) return;
    const n = this.m.size;
    tf.tidy(() => {
      this.m.assign(tf.slice(this.packed!, n, n));
      this.v.assign(tf.slice(this.packed!, 2 * n, n));
    });
    this.mvStale = false;
  }

  /** The flat weights, re-read from the variables when something else has written them. */
  private currentFlatWeights(): tf.Tensor1D {
    const inSync = this.flatWeights !== null && this.variables.every((w, i) => dataIdOf(w) === this.assigned[i]);
    if (!inSync) {
      const flat = flattenAll(this.variables);
      if (this.flatWeights) this.flatWeights.assign(flat);
      else this.flatWeights = tf.keep(tf.variable(flat, false));
    }
    return this.flatWeights as tf.Tensor as tf.Tensor1D;
  }

  /** Per-variable views of a flat state vector, in the variables' order (new tensors). */
  private perVariable(flat: tf.Tensor): tf.Tensor[] {
    return tf.tidy(() => {
      const parts = this.variables.length === 1 ? [flat.clone()] : tf.split(flat, this.sizes);
      return parts.map((p, i) => tf.reshape(p, this.variables[i].shape));
    });
  }

  /** Copies of the moment estimates, one per variable (for tests and checkpoints). */
  moments(): { m: tf.Tensor[]; v: tf.Tensor[] } {
    this.syncMoments();
    return { m: this.perVariable(this.m), v: this.perVariable(this.v) };
  }

  /** Copies of the full state, to roll back to after a diverged step. */
  snapshot(): AdamSnapshot {
    this.syncMoments();
    return { t: this.t, m: this.perVariable(this.m).map((x) => tf.keep(x)), v: this.perVariable(this.v).map((x) => tf.keep(x)) };
  }

  /**
   * The full state read back to the CPU, one m and one v per variable in the variables' order
   * (for run snapshots: it survives a lost GPU device). Keep this shape if Adam's internals change.
   */
  async exportState(): Promise<AdamState> {
    // Clones taken now, read after: an update that runs while the read is in flight stays out.
    this.syncMoments();
    const t = this.t;
    const held = { m: this.perVariable(this.m), v: this.perVariable(this.v) };
    const read = (xs: tf.Tensor[]) => Promise.all(xs.map(async (x) => Float32Array.from((await x.data()) as Float32Array)));
    const [m, v] = await Promise.all([read(held.m), read(held.v)]);
    [...held.m, ...held.v].forEach((x) => x.dispose());
    return { t, m, v };
  }

  /** Sets t, m and v from `exportState`'s shape; throws naming the first mismatch, changing nothing. */
  importState(state: AdamState): void {
    if (!Number.isInteger(state.t) || state.t < 0) throw new Error(`LiveAdam: t must be a non-negative integer; got ${state.t}`);
    for (const [key, list] of [
      ['m', state.m],
      ['v', state.v],
    ] as const) {
      if (list.length !== this.variables.length) throw new Error(`LiveAdam: ${list.length} ${key} arrays for ${this.variables.length} variables`);
      list.forEach((x, i) => {
        if (x.length !== this.variables[i].size)
          throw new Error(`LiveAdam: ${key}[${i}] holds ${x.length} values; ${this.variables[i].name} has ${this.variables[i].size}`);
      });
    }
    this.t = state.t;
    this.dropPacked();
    tf.tidy(() => {
      this.m.assign(concatHost(state.m, this.m.size));
      this.v.assign(concatHost(state.v, this.v.size));
    });
  }

  restore(snap: AdamSnapshot): void {
    this.t = snap.t;
    this.dropPacked();
    tf.tidy(() => {
      this.m.assign(flattenAll(snap.m));
      this.v.assign(flattenAll(snap.v));
    });
  }

  dispose(): void {
    releaseParams(this.variables, this);
    [this.m, this.v, ...Object.values(this.consts)].forEach((x) => x.dispose());
    this.flatWeights?.dispose();
    this.flatWeights = null;
    this.packed?.dispose();
    this.packed = null;
    this.penaltyMask?.mask.dispose();
    this.penaltyMask = null;
  }

  /** m and v are being overwritten: the packed state is out of date and its moments are not wanted. */
  private dropPacked(): void {
    this.syncWeights();
    this.packedValid = false;
    this.mvStale = false;
  }
}

/** The storage a tensor points at: tf.Variable.assign replaces it, so a changed one means a write. */
function dataIdOf(t: tf.Tensor): unknown {
  return (t as unknown as { dataId: unknown }).dataId;
}

export interface AdamSnapshot {
  t: number;
  m: tf.Tensor[];
  v: tf.Tensor[];
}

/** Per-variable host arrays joined into one flat tensor (sizes already checked). */
function concatHost(parts: Float32Array[], total: number): tf.Tensor1D {
  const flat = new Float32Array(total);
  let offset = 0;
  for (const p of parts) {
    flat.set(p, offset);
    offset += p.length;
  }
  return tf.tensor1d(flat);
}
