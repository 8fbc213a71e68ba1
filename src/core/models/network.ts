/**
 * Builds a network from its LayerSpec list with plain tf.Variables and ops (no tf.layers): the
 * trainer needs exact control of which variables each tape differentiates, of the dropout seed at
 * every step (tf.layers' Dropout reuses one seed, giving the same mask every step) and of what the
 * weight penalties cover.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerShapeInfo, LayerSpec, Shape } from './specs';
import { inferLayers } from './specs';
import { embedConcat } from './classEmbedding';
import { projectionForward } from './projectionHead';
import { mbstdForward } from './minibatchStd';

/** The labels a conditional layer needs, or why they are missing. */
export function labelsFor(labels: tf.Tensor | undefined, layer: string): tf.Tensor {
  if (!labels) throw new Error(`${layer} layer: a conditional network needs the batch's class labels`);
  return labels;
}

export interface Param {
  name: string;
  variable: tf.Variable;
  /**
   * Weight penalties cover kernels only. Biases and BatchNorm's gamma/beta are not penalised: they
   * hold no input-to-output weights (L1/L2 exist to shrink or sparsify those), and pulling BN's
   * gamma to 0 would just scale activations away without simplifying the model.
   */
  penalized: boolean;
}

export interface ApplyOptions {
  training: boolean;
  /** Seed for this call's dropout masks; a new one each step keeps runs reproducible. */
  dropoutSeed?: number;
  /**
   * Gradient penalties (R1, WGAN-GP) differentiate D's input-gradient again. TF.js's LeakyRelu and
   * Relu gradients go through `greater`, which has no gradient, so those activations are then
   * written with |x| (whose gradient, `step`, has one).
   */
  twiceDifferentiable?: boolean;
  /** Replaces a kernel by a tensor computed from it (spectral normalization). */
  kernel?: (variable: tf.Variable) => tf.Tensor;
  /**
   * Inference with population statistics: the i-th BatchNorm layer normalises with `bnStats[i]`
   * instead of its batch's moments (what an exported model does; see src/core/export/).
   */
  bnStats?: BatchNormStats[];
  /** A conditional network's classes, one-hot [n, classes] (embedConcat and projection layers need them). */
  labels?: tf.Tensor;
  /** Called with each BatchNorm layer's batch moments (to estimate population statistics). */
  onBatchMoments?: (index: number, mean: tf.Tensor, variance: tf.Tensor) => void;
}

/** Per-channel mean and variance that one BatchNorm layer normalises with. */
export interface BatchNormStats {
  mean: Float32Array;
  variance: Float32Array;
}

/** max(x, αx) = ½(1+α)x + ½(1−α)|x|, built from ops that TF.js can differentiate twice. */
function leakyReluViaAbs(x: tf.Tensor, alpha: number): tf.Tensor {
  return tf.add(tf.mul(0.5 * (1 + alpha), x), tf.mul(0.5 * (1 - alpha), tf.abs(x)));
}

/** One layer as built: its inferred shapes and its variables (for the tape-free pass, backprop.ts). */
export interface BuiltLayer {
  info: LayerShapeInfo;
  vars: tf.Variable[];
}

export interface Network {
  params: Param[];
  variables: tf.Variable[];
  layers: BuiltLayer[];
  inShape: Shape;
  outShape: Shape;
  apply(x: tf.Tensor, options: ApplyOptions): tf.Tensor;
  dispose(): void;
}

export type InitFn = (shape: number[], fanIn: number, fanOut: number) => Float32Array;

export const BN_EPSILON = 1e-3;

/**
 * BatchNorm always normalises with the statistics of the batch it is given, in training and when
 * sampling from the fixed noise batch. That keeps sampling deterministic per weights without
 * running averages that lag behind a fast-changing generator.
 */
function batchNorm(x: tf.Tensor, gamma: tf.Variable, beta: tf.Variable, index: number, options: ApplyOptions): tf.Tensor {
  const fixed = options.bnStats?.[index];
  let mean: tf.Tensor;
  let variance: tf.Tensor;
  if (fixed) {
    mean = tf.tensor1d(fixed.mean);
    variance = tf.tensor1d(fixed.variance);
  } else {
    const axes = x.rank === 4 ? [0, 1, 2] : [0];
    ({ mean, variance } = tf.moments(x, axes));
    options.onBatchMoments?.(index, mean, variance);
  }
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, BN_EPSILON))), gamma), beta);
}

