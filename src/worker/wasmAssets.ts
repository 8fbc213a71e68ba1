/**
 * URLs of the TF.js wasm binaries as Vite emits them, in the form `selectBackend`'s `wasmPaths`
 * option takes (all three names are required by setWasmPaths; only the SIMD one is used, since
 * threads are disabled). Vite-only: `?url` imports do not resolve in Node, so core never imports
 * this file; the worker passes it in.
 */
import type { WasmPaths } from '../core/backend/backend';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const wasmPaths: WasmPaths = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
};
