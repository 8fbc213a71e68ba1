/**
 * Where a trained variable's newest value is. On webgpu the fused Adam update (LiveAdam.applyFused)
 * leaves some variables' new values in its packed state `[w | m | v | …]` and writes them into the
 * variables only when something else reads them: the variables that only fused kernels read in
 * the step (BatchNorm's γ and β, read at their offset there). A kernel that can read a packed
 * buffer at an offset asks `paramRef`; anything else that reads such a variable in the step asks
 * `freshParam`, which writes it back first (one slice). Off webgpu nothing is ever left behind, and
 * both return the variable itself.
 */
import type * as tf from '@tensorflow/tfjs';

/** A parameter's values: `tensor` from `offset` on (the variable itself at 0, or a packed state). */
export interface ParamRef {
  tensor: tf.Tensor;
  offset: number;
}

/** What holds a variable's packed copy (LiveAdam). */
export interface ParamHolder {
  /** The packed state and the variable's offset in it while it holds a newer value than the variable, else null. */
  locate(v: tf.Tensor): ParamRef | null;
  /** Writes the newer value into the variable (one slice), if there is one. */
  writeBack(v: tf.Tensor): void;
}

const holders = new WeakMap<tf.Tensor, ParamHolder>();

export function holdParams(variables: tf.Tensor[], holder: ParamHolder): void {
  for (const v of variables) holders.set(v, holder);
}

export function releaseParams(variables: tf.Tensor[], holder: ParamHolder): void {
  for (const v of variables) if (holders.get(v) === holder) holders.delete(v);
}

/** The newest values of `v` (a variable, or any tensor: then itself). */
export function paramRef(v: tf.Tensor): ParamRef {
  return holders.get(v)?.locate(v) ?? { tensor: v, offset: 0 };
}

/** `v`, holding its newest values (written back from a packed state if they were there). */
export function freshParam<T extends tf.Tensor>(v: T): T {
  holders.get(v)?.writeBack(v);
  return v;
}
