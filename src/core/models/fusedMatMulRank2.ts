/**
 * Whether the wasm backend's `_FusedMatMul` takes rank-2 tensors: upstream it needs rank 3, and
 * wasmKernels.ts registers a wrapper that adds the batch dimension. A flag of its own, so the
 * tape-free pass (backprop.ts) can ask without importing the wasm backend.
 */
let wasmRank2 = false;

export function markWasmFusedMatMulRank2(): void {
  wasmRank2 = true;
}

export function wasmFusedMatMulTakesRank2(): boolean {
  return wasmRank2;
}
