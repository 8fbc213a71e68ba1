/**
 * Kernels the TF.js 4.22 wasm backend lacks (or runs too slowly) for training conv GANs. About
 * 370 lines, and one thing: the wasm backend's training kernels, which share the heap access and
 * one registration, and whose measurements below are read together.
 *
 * Registered for backendName 'wasm' by `registerWasmTrainingKernels()`:
 *
 * - `Conv2DBackpropFilter` — MISSING upstream (the weight gradient of every conv2d and of every
 *   conv2dTranspose). im2col + one matMul: x is transposed to [Cin, B, H, W] (a fast wasm
 *   Transpose), a JS loop writes the column matrix [kh·kw·Cin, B·OH·OW] straight into the wasm
 *   heap, and dW = cols · dy[B·OH·OW, Cout] is one non-transposed BatchMatMul (XNNPACK).
 * - `Conv2DBackpropInput` — present upstream but a naive loop at ≈ 4.3 GFLOP/s, against ≈ 30 for
 *   Conv2D (XNNPACK). It is the forward pass of every conv2dTranspose and the input gradient of
 *   every conv2d, so it dominated the step. Replaced by the sub-pixel form: for stride s the
 *   output splits into s×s phases, each a stride-1 Conv2D of dy with a flipped sub-kernel
 *   (5×5 stride 2 → 3×3, 3×2, 2×3, 2×2: the 25 taps, none wasted on inserted zeros); a JS loop
 *   interleaves the phases into the output.
 * - `BatchMatMul` with transposeA or transposeB — upstream runs them outside XNNPACK at 0.5–3
 *   GFLOP/s (vs ≈ 30 non-transposed). Every dense layer's weight gradient is matMul(x, dy,
 *   transposeA) and its input gradient matMul(dy, W, transposeB). The wrapper transposes the
 *   operand explicitly and calls the upstream kernel (g·Wᵀ for g [512, 128], W [128, 128]:
 *   25–43 ms with transposeB, 4–8 ms as transpose + plain matMul, measured on the loaded 2-core
 *   machine).
 *
 * - `_FusedMatMul` on rank-2 inputs — upstream reads the shapes as [batch, rows, cols] only, so
 *   the op (`tf.fused.matMul`) wraps every call in three Reshape kernels; the tape-free step
 *   (models/backprop.ts) runs the kernel directly on [rows, cols] tensors and this wrapper adds
 *   the batch dimension inside the backend, where a reshape is free and uncounted.
 *
 * Every other kernel the trainer's graph uses (forward and gradient) exists on wasm; see
 * wasmKernels.test.ts, which checks each against the cpu backend.
 *
 * Measured (Node 20, single-threaded wasm SIMD, 2-core EPYC, batch 64, GFLOP/s; matMul 1024³
 * ceiling 33.6; `npx tsx scripts/wasm-kernel-timing.ts`):
 *   shape (x, filter, stride)       BackpropFilter         BackpropInput (upstream 4.3)
 *   [64,16,16,64] 5×5×64×128 s2     25.8 (77 %)            16.9 (50 %)
 *   [64,32,32,3]  5×5×3×64   s2     21.7 (65 %)             7.9 (23 %; Cin = 3 limits XNNPACK)
 *   [64,8,8,128]  5×5×128×256 s1    30.3 (90 %)            30.4 (91 %)
 * Op-only versions measured first and dropped: im2col from 25 wasm StridedSlice taps + Concat
 * reached 1.9 / 1.1 GFLOP/s on the first two rows (one stride-2 StridedSlice of [64,64,8,8]
 * took 28 ms, the JS loop writes all 25 taps in 14 ms); filter gradient as a dilated Conv2D
 * (batch ↔ channels swapped) 19–23; phase interleave by a 5-D Transpose took 143 ms and
 * DepthToSpace 61 ms for [64,16,16,64], the JS loop ≈ 2 ms.
 *
 * The kernels compose the wasm backend's own kernel functions on TensorInfos (as the backends do
 * internally), so nothing they allocate is seen by the engine, recorded on a tape or leaked:
 * every intermediate is released with backend.disposeData.
 */
import * as tf from '@tensorflow/tfjs';
// The upstream wasm kernels must be registered before we wrap or replace some of them.
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markWasmFusedMatMulRank2 } from '../models/fusedMatMulRank2';
import { im2col } from './wasmIm2col';
import { integerUpsample, nearestUpsampleGrad } from './resizeGradKernel';

type Info = tf.TensorInfo;
type Backend = tf.KernelBackend;
type Attrs = Record<string, unknown>;

const WASM = 'wasm';

/** Upstream configs we wrap, captured once so re-registration stays idempotent. */
let originalBatchMatMul: tf.KernelConfig | undefined;
let originalFusedMatMul: tf.KernelConfig | undefined;
let originalResizeGrad: tf.KernelConfig | undefined;
let registered = false;

