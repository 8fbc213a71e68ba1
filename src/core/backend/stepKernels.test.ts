import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countDispatches } from '../testing/dispatchCounter';
import { stepKernels } from './stepKernels';
import { fusedKernelsActive, setWebGpuFusion } from './webgpuFusion';
import { runFused } from './webgpuKernels';

// The fused kernels themselves need WebGPU: e2e/fused-steps-webgpu.spec.ts runs them against wasm.
describe('fused step kernels off webgpu', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => setWebGpuFusion(true));

  it('are never offered on another backend, switched on or off', () => {
    setWebGpuFusion(true);
    expect(fusedKernelsActive()).toBe(false);
    expect(stepKernels()).toBeNull();
    setWebGpuFusion(false);
    expect(stepKernels()).toBeNull();
  });

  it('refuse to run there, saying why', () => {
    const x = tf.zeros([4]);
    expect(() =>
      runFused(
        {
          variableNames: ['X'],
          outputShape: [4],
          shaderKey: 'k',
          dispatchLayout: { x: [0] },
          dispatch: [1, 1, 1],
          workgroupSize: [64, 1, 1],
          getUserCode: () => '',
        },
        [x],
        [],
      ),
    ).toThrow('fused kernels need the webgpu backend');
    x.dispose();
  });

  it('leave the dispatch counter inert (it counts webgpu dispatches only)', () => {
    const c = countDispatches();
    tf.tidy(() => tf.add(tf.ones([3]), 1));
    expect(c.available).toBe(false);
    expect(c.total).toBe(0);
    c.dispose();
  });
});
