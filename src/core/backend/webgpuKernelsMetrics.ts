/**
 * The layer-by-layer fused step's metrics vector in one dispatch (docs/kernels.md). The charted
 * values are left unreduced by the updates (a `MetricSource`: the tensor and how to reduce it) and
 * this kernel reduces them all and writes the DEVICE_METRICS vector, where TF.js took a report
 * kernel and a slice per value, a Mean and a Neg for G's hinge loss, a gradient-norm kernel per
 * update and the stack (Pack) of the scalars. One workgroup; the metrics one after another.
 */
import * as tf from '@tensorflow/tfjs';
import { DEVICE_METRICS, type DeviceMetric } from './deviceMetrics';
import { grid, i32, runFused, type FusedProgram } from './webgpuKernels';

/**
 * How a charted value comes from its tensor:
 * - `at`: the value at `index` (a scalar: index 0);
 * - `negMean`: −mean (the hinge and Wasserstein G loss);
 * - `norm`: √Σ x² (a gradient norm with no L1/L2 term);
 * - `hingeD`, `meanReal`, `meanFake`: on 2·n stacked outputs (real rows first), the hinge D loss
 *   mean(relu(1 − real)) + mean(relu(1 + fake)), mean D(real), mean D(fake).
 */
export type MetricKind = 'at' | 'negMean' | 'norm' | 'hingeD' | 'meanReal' | 'meanFake';

export interface MetricSource {
  kind: MetricKind;
  tensor: tf.Tensor;
  index?: number;
}

export type StepSources = Partial<Record<DeviceMetric, MetricSource>>;

/** Storage buffers a program may bind besides its output (flattenAll's limit too: docs/ARCHITECTURE.md). */
export const MAX_METRIC_INPUTS = 6;

const THREADS = 256;

/** A reduction of input `s` into result[i]: `term` of `y` (the value at `k`) summed over `count` values from `from`, then `final` of the sum `t`. */
function reduction(i: number, s: number, from: string, count: string, term: string, final: string): string {
  return `{
          var acc = 0.0;
          for (var k = ${from} + lane; k < ${from} + ${count}; k = k + ${THREADS}) { let y = S${s}[k]; acc = acc + ${term}; }
          partial[lane] = acc;
          workgroupBarrier();
          for (var stride = ${THREADS / 2}; stride > 0; stride = stride / 2) {
            if (lane < stride) { partial[lane] = partial[lane] + partial[lane + stride]; }
            workgroupBarrier();
          }
          let t = partial[0];
          if (lane == 0) { result[${i}] = ${final}; }
          workgroupBarrier();
        }`;
}

/** Metric i's WGSL: input `s`, its size or index in uniform `m{i}`. */
function metricCode(i: number, kind: MetricKind, s: number): string {
  const u = `uniforms.m${i}`;
  switch (kind) {
    case 'at':
      return `if (lane == 0) { result[${i}] = S${s}[${u}]; }`;
    case 'negMean':
      return reduction(i, s, '0', u, 'y', `-(t / f32(${u}))`);
    case 'norm':
      return reduction(i, s, '0', u, 'y * y', 'sqrt(t)');
    case 'hingeD': {
      // losses.ts's value: the two means added (mean(relu(1 − real)) + mean(relu(1 + fake))).
      const real = reduction(i, s, '0', u, 'max(1.0 - y, 0.0)', 't / f32(n)');
      const fake = reduction(i, s, u, u, 'max(1.0 + y, 0.0)', `result[${i}] + t / f32(n)`);
      return `{ let n = ${u}; ${real} ${fake} }`;
    }
    case 'meanReal':
      return reduction(i, s, '0', u, 'y', `t / f32(${u})`);
    case 'meanFake':
      return reduction(i, s, u, u, 'y', `t / f32(${u})`);
  }
}

interface Plan {
  inputs: tf.Tensor[];
  /** Per DEVICE_METRICS entry: its kind and input, or null (0). */
  slots: ({ kind: MetricKind; input: number; uniform: number } | null)[];
}

function plan(sources: StepSources): Plan | null {
  const inputs: tf.Tensor[] = [];
  const slots = DEVICE_METRICS.map((key) => {
    const src = sources[key];
    if (!src) return null;
    let input = inputs.indexOf(src.tensor);
    if (input < 0) input = inputs.push(src.tensor) - 1;
    const stacked = src.kind === 'hingeD' || src.kind === 'meanReal' || src.kind === 'meanFake';
    const uniform = src.kind === 'at' ? (src.index ?? 0) : stacked ? src.tensor.size / 2 : src.tensor.size;
    return { kind: src.kind, input, uniform };
  });
  return inputs.length > 0 && inputs.length <= MAX_METRIC_INPUTS ? { inputs, slots } : null;
}

function metricsProgram(p: Plan): FusedProgram {
  const used = p.slots.map((s, i) => (s ? i : -1)).filter((i) => i >= 0);
  const key = p.slots.map((s) => (s ? `${s.kind}${s.input}` : '_')).join('.');
  return {
    variableNames: p.inputs.map((_, s) => `S${s}`),
    outputShape: [DEVICE_METRICS.length],
    shaderKey: `ganStepMetrics_${key}`,
    ...grid(1, THREADS),
    uniforms: used.map((i) => `m${i} : i32,`).join(' '),
    getUserCode: () => `
      var<workgroup> partial : array<f32, ${THREADS}>;
      fn main(index : i32) {
        let lane = i32(localIndex);
        ${p.slots.map((s, i) => (s ? metricCode(i, s.kind, s.input) : `if (lane == 0) { result[${i}] = 0.0; }`)).join('\n        ')}
      }`,
  };
}

/**
 * The DEVICE_METRICS vector from `sources` (absent metrics 0) in one dispatch, or null when they
 * bind more than MAX_METRIC_INPUTS tensors (or none).
 */
export function metricsFromSources(sources: StepSources): tf.Tensor1D | null {
  const p = plan(sources);
  if (!p) return null;
  const uniforms = p.slots.filter((s): s is NonNullable<typeof s> => s !== null).map((s) => i32(s.uniform));
  return runFused(metricsProgram(p), p.inputs, uniforms) as tf.Tensor1D;
}

/** One source's value with TF.js ops (when the sources do not fit one dispatch). */
export function sourceValue(src: MetricSource): tf.Scalar {
  return tf.tidy(() => {
    const x = tf.reshape(src.tensor, [-1]);
    const half = x.size / 2;
    switch (src.kind) {
      case 'at':
        return tf.reshape(tf.slice(x, src.index ?? 0, 1), []) as tf.Scalar;
      case 'negMean':
        return tf.neg(tf.mean(x)) as tf.Scalar;
      case 'norm':
        return tf.sqrt(tf.sum(tf.square(x))) as tf.Scalar;
      case 'hingeD':
        return tf.add(tf.mean(tf.relu(tf.sub(1, tf.slice(x, 0, half)))), tf.mean(tf.relu(tf.add(1, tf.slice(x, half, half))))) as tf.Scalar;
      case 'meanReal':
        return tf.mean(tf.slice(x, 0, half)) as tf.Scalar;
      case 'meanFake':
        return tf.mean(tf.slice(x, half, half)) as tf.Scalar;
    }
  });
}
