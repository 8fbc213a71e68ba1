/** The checks every `readBatch` makes: a bad index or short buffer fails loudly, not as NaNs. */
export function checkBatchArgs(indices: ArrayLike<number>, out: Float32Array, count: number, dim: number, id: string): void {
  if (out.length < indices.length * dim) {
    throw new Error(`${id}: readBatch needs ${indices.length * dim} floats for ${indices.length} examples; out holds ${out.length}`);
  }
  for (let i = 0; i < indices.length; i++) {
    const idx = indices[i];
    if (!(idx >= 0 && idx < count) || !Number.isInteger(idx)) {
      throw new Error(`${id}: example index ${idx} is out of range [0, ${count})`);
    }
  }
}