function call(backend: Backend, name: string, inputs: Record<string, Info> | Info[], attrs: Attrs = {}): Info {
  const kernel = name === 'BatchMatMul' && originalBatchMatMul ? originalBatchMatMul : tf.getKernel(name, WASM);
  if (!kernel) throw new Error(`wasm kernel '${name}' is not registered (import @tensorflow/tfjs-backend-wasm first)`);
  const out = kernel.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend, attrs: attrs as tf.NamedAttrMap });
  if (Array.isArray(out)) throw new Error(`wasm kernel '${name}' returned several outputs`);
  return out;
}

function free(backend: Backend, ...infos: Info[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

function reshape(backend: Backend, x: Info, shape: number[]): Info {
  return call(backend, 'Reshape', { x }, { shape });
}

function assertNHWC(kernel: string, dataFormat: unknown, dilations: unknown): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`${kernel} (app wasm kernel): only NHWC is supported, got dataFormat '${String(dataFormat)}'`);
  }
  const d = dilations === undefined ? 1 : dilations;
  const ok = d === 1 || (Array.isArray(d) && d.every((v) => v === 1));
  if (!ok) throw new Error(`${kernel} (app wasm kernel): only dilations 1 are supported, got ${JSON.stringify(d)}`);
}

function convInfoOf(xShape: number[], filterShape: number[], attrs: Attrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides as number | [number, number],
    1,
    attrs.pad as 'valid' | 'same' | number | tf.backend_util.ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    false,
    'channelsLast',
  );
}

// ── Conv2DBackpropFilter ────────────────────────────────────────────────────────────────────

function conv2DBackpropFilter(args: { inputs: tf.NamedTensorInfoMap; backend: Backend; attrs?: tf.NamedAttrMap }): Info {
  const backend = args.backend as BackendWasm;
  const attrs = (args.attrs ?? {}) as Attrs;
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  assertNHWC('Conv2DBackpropFilter', attrs.dataFormat, attrs.dilations);
  const filterShape = attrs.filterShape as number[];
  const info = convInfoOf(x.shape, filterShape, attrs);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI, outChannels: CO } = info;
  const { outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const n = B * OH * OW;

  const xt = call(backend, 'Transpose', { x }, { perm: [3, 0, 1, 2] });
  const cols = backend.makeOutput([KH * KW * CI, n], 'float32');
  // Views after every allocation: makeOutput may grow (and so detach) the wasm heap.
  im2col(backend.typedArrayFromHeap(xt) as Float32Array, backend.typedArrayFromHeap(cols) as Float32Array, {
    B,
    H,
    W,
    CI,
    KH,
    KW,
    OH,
    OW,
    sh,
    sw,
    top: info.padInfo.top,
    left: info.padInfo.left,
  });
  const dy2 = reshape(backend, dy, [n, CO]);
  const dw = call(backend, 'BatchMatMul', { a: cols, b: dy2 }, { transposeA: false, transposeB: false });
  const out = reshape(backend, dw, [KH, KW, CI, CO]);
  free(backend, xt, cols, dy2, dw);
  return out;
}

// ── Conv2DBackpropInput ─────────────────────────────────────────────────────────────────────

/**
 * One output phase r (0 ≤ r < s) along one axis. dx[s·m + r] = Σ_j dy[m + c − j] · w[k0 + j·s],
 * which is a stride-1 correlation of dy with the taps k0, k0+s, … reversed, padded by J−1−c.
 */
interface Phase {
  k0: number;
  taps: number; // J
  padBefore: number; // may be negative: then dy is cropped instead
  padAfter: number;
}

function phase(K: number, s: number, pad: number, r: number, dyLen: number, outLen: number): Phase {
  const q = r + pad;
  const k0 = q % s;
  const c = Math.floor(q / s);
  const taps = k0 < K ? Math.ceil((K - k0) / s) : 0;
  const padBefore = taps - 1 - c;
  const padAfter = outLen - 1 + taps - 1 - padBefore - (dyLen - 1);
  return { k0, taps, padBefore, padAfter };
}

