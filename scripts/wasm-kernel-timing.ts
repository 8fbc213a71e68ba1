/**
 * GFLOP/s of the wasm backend in Node for the kernels a conv GAN step leans on, against the
 * matMul ceiling. Run: npx tsx scripts/wasm-kernel-timing.ts
 *
 * Upstream kernels that the app replaces (Conv2DBackpropInput, BatchMatMul with transposeA) are
 * timed first, before registerWasmTrainingKernels() swaps them, so the gain is visible.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/core/backend/wasmKernels';

const REPEATS = 5;

function gflops(flops: number, run: () => tf.Tensor): number {
  run().dispose(); // warm-up: XNNPACK packs weights and plans on the first call
  const t0 = performance.now();
  for (let i = 0; i < REPEATS; i++) {
    const y = run();
    y.dataSync();
    y.dispose();
  }
  const ms = (performance.now() - t0) / REPEATS;
  return flops / (ms * 1e6);
}

function kernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
}

interface ConvCase {
  label: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number;
}

// The article DCGAN's convs at batch 64. D's two convs are the first two rows; G's three convT
// layers are the transposes of rows 1–3 (convT 16×16×64→32×32×3 is row 2's BackpropInput, its
// weight gradient is row 2's BackpropFilter, and so on), so these rows cover the whole step.
const CASES: ConvCase[] = [
  { label: 'x[64,16,16,64]  f5×5×64×128  s2', x: [64, 16, 16, 64], filter: [5, 5, 64, 128], stride: 2 },
  { label: 'x[64,32,32,3]   f5×5×3×64    s2', x: [64, 32, 32, 3], filter: [5, 5, 3, 64], stride: 2 },
  { label: 'x[64,8,8,128]   f5×5×128×256 s1', x: [64, 8, 8, 128], filter: [5, 5, 128, 256], stride: 1 },
];

function convFlops(c: ConvCase): number {
  const [b, h, w] = c.x;
  const [kh, kw, ci, co] = c.filter;
  return 2 * b * Math.ceil(h / c.stride) * Math.ceil(w / c.stride) * kh * kw * ci * co;
}

function timeConv(c: ConvCase, which: 'Conv2D' | 'Conv2DBackpropFilter' | 'Conv2DBackpropInput'): number {
  const x = tf.randomUniform(c.x, -1, 1, 'float32', 1) as tf.Tensor4D;
  const f = tf.randomUniform(c.filter, -1, 1, 'float32', 2) as tf.Tensor4D;
  const y = tf.conv2d(x, f, c.stride, 'same');
  const common = { strides: [c.stride, c.stride], pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined };
  const run = {
    Conv2D: () => kernel('Conv2D', { x, filter: f }, { ...common, dilations: [1, 1] }),
    Conv2DBackpropFilter: () => kernel('Conv2DBackpropFilter', { x, dy: y }, { ...common, filterShape: c.filter }),
    Conv2DBackpropInput: () => kernel('Conv2DBackpropInput', { dy: y, filter: f }, { ...common, inputShape: c.x }),
  }[which];
  const r = gflops(convFlops(c), run);
  tf.dispose([x, f, y]);
  return r;
}

function timeMatMul(m: number, k: number, n: number, transposeA: boolean): number {
  const a = tf.randomUniform(transposeA ? [k, m] : [m, k], -1, 1, 'float32', 3);
  const b = tf.randomUniform([k, n], -1, 1, 'float32', 4);
  const r = gflops(2 * m * k * n, () => tf.matMul(a, b, transposeA, false));
  tf.dispose([a, b]);
  return r;
}

const fmt = (v: number) => v.toFixed(1).padStart(6);

async function main(): Promise<void> {
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to start');
  console.log(`wasm in Node, SIMD=${String(tf.env().get('WASM_HAS_SIMD_SUPPORT'))}, single thread; GFLOP/s, mean of ${REPEATS}`);

  const upstreamInput = timeConv(CASES[2], 'Conv2DBackpropInput');
  const upstreamTA = timeMatMul(1024, 1024, 1024, true);
  registerWasmTrainingKernels();

  const ceiling = timeMatMul(1024, 1024, 1024, false);
  console.log(`matMul 1024×1024×1024                     ${fmt(ceiling)}  (ceiling)`);
  console.log(`matMul transposeA 1024³: upstream ${fmt(upstreamTA)} → app ${fmt(timeMatMul(1024, 1024, 1024, true))}`);
  console.log(`Conv2DBackpropInput ${CASES[2].label}: upstream ${fmt(upstreamInput)}`);
  console.log('\nshape                              Conv2D  BackpropFilter  BackpropInput   (ratio of ceiling)');
  for (const c of CASES) {
    const fwd = timeConv(c, 'Conv2D');
    const bf = timeConv(c, 'Conv2DBackpropFilter');
    const bi = timeConv(c, 'Conv2DBackpropInput');
    const pct = (v: number) => `${((100 * v) / ceiling).toFixed(0)}%`;
    console.log(`${c.label}  ${fmt(fwd)}  ${fmt(bf)} ${pct(bf).padStart(5)}   ${fmt(bi)} ${pct(bi).padStart(5)}`);
  }
  console.log(`\ntensors left: ${tf.memory().numTensors}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
