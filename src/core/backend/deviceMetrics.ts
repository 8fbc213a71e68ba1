/**
 * Per-step metrics that stay on the device: each step stacks its scalars into one tensor, and
 * `flush` reads every pending step back in one transfer (a read per step stalls GPU backends).
 */
import * as tf from '@tensorflow/tfjs';
import type { StepMetrics } from '../metrics/stepMetrics';

/** Order of the floats each step leaves on the device. */
export const DEVICE_METRICS = ['dLoss', 'gLoss', 'gL1', 'gL2', 'dL1', 'dL2', 'dReal', 'dFake', 'gGradNorm', 'dGradNorm', 'r1', 'gp', 'theta', 'psi'] as const;
export type DeviceMetric = (typeof DEVICE_METRICS)[number];
export type StepScalars = Partial<Record<DeviceMetric, tf.Tensor>>;

export function keepAll(map: StepScalars): StepScalars {
  for (const t of Object.values(map)) if (t) tf.keep(t);
  return map;
}

export function disposeAll(map: StepScalars): void {
  for (const t of Object.values(map)) t?.dispose();
}

export interface PendingStep {
  step: number;
  epoch: number;
  noiseSigma: number;
  lrScale: number;
  /** DEVICE_METRICS in order; owned by the buffer once pushed. */
  values: tf.Tensor1D;
}

export class PendingMetrics {
  private steps: PendingStep[] = [];

  push(step: PendingStep): void {
    this.steps.push(step);
  }

  get length(): number {
    return this.steps.length;
  }

  /** Reads every pending step's metrics back in one transfer and empties the buffer. */
  async flush(): Promise<StepMetrics[]> {
    const pending = this.steps;
    this.steps = [];
    if (pending.length === 0) return [];
    const stacked = tf.stack(pending.map((p) => p.values));
    pending.forEach((p) => p.values.dispose());
    const data = await stacked.data();
    stacked.dispose();
    const width = DEVICE_METRICS.length;
    return pending.map((p, r) => {
      const row = { step: p.step, epoch: p.epoch, noiseSigma: p.noiseSigma, lrScale: p.lrScale } as StepMetrics;
      DEVICE_METRICS.forEach((k, c) => (row[k] = data[r * width + c]));
      return row;
    });
  }

  /** Drops the pending steps unread (a rollback, or the end of the run). */
  clear(): void {
    this.steps.forEach((p) => p.values.dispose());
    this.steps = [];
  }
}
