/**
 * The averaged generator (G_ema): an exponential moving average of G's weights, kept beside Adam
 * as one flat vector and updated with one lerp per step. Averaging smooths out the last steps'
 * oscillation of G around what D currently rewards, so its samples are cleaner than raw G's
 * (Karras et al. 2018; Yazıcı et al. 2019).
 *
 * Schedule as in StyleGAN2-ADA (`ema_kimg`, `ema_rampup`): the average's half-life is `emaKimg`
 * thousand images, capped early on at EMA_RAMPUP × the images G has been trained on, so the first
 * steps' random weights are forgotten quickly.
 */
import * as tf from '@tensorflow/tfjs';
import { buildNetwork, type Network } from '../models/network';
import type { LayerSpec, Shape } from '../models/specs';
import { flattenAll } from './regularizers';
import { stepKernels } from '../backend/stepKernels';

/** StyleGAN2-ADA's default ramp: the half-life is at most 5% of the images seen so far. */
export const EMA_RAMPUP = 0.05;

/**
 * β of the step that brings G's images seen to `imagesSeen`: G_ema ← β·G_ema + (1 − β)·G.
 * 0.5^(batch / half-life), half-life = min(emaKimg·1000, EMA_RAMPUP·imagesSeen).
 */
export function emaBeta(batchSize: number, imagesSeen: number, emaKimg: number): number {
  const halfLife = Math.min(emaKimg * 1000, EMA_RAMPUP * imagesSeen);
  return Math.pow(0.5, batchSize / Math.max(halfLife, 1e-8));
}

export class GeneratorEma {
  /** A network of G's architecture whose variables hold the average (written when read). */
  private readonly shadow: Network;
  private readonly avg: tf.Variable;
  /** Whether `shadow` holds `avg` (the lerp writes only the flat vector). */
  private synced = false;

  constructor(name: string, spec: LayerSpec[], inShape: Shape, source: Network) {
    this.shadow = buildNetwork(name, spec, inShape, (shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)));
    this.avg = tf.tidy(() => tf.variable(flattenAll(source.variables), false, `${name}/flat`));
    this.reset(source);
  }

  /** Starts the average from `source`'s weights (a new run, EMA just switched on, a run saved without one). */
  reset(source: Network): void {
    tf.tidy(() => this.avg.assign(flattenAll(source.variables)));
    this.synced = false;
  }

  /**
   * G_ema ← G + β·(G_ema − G): one lerp over the flat vector. With `packed` (G's Adam state
   * `[w | …]`, current) on a backend with fused kernels, one dispatch from its weights instead of
   * flattening the variables.
   */
  update(source: Network, beta: number, packed?: () => tf.Tensor): void {
    const kernels = packed ? stepKernels() : null;
    tf.tidy(() => {
      if (kernels && packed) {
        this.avg.assign(kernels.emaLerp(this.avg, packed(), beta));
        return;
      }
      const g = flattenAll(source.variables);
      this.avg.assign(tf.add(g, tf.mul(tf.sub(this.avg, g), beta)));
    });
    this.synced = false;
  }

  /** The averaged generator, its variables brought up to date. */
  network(): Network {
    if (!this.synced) {
      tf.tidy(() => {
        let offset = 0;
        for (const v of this.shadow.variables) {
          v.assign(tf.reshape(tf.slice(this.avg, offset, v.size), v.shape));
          offset += v.size;
        }
      });
      this.synced = true;
    }
    return this.shadow;
  }

  /** Sets the average from per-variable values in G's variable order (a restored snapshot). */
  write(values: Float32Array[]): void {
    tf.tidy(() => {
      this.shadow.variables.forEach((v, i) => v.assign(tf.tensor(values[i], v.shape)));
      this.avg.assign(flattenAll(this.shadow.variables));
    });
    this.synced = true;
  }

  dispose(): void {
    this.shadow.dispose();
    this.avg.dispose();
  }
}
