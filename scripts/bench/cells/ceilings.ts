/** What the backend can do at best: a large matMul and the model's largest convolution, timed alone. */
import * as tf from '@tensorflow/tfjs';
import type { ModelId } from '../../../src/core/config';
import { ARCHITECTURES, inferLayers } from '../../../src/core/models/specs';
import { gflopsPerSec, median } from '../stats';
import type { BenchBackend } from '../types';
import type { BenchHost } from './host';

const MATMUL_SIZE = 1024;

/** 1024² on wasm; 512² where a 1024² product takes seconds (cpu, SwiftShader webgl/webgpu). */
export const matmulSizeFor = (backend: BenchBackend): number => (backend === 'wasm' ? MATMUL_SIZE : 512);

/** Median time (ms) of `run`, each sample a batch of reps ending in one `await data()`. */
export async function timeOp(run: () => tf.Tensor, host: BenchHost, budgetMs: number): Promise<number> {
  const once = async (reps: number) => {
    const t = host.now();
    let y: tf.Tensor | null = null;
    for (let i = 0; i < reps; i++) {
      y?.dispose();
      y = run();
    }
    await y!.data();
    y!.dispose();
    return (host.now() - t) / reps;
  };
  await once(1); // warm-up: compile, pack weights
  const per = await once(1);
  const reps = Math.max(1, Math.min(20, Math.round(150 / Math.max(per, 1))));
  const samples = [per];
  const start = host.now();
  while (samples.length < 5 && host.now() - start + per * reps < budgetMs) samples.push(await once(reps));
  return median(samples);
}

export async function matmulGflops(host: BenchHost, size = MATMUL_SIZE, budgetMs = 3000): Promise<number> {
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  try {
    const ms = await timeOp(() => tf.matMul(a, b), host, budgetMs);
    return gflopsPerSec(2 * size ** 3, ms);
  } finally {
    a.dispose();
    b.dispose();
  }
}

export interface ConvSpec {
  label: string;
  flops: number;
  run(): tf.Tensor;
  dispose(): void;
}

/** The model's largest convolution (forward) by FLOPs, at this batch size, or null for the MLP. */
export function largestConv(model: ModelId, batchSize: number, latentDim: number): Omit<ConvSpec, 'run' | 'dispose'> & { make(): ConvSpec } | null {
  const arch = ARCHITECTURES[model];
  const layers = [...inferLayers(arch.generator, [latentDim]), ...inferLayers(arch.discriminator, arch.dataShape)];
  const convs = layers.filter((l) => l.spec.type === 'conv' || l.spec.type === 'convT');
  if (convs.length === 0) return null;
  const big = convs.reduce((a, b) => (b.forwardFlops > a.forwardFlops ? b : a));
  const spec = big.spec as { type: 'conv' | 'convT'; filters: number; kernel: number; stride: number };
  const [h, w, c] = big.inShape;
  const label = `${spec.type === 'conv' ? 'conv' : 'convT'} [${batchSize},${h},${w},${c}]→[${batchSize},${big.outShape.join(',')}] k${spec.kernel} s${spec.stride}`;
  return {
    label,
    flops: big.forwardFlops * batchSize,
    make() {
      const x = tf.randomUniform([batchSize, h, w, c], -1, 1, 'float32', 3) as tf.Tensor4D;
      const k = spec.kernel;
      const f =
        spec.type === 'conv'
          ? (tf.randomUniform([k, k, c, spec.filters], -0.1, 0.1, 'float32', 4) as tf.Tensor4D)
          : (tf.randomUniform([k, k, spec.filters, c], -0.1, 0.1, 'float32', 4) as tf.Tensor4D);
      const out = [batchSize, ...big.outShape] as [number, number, number, number];
      return {
        label,
        flops: big.forwardFlops * batchSize,
        run: () => (spec.type === 'conv' ? tf.conv2d(x, f, spec.stride, 'same') : tf.conv2dTranspose(x, f, out, spec.stride, 'same')),
        dispose: () => {
          x.dispose();
          f.dispose();
        },
      };
    },
  };
}
