/**
 * The nearest-neighbour upsample gradient, on cpu (where TF.js 4.22's kernel mixes up the images
 * of a batch) and wasm, against a plain-JS reference: each input pixel sums the dy pixels whose
 * nearest source it is. (wasmKernels.test.ts checks the app's other wasm kernels against cpu.)
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerCpuTrainingKernels } from './resizeGradKernel';
import { registerWasmTrainingKernels } from './wasmKernels';

function reference(dy: Float32Array, [B, H, W, C]: number[], OH: number, OW: number): number[] {
  const out = new Array<number>(B * H * W * C).fill(0);
  for (let b = 0; b < B; b++)
    for (let oy = 0; oy < OH; oy++)
      for (let ox = 0; ox < OW; ox++)
        for (let c = 0; c < C; c++) {
          const y = Math.min(H - 1, Math.floor((oy * H) / OH));
          const x = Math.min(W - 1, Math.floor((ox * W) / OW));
          out[((b * H + y) * W + x) * C + c] += dy[((b * OH + oy) * OW + ox) * C + c];
        }
  return out;
}

async function gradOn(backend: string, shape: number[], size: [number, number], weights: Float32Array): Promise<Float32Array> {
  expect(await tf.setBackend(backend)).toBe(true);
  const x = tf.zeros(shape);
  const w = tf.tensor(weights, [shape[0], size[0], size[1], shape[3]]);
  const g = tf.grad((v: tf.Tensor) =>
    tf.image
      .resizeNearestNeighbor(v as tf.Tensor4D, size)
      .mul(w)
      .sum(),
  )(x);
  const values = (await g.data()) as Float32Array;
  tf.dispose([x, w, g]);
  return values;
}

describe('nearest-neighbour upsample gradient', () => {
  const cases: [number[], [number, number]][] = [
    [
      [3, 4, 5, 2],
      [8, 10],
    ],
    [
      [2, 7, 7, 3],
      [14, 14],
    ],
    [
      [2, 2, 3, 1],
      [6, 9],
    ],
    // Not an integer factor: the upstream kernels, on one image (upstream cpu is right for one).
    [
      [1, 4, 4, 3],
      [6, 10],
    ],
  ];
  for (const backend of ['cpu', 'wasm']) {
    for (const [shape, size] of cases) {
      it(`${backend}: batch of ${shape[0]}, ${shape[1]}×${shape[2]} → ${size.join('×')}, as the plain-JS reference`, async () => {
        registerCpuTrainingKernels();
        registerWasmTrainingKernels();
        const n = shape[0] * size[0] * size[1] * shape[3];
        const weights = Float32Array.from({ length: n }, (_, i) => ((i * 7) % 11) - 5);
        const got = Array.from(await gradOn(backend, shape, size, weights));
        const want = reference(weights, shape, size[0], size[1]);
        expect(got).toEqual(want);
      });
    }
  }
});