export function buildNetwork(name: string, layers: LayerSpec[], inShape: Shape, init: InitFn): Network {
  const infos = inferLayers(layers, inShape);
  const params: Param[] = [];
  const perLayer: tf.Variable[][] = infos.map((info) =>
    info.params.map((p) => {
      const fixed = 'init' in info.spec ? info.spec.init : undefined;
      const isGamma = p.name.endsWith('/gamma');
      const isZero = p.name.endsWith('/bias') || p.name.endsWith('/beta');
      const size = p.shape.reduce((a, b) => a * b, 1);
      let values: Float32Array;
      if (fixed !== undefined && !p.name.endsWith('/bias')) values = new Float32Array(size).fill(fixed);
      else if (isGamma) values = new Float32Array(size).fill(1);
      else if (isZero) values = new Float32Array(size);
      else {
        const [fanIn, fanOut] = fans(info.spec, p.shape);
        values = init(p.shape, fanIn, fanOut);
      }
      // tidy: the initial tensor would outlive the variable's dispose (42 tensors per reset of the 2-D MLP).
      const variable = tf.tidy(() => tf.variable(tf.tensor(values, p.shape), true, `${name}/${p.name}`));
      params.push({ name: `${name}/${p.name}`, variable, penalized: p.penalized });
      return variable;
    }),
  );

  function apply(x: tf.Tensor, options: ApplyOptions): tf.Tensor {
    let h = x;
    const kernelOf = (v: tf.Variable): tf.Tensor => (options.kernel ? options.kernel(v) : v);
    let dropoutCount = 0;
    let bnCount = 0;
    infos.forEach((info, i) => {
      const spec = info.spec;
      const vars = perLayer[i];
      switch (spec.type) {
        case 'dense':
          h = tf.matMul(h as tf.Tensor2D, kernelOf(vars[0]) as tf.Tensor2D);
          if (vars[1]) h = tf.add(h, vars[1]);
          break;
        case 'constant':
          h = tf.mul(tf.ones([h.shape[0], 1]), tf.reshape(vars[0], [1, -1]));
          break;
        case 'reshape':
          h = tf.reshape(h, [-1, ...spec.shape]);
          break;
        case 'flatten':
          h = tf.reshape(h, [-1, info.outShape[0]]);
          break;
        case 'batchnorm':
          h = batchNorm(h, vars[0], vars[1], bnCount++, options);
          break;
        case 'leakyrelu':
          h = options.twiceDifferentiable ? leakyReluViaAbs(h, spec.alpha) : tf.leakyRelu(h, spec.alpha);
          break;
        case 'relu':
          h = options.twiceDifferentiable ? leakyReluViaAbs(h, 0) : tf.relu(h);
          break;
        case 'tanh':
          h = tf.tanh(h);
          break;
        case 'conv':
          h = tf.conv2d(h as tf.Tensor4D, kernelOf(vars[0]) as tf.Tensor4D, spec.stride, 'same');
          if (vars[1]) h = tf.add(h, vars[1]);
          break;
        case 'convT': {
          const batch = h.shape[0];
          const [oh, ow, oc] = info.outShape;
          h = tf.conv2dTranspose(h as tf.Tensor4D, kernelOf(vars[0]) as tf.Tensor4D, [batch, oh, ow, oc], spec.stride, 'same');
          if (vars[1]) h = tf.add(h, vars[1]);
          break;
        }
        case 'upsample':
          h = tf.image.resizeNearestNeighbor(h as tf.Tensor4D, [info.outShape[0], info.outShape[1]]);
          break;
        case 'dropout':
          if (options.training && spec.rate > 0) {
            const seed = options.dropoutSeed === undefined ? undefined : options.dropoutSeed + 7919 * dropoutCount;
            h = tf.dropout(h, spec.rate, undefined, seed);
          }
          dropoutCount++;
          break;
        case 'mbstd':
          h = mbstdForward(h, spec.group).out;
          break;
        case 'embedConcat':
          h = embedConcat(h, vars[0], labelsFor(options.labels, spec.type));
          break;
        case 'projection': {
          const logit = tf.add(tf.matMul(h as tf.Tensor2D, kernelOf(vars[0]) as tf.Tensor2D), vars[1]);
          h = projectionForward(h, logit, vars[2], labelsFor(options.labels, spec.type)).out;
          break;
        }
      }
    });
    return h;
  }

  const variables = params.map((p) => p.variable);
  return {
    params,
    variables,
    layers: infos.map((info, i) => ({ info, vars: perLayer[i] })),
    inShape,
    outShape: infos[infos.length - 1].outShape,
    apply,
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

function fans(spec: LayerSpec, shape: number[]): [number, number] {
  // Embedding tables ([classes, width]) are Glorot-initialised like a dense kernel of that shape.
  if (spec.type === 'dense' || spec.type === 'embedConcat' || spec.type === 'projection') return [shape[0], shape[1]];
  const [kh, kw, a, b] = shape;
  // conv2d filters are [k, k, in, out]; conv2dTranspose filters are [k, k, out, in].
  return spec.type === 'convT' ? [kh * kw * b, kh * kw * a] : [kh * kw * a, kh * kw * b];
}