/** Stride-1 Conv2D of dy for one (ry, rx) phase: [B, MH, MW, Cin]. */
function phaseConv(backend: BackendWasm, dy: Info, filter: Info, py: Phase, px: Phase, sh: number, sw: number, outShape: number[]): Info {
  if (py.taps === 0 || px.taps === 0) return call(backend, 'Fill', {}, { shape: outShape, value: 0, dtype: 'float32' });
  const [KH, KW, CI, CO] = filter.shape;
  // Sub-kernel [Jy, Jx, Cout, Cin]: taps k0, k0+s, … of the filter, reversed in space. Small.
  const sub = call(
    backend,
    'StridedSlice',
    { x: filter },
    {
      begin: [py.k0, px.k0, 0, 0],
      end: [KH, KW, CI, CO],
      strides: [sh, sw, 1, 1],
      beginMask: 0,
      endMask: 0,
      ellipsisMask: 0,
      newAxisMask: 0,
      shrinkAxisMask: 0,
    },
  );
  const flipped = call(backend, 'Reverse', { x: sub }, { dims: [0, 1] });
  const kernel = call(backend, 'Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
  free(backend, sub, flipped);
  // Negative padding means dy rows/cols this phase never reads: crop them.
  const crop = [Math.max(0, -py.padBefore), Math.max(0, -py.padAfter), Math.max(0, -px.padBefore), Math.max(0, -px.padAfter)];
  let src = dy;
  if (crop.some((v) => v > 0)) {
    const [B, OH, OW, C] = dy.shape;
    src = call(backend, 'Slice', { x: dy }, { begin: [0, crop[0], crop[2], 0], size: [B, OH - crop[0] - crop[1], OW - crop[2] - crop[3], C] });
  }
  const pad = [
    [0, 0],
    [Math.max(0, py.padBefore), Math.max(0, py.padAfter)],
    [Math.max(0, px.padBefore), Math.max(0, px.padAfter)],
    [0, 0],
  ];
  const out = call(backend, 'Conv2D', { x: src, filter: kernel }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] });
  free(backend, kernel);
  if (src !== dy) free(backend, src);
  return out;
}

function conv2DBackpropInput(args: { inputs: tf.NamedTensorInfoMap; backend: Backend; attrs?: tf.NamedAttrMap }): Info {
  const backend = args.backend as BackendWasm;
  const attrs = (args.attrs ?? {}) as Attrs;
  const { dy, filter } = args.inputs as { dy: Info; filter: Info };
  assertNHWC('Conv2DBackpropInput', attrs.dataFormat, attrs.dilations);
  const inputShape = attrs.inputShape as number[];
  const info = convInfoOf(inputShape, filter.shape, attrs);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI } = info;
  const { outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  // Every phase yields the same grid (ceil(H/s) × ceil(W/s)) so they interleave; extras are dropped.
  const MH = Math.ceil(H / sh);
  const MW = Math.ceil(W / sw);

  if (sh === 1 && sw === 1) {
    return phaseConv(backend, dy, filter, phase(KH, 1, info.padInfo.top, 0, OH, H), phase(KW, 1, info.padInfo.left, 0, OW, W), 1, 1, [B, H, W, CI]);
  }
  const phases: Info[] = [];
  for (let ry = 0; ry < sh; ry++) {
    for (let rx = 0; rx < sw; rx++) {
      const py = phase(KH, sh, info.padInfo.top, ry, OH, MH);
      const px = phase(KW, sw, info.padInfo.left, rx, OW, MW);
      phases.push(phaseConv(backend, dy, filter, py, px, sh, sw, [B, MH, MW, CI]));
    }
  }
  // Interleave in JS: wasm's Transpose/DepthToSpace for this permutation ran at ≈ 10 M floats/s
  // (143 ms for [64,16,16,64]), slower than the convolutions themselves.
  const out = backend.makeOutput([B, H, W, CI], 'float32');
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  for (let ry = 0; ry < sh; ry++) {
    for (let rx = 0; rx < sw; rx++) {
      const src = backend.typedArrayFromHeap(phases[ry * sw + rx]) as Float32Array;
      for (let b = 0; b < B; b++) {
        for (let m = 0; m < MH; m++) {
          const h = m * sh + ry;
          if (h >= H) break;
          let s = (b * MH + m) * MW * CI;
          for (let nn = 0; nn < MW; nn++, s += CI) {
            const w = nn * sw + rx;
            if (w >= W) break;
            let d = ((b * H + h) * W + w) * CI;
            if (CI >= 16) {
              dst.set(src.subarray(s, s + CI), d);
            } else {
              for (let c = 0; c < CI; c++) dst[d++] = src[s + c];
            }
          }
        }
      }
    }
  }
  free(backend, ...phases);
  return out;
}

// ── BatchMatMul with transposeA or transposeB ─────────────────────────────────────────────────────────────

