/**
 * Whether the tape-free step uses the fused WGSL kernels of webgpuKernels*.ts. They run only on
 * the `webgpu` backend (every other backend keeps the TF.js kernels); the switch exists so the
 * bench and the e2e can run both paths side by side.
 */
import * as tf from '@tensorflow/tfjs';

let enabled = true;

/** Turns the fused WebGPU kernels on or off (for comparisons; on by default). */
export function setWebGpuFusion(on: boolean): void {
  enabled = on;
}

export function webGpuFusionOn(): boolean {
  return enabled;
}

/** Whether the fused kernels apply now: switched on and the active backend is webgpu. */
export function fusedKernelsActive(): boolean {
  return enabled && tf.getBackend() === 'webgpu';
}
