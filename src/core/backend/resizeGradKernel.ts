/**
 * The gradient of a nearest-neighbour upsample by an integer factor (G's resize-conv layers): each
 * input pixel sums its fh × fw block of dy. One JS pass, registered for two backends:
 *
 * - wasm (wasmKernels.ts): the upstream loop took 2–4 ms a call on [32, 28, 28, 16];
 * - cpu (`registerCpuTrainingKernels`): the TF.js 4.22 cpu kernel is wrong for batches over 1.
 *   It offsets dy by the *input's* batch stride (`batchOffset + dyR · dyStrides[1]` in
 *   tfjs-backend-cpu's ResizeNearestNeighborGrad.js), so every image after the first reads
 *   another image's gradient, and the cpu fallback trained resize-conv models on wrong gradients.
 *
 * Other factors and corner modes go to the upstream kernels (the app never uses them).
 */
import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;

export interface UpsampleGeometry {
  B: number;
  H: number;
  W: number;
  C: number;
  fh: number;
  fw: number;
}

/** The geometry when dy is images upsampled by integer factors with plain corners, else null. */
export function integerUpsample(images: Info, dy: Info, attrs: Record<string, unknown>): UpsampleGeometry | null {
  const [B, H, W, C] = images.shape;
  const [, OH, OW] = dy.shape;
  const fh = OH / H;
  const fw = OW / W;
  if (attrs.alignCorners || attrs.halfPixelCenters || !Number.isInteger(fh) || !Number.isInteger(fw) || dy.dtype !== 'float32') return null;
  return { B, H, W, C, fh, fw };
}

/** dst[b, y, x, c] = Σ over the block of dy[b, y·fh + a, x·fw + e, c]; dst is overwritten. */
export function nearestUpsampleGrad(src: Float32Array, dst: Float32Array, g: UpsampleGeometry): void {
  const { B, H, W, C, fh, fw } = g;
  dst.fill(0, 0, B * H * W * C);
  const rowIn = W * C;
  const rowOut = W * fw * C;
  for (let b = 0; b < B; b++) {
    for (let y = 0; y < H; y++) {
      const d0 = (b * H + y) * rowIn;
      for (let a = 0; a < fh; a++) {
        const s0 = (b * H * fh + y * fh + a) * rowOut;
        for (let x = 0; x < W; x++) {
          const d = d0 + x * C;
          for (let e = 0; e < fw; e++) {
            const s = s0 + (x * fw + e) * C;
            for (let c = 0; c < C; c++) dst[d + c] += src[s + c];
          }
        }
      }
    }
  }
}

let cpuUpstream: tf.KernelConfig | undefined;

function cpuResizeNearestNeighborGrad(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): Info {
  const backend = args.backend as tf.KernelBackend & {
    data: { get(id: unknown): { values: ArrayLike<number> } };
    makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): Info;
  };
  const { images, dy } = args.inputs as { images: Info; dy: Info };
  const geometry = integerUpsample(images, dy, (args.attrs ?? {}) as Record<string, unknown>);
  if (!geometry) return (cpuUpstream!.kernelFunc as (a: typeof args) => Info)(args);
  const out = new Float32Array(tf.util.sizeFromShape(images.shape));
  nearestUpsampleGrad(backend.data.get(dy.dataId).values as Float32Array, out, geometry);
  return backend.makeTensorInfo(images.shape, 'float32', out);
}

/** Registers the cpu backend's corrected kernels. Idempotent. */
export function registerCpuTrainingKernels(): void {
  if (cpuUpstream) return;
  const upstream = tf.getKernel('ResizeNearestNeighborGrad', 'cpu');
  if (!upstream) throw new Error('cpu ResizeNearestNeighborGrad is not registered: import @tensorflow/tfjs first');
  cpuUpstream = upstream;
  tf.unregisterKernel('ResizeNearestNeighborGrad', 'cpu');
  tf.registerKernel({ kernelName: 'ResizeNearestNeighborGrad', backendName: 'cpu', kernelFunc: cpuResizeNearestNeighborGrad as unknown as tf.KernelFunc });
}