function batchMatMul(args: { inputs: tf.NamedTensorInfoMap; backend: Backend; attrs?: tf.NamedAttrMap }): Info {
  const { backend } = args;
  const attrs = (args.attrs ?? {}) as Attrs;
  const { a, b } = args.inputs as { a: Info; b: Info };
  if ((!attrs.transposeA && !attrs.transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return call(backend, 'BatchMatMul', { a, b }, attrs);
  }
  const swapLast = (x: Info): Info => {
    const rank = x.shape.length;
    const perm = [...Array(rank).keys()];
    perm[rank - 2] = rank - 1;
    perm[rank - 1] = rank - 2;
    return call(backend, 'Transpose', { x }, { perm });
  };
  const at = attrs.transposeA ? swapLast(a) : a;
  const bt = attrs.transposeB ? swapLast(b) : b;
  const out = call(backend, 'BatchMatMul', { a: at, b: bt }, { ...attrs, transposeA: false, transposeB: false });
  if (at !== a) free(backend, at);
  if (bt !== b) free(backend, bt);
  return out;
}

// ── ResizeNearestNeighborGrad at an integer factor ───────────────────────────────────────

/** G's upsample gradient at an integer factor by the JS pass in resizeGradKernel.ts; else upstream. */
function resizeNearestNeighborGrad(args: { inputs: tf.NamedTensorInfoMap; backend: Backend; attrs?: tf.NamedAttrMap }): Info {
  const backend = args.backend as BackendWasm;
  const { images, dy } = args.inputs as { images: Info; dy: Info };
  const geometry = integerUpsample(images, dy, (args.attrs ?? {}) as Attrs);
  if (!geometry) return (originalResizeGrad!.kernelFunc as (a: typeof args) => Info)(args);
  const out = backend.makeOutput(images.shape, 'float32');
  // Views after the allocation: makeOutput may grow (and so detach) the wasm heap.
  nearestUpsampleGrad(backend.typedArrayFromHeap(dy) as Float32Array, backend.typedArrayFromHeap(out) as Float32Array, geometry);
  return out;
}

// ── _FusedMatMul on rank-2 inputs ───────────────────────────────────────────────────────────

function fusedMatMul(args: { inputs: tf.NamedTensorInfoMap; backend: Backend; attrs?: tf.NamedAttrMap }): Info {
  const { backend, inputs } = args;
  const upstream = originalFusedMatMul!.kernelFunc as (a: typeof args) => Info;
  const { a, b } = inputs as { a: Info; b: Info };
  if (a.shape.length !== 2 || b.shape.length !== 2) return upstream(args);
  const a3 = reshape(backend, a, [1, ...a.shape]);
  const b3 = reshape(backend, b, [1, ...b.shape]);
  const out3 = upstream({ ...args, inputs: { ...inputs, a: a3, b: b3 } });
  const out = reshape(backend, out3, out3.shape.slice(1));
  free(backend, a3, b3, out3);
  return out;
}

// ── registration ────────────────────────────────────────────────────────────────────────────

function replace(config: tf.KernelConfig): void {
  if (tf.getKernel(config.kernelName, WASM)) tf.unregisterKernel(config.kernelName, WASM);
  tf.registerKernel(config);
}

/** Names of the kernels this module registers for 'wasm', for reports and tests. */
export const APP_WASM_KERNELS = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'BatchMatMul', '_FusedMatMul', 'ResizeNearestNeighborGrad'] as const;

/**
 * Registers the app's wasm kernels. Idempotent; safe to call before or after the wasm backend
 * initialises (none of these needs a setup step of its own; the wrapped BatchMatMul keeps the
 * upstream setup, which binds the wasm function).
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  const upstream = tf.getKernel('BatchMatMul', WASM);
  if (!upstream) throw new Error('wasm BatchMatMul is not registered: import @tensorflow/tfjs-backend-wasm first');
  originalBatchMatMul = upstream;
  const upstreamFused = tf.getKernel('_FusedMatMul', WASM);
  if (!upstreamFused) throw new Error('wasm _FusedMatMul is not registered: import @tensorflow/tfjs-backend-wasm first');
  originalFusedMatMul = upstreamFused;
  const upstreamResizeGrad = tf.getKernel('ResizeNearestNeighborGrad', WASM);
  if (!upstreamResizeGrad) throw new Error('wasm ResizeNearestNeighborGrad is not registered: import @tensorflow/tfjs-backend-wasm first');
  originalResizeGrad = upstreamResizeGrad;
  replace({ kernelName: 'Conv2DBackpropFilter', backendName: WASM, kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc });
  replace({ kernelName: 'Conv2DBackpropInput', backendName: WASM, kernelFunc: conv2DBackpropInput as unknown as tf.KernelFunc });
  replace({
    kernelName: 'BatchMatMul',
    backendName: WASM,
    setupFunc: upstream.setupFunc,
    kernelFunc: batchMatMul as unknown as tf.KernelFunc,
  });
  replace({
    kernelName: '_FusedMatMul',
    backendName: WASM,
    setupFunc: upstreamFused.setupFunc,
    kernelFunc: fusedMatMul as unknown as tf.KernelFunc,
  });
  replace({
    kernelName: 'ResizeNearestNeighborGrad',
    backendName: WASM,
    setupFunc: upstreamResizeGrad.setupFunc,
    kernelFunc: resizeNearestNeighborGrad as unknown as tf.KernelFunc,
  });
  markWasmFusedMatMulRank2();
  registered = true;
}
