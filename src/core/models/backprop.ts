/**
 * A network's forward pass with its backward pass written by hand, without TF.js's tape. The tape
 * clones every tensor it saves (an Identity kernel each), differentiates layer by layer through
 * unfused ops and sums broadcast gradients with extra Reshape/Sum kernels; on wasm and cpu a small
 * network's step is mostly that per-kernel overhead. Here a dense or conv layer followed by ReLU or
 * LeakyReLU is one fused kernel (matMul/conv + bias + activation), and each backward step is the
 * gradient TF.js's own gradient functions compute, op for op:
 *
 * - dense: dW = xᵀ·dy, db = Σ_batch dy, dx = dy·Wᵀ (the MatMul and Add gradients);
 * - ReLU / LeakyReLU: dy ⊙ step(y, α) — y > 0 exactly where the pre-activation is (α > 0), and
 *   dy·1 or dy·α is what the Relu/LeakyRelu gradients' select or mask produce;
 * - conv: Conv2DBackpropFilter / Conv2DBackpropInput; convT (= Conv2DBackpropInput) the reverse;
 * - upsample (nearest neighbour): ResizeNearestNeighborGrad, each input pixel's gradient the sum
 *   over the pixels it was copied to;
 * - tanh: dy ⊙ (1 − y²); dropout: dy ⊙ the mask multiplier of the forward pass (the same
 *   floor(u + keep)/keep tf.dropout draws from the same seed); reshape/flatten: a reshape;
 * - BatchNorm (batch statistics): dγ = Σ dy·x̂, dβ = Σ dy,
 *   dx = (dy·γ − mean(dy·γ) − x̂·mean(dy·γ·x̂)) / √(var + ε), the closed form of the gradient the
 *   tape takes through tf.moments; embedConcat, projection: classEmbedding.ts, projectionHead.ts;
 *   minibatch standard deviation: minibatchStd.ts.
 *
 * Only first derivatives: R1 and WGAN-GP differentiate D's input gradient again; the trainer
 * keeps the tape for those (see Trainer.tapeFree). Spectral normalisation passes its normalised
 * kernels in (ForwardOptions.kernel) and takes their gradients on through σ(W) itself. Tested against tf.grad layer type by layer type in backprop.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON, labelsFor, type BuiltLayer, type Network } from './network';
import { embedConcat, embedConcatBackward } from './classEmbedding';
import { projectionBackward, projectionForward } from './projectionHead';
import { mbstdBackward, mbstdForward } from './minibatchStd';
import { wasmFusedMatMulTakesRank2 } from './fusedMatMulRank2';
import { stepKernels, type GradientMask } from '../backend/stepKernels';
import { freshParam, paramRef, type ParamRef } from '../backend/packedParams';

type Act = { alpha: number } | null;

/** What one layer keeps for its backward pass. */
interface Saved {
  layer: BuiltLayer;
  input: tf.Tensor;
  output: tf.Tensor;
  /** A ReLU/LeakyReLU to differentiate here: fused into this dense/conv layer, or this layer. */
  act: Act;
  /** What its mask is a step of: the fused layer's output (same sign as its pre-activation), or the activation's input. */
  maskSource: tf.Tensor | null;
  /** Dropout's multiplier; BatchNorm's x̂ and 1/√(var + ε)… */
  extra: tf.Tensor[];
  /** The kernel the forward pass used (the variable, or what ForwardOptions.kernel made of it). */
  kernel?: tf.Tensor;
  /** Run by a backend's fused kernels (stepKernels.ts): `extra` then holds what they need instead. */
  fused?: boolean;
  /** A fused BatchNorm's γ where its kernels read it (packedParams.ts: maybe an optimizer's packed state). */
  gamma?: ParamRef;
}

export interface Trace {
  saved: Saved[];
}

export interface ForwardOptions {
  /**
   * The dropout seed of each consecutive slice of the batch: one seed gives tf.dropout's masks
   * (`dropoutSeed + 7919·k` for the k-th dropout layer, as Network.apply draws them); several
   * slices get their own masks, so a real and a fake batch passed as one concatenated batch get
   * the masks two separate passes would.
   */
  dropoutSeeds?: number[];
  /**
   * Replaces a kernel by a tensor computed from it (spectral normalization's W/σ(W)). The
   * backward pass then returns gradients with respect to that tensor, and the input gradient goes
   * through it; the caller takes a kernel's gradient on through the replacement
   * (SpectralNorm.kernelGradient).
   */
  kernel?: (variable: tf.Variable) => tf.Tensor;
  /** A conditional network's classes, one-hot [n, classes] (for a concatenated batch, concatenated too). */
  labels?: tf.Tensor;
}

/** A new layer type must get its backward pass here too (a type error until it does). */
function unsupported(spec: never): never {
  throw new Error(`tape-free pass: no backward for layer ${JSON.stringify(spec)}`);
}

/** ReLU and LeakyReLU as the slope left of 0 (fusable, and their gradient is a step mask). */
function activationOf(layer: BuiltLayer | undefined): Act {
  const spec = layer?.info.spec;
  if (spec?.type === 'relu') return { alpha: 0 };
  // α ≤ 0 would make the output's sign differ from the pre-activation's; never fuse it.
  if (spec?.type === 'leakyrelu' && spec.alpha > 0) return { alpha: spec.alpha };
  return null;
}

const fusedActivation = (act: Act): { activation: 'linear' | 'relu' | 'leakyrelu'; leakyreluAlpha?: number } =>
  act === null ? { activation: 'linear' } : act.alpha === 0 ? { activation: 'relu' } : { activation: 'leakyrelu', leakyreluAlpha: act.alpha };

/** Whether a batch of examples can pass as one concatenation (no layer mixes examples: no BatchNorm, no minibatch stddev). */
export function isPerExample(net: Network): boolean {
  return net.layers.every((l) => l.info.spec.type !== 'batchnorm' && l.info.spec.type !== 'mbstd');
}

/** The same draws as tf.dropout(x, rate, undefined, seed): U[0, 1) from each slice's seed. */
function dropoutDraws(shape: number[], seeds: number[], k: number): tf.Tensor[] {
  const slice = [shape[0] / seeds.length, ...shape.slice(1)];
  return seeds.map((s) => tf.randomUniform(slice, 0, 1, 'float32', s + 7919 * k));
}

/** tf.dropout's multiplier floor(u + keep) / keep from the draws. */
function dropoutMultiplier(shape: number[], rate: number, seeds: number[], k: number): tf.Tensor {
  const keep = 1 - rate;
  const us = dropoutDraws(shape, seeds, k);
  const u = us.length === 1 ? us[0] : tf.concat(us);
  return tf.div(tf.floor(tf.add(u, keep)), keep);
}

/**
 * x·W + b, activated, as one kernel. `tf.fused.matMul` reshapes both inputs to rank 3 and the
 * output back (three Reshape kernels a layer); every backend's kernel takes rank 2 itself (wasm's
 * through wasmKernels.ts), so it runs directly where it can. Not differentiable by the tape:
 * only for the tape-free pass.
 */
function dense(x: tf.Tensor, w: tf.Tensor, bias: tf.Tensor | undefined, act: Act): tf.Tensor {
  const fused = fusedActivation(act);
  if (tf.getBackend() === 'wasm' && !wasmFusedMatMulTakesRank2()) return tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias, ...fused });
  const inputs: tf.NamedTensorMap = bias ? { a: x, b: w, bias } : { a: x, b: w };
  return tf.engine().runKernel('_FusedMatMul', inputs, {
    transposeA: false,
    transposeB: false,
    activation: fused.activation,
    leakyreluAlpha: fused.leakyreluAlpha ?? 0.2,
  }) as tf.Tensor;
}

/**
 * D(x) or G(z) in training mode; with `trace`, what the backward pass needs is recorded (the
 * tensors belong to the caller's tidy scope).
 */
export function forward(net: Network, x: tf.Tensor, options: ForwardOptions = {}, trace?: Trace): tf.Tensor {
  let h = x;
  let dropoutCount = 0;
  const layers = net.layers;
  // A backend's fused kernels (stepKernels.ts): BatchNorm and the activation after it in two dispatches.
  const kernels = stepKernels();
  /** Whether the last BatchNorm applied the activation after it (a fused kernel did). */
  let normTookActivation = false;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const { spec, outShape } = layer.info;
    const [variable, b] = layer.vars;
    const w: tf.Tensor | undefined =
      variable && options.kernel && (spec.type === 'dense' || spec.type === 'conv' || spec.type === 'projection') ? options.kernel(variable) : variable;
    const input = h;
    let act: Act = null;
    let fused = false;
    let gamma: ParamRef | undefined;
    const extra: tf.Tensor[] = [];
    switch (spec.type) {
      case 'dense':
        act = activationOf(layers[i + 1]);
        h = dense(h, w, b, act);
        break;
      case 'conv':
        act = activationOf(layers[i + 1]);
        h = tf.fused.conv2d({ x: h as tf.Tensor4D, filter: w as tf.Tensor4D, strides: spec.stride, pad: 'same', bias: b, ...fusedActivation(act) });
        break;
      case 'convT': {
        const [oh, ow, oc] = outShape;
        h = tf.conv2dTranspose(h as tf.Tensor4D, w as tf.Tensor4D, [h.shape[0], oh, ow, oc], spec.stride, 'same');
        if (b) h = tf.add(h, b);
        break;
      }
      case 'constant':
        h = tf.mul(tf.ones([h.shape[0], 1]), tf.reshape(w, [1, -1]));
        break;
      case 'reshape':
        h = tf.reshape(h, [-1, ...spec.shape]);
        break;
      case 'flatten':
        h = tf.reshape(h, [-1, outShape[0]]);
        break;
      case 'batchnorm': {
        // Not under replaced kernels (spectral norm): its [dγ | dβ] block would shift the
        // per-variable gradient list that SpectralNorm.kernelGradient is mapped over.
        if (kernels && !options.kernel) {
          act = activationOf(layers[i + 1]);
          // γ and β where their newest values are: a fused Adam update may have left them in its packed state.
          gamma = paramRef(variable);
          const r = kernels.batchNormForward(h, gamma, paramRef(b), BN_EPSILON, act);
          h = r.output;
          extra.push(r.stats);
          fused = true;
          normTookActivation = act !== null;
          break;
        }
        normTookActivation = false;
        // Network.apply's batchNorm (tf.moments, then (x − μ)/√(var + ε)·γ + β) with x − μ made
        // once and no Cast/Reshape: tf.moments' own ops, the same values, 3 kernels fewer.
        const axes = h.rank === 4 ? [0, 1, 2] : [0];
        const centred = tf.sub(h, tf.mean(h, axes, true));
        const variance = tf.mean(tf.square(centred), axes, true);
        const sd = tf.sqrt(tf.add(variance, BN_EPSILON));
        const xhat = tf.div(centred, sd);
        h = tf.add(tf.mul(xhat, freshParam(variable)), freshParam(b));
        extra.push(xhat, sd);
        break;
      }
      case 'leakyrelu':
      case 'relu': {
        const prev = layers[i - 1]?.info.spec.type;
        const fused = (prev === 'dense' || prev === 'conv' || (prev === 'batchnorm' && normTookActivation)) && activationOf(layer) !== null;
        if (fused) continue; // applied by the layer before; its record holds the mask source
        h = spec.type === 'relu' ? tf.relu(h) : tf.leakyRelu(h, spec.alpha);
        act = { alpha: spec.type === 'relu' ? 0 : spec.alpha };
        trace?.saved.push({ layer, input, output: h, act, maskSource: input, extra });
        continue;
      }
      case 'upsample':
        h = tf.image.resizeNearestNeighbor(h as tf.Tensor4D, [outShape[0], outShape[1]]);
        break;
      case 'tanh':
        h = tf.tanh(h);
        break;
      case 'dropout':
        if (spec.rate > 0 && kernels?.dropoutSlices((options.dropoutSeeds ?? [0]).length)) {
          extra.push(...dropoutDraws(h.shape, options.dropoutSeeds ?? [0], dropoutCount));
          h = kernels.dropoutForward(h, extra, 1 - spec.rate);
          fused = true;
        } else if (spec.rate > 0) {
          const mult = dropoutMultiplier(h.shape, spec.rate, options.dropoutSeeds ?? [0], dropoutCount);
          h = tf.mul(h, mult);
          extra.push(mult);
        }
        dropoutCount++;
        break;
      case 'mbstd': {
        const m = mbstdForward(h, spec.group);
        extra.push(m.centred, m.sd);
        h = m.out;
        break;
      }
      case 'embedConcat':
        extra.push(labelsFor(options.labels, spec.type));
        h = embedConcat(h, w, extra[0]);
        break;
      case 'projection': {
        extra.push(labelsFor(options.labels, spec.type));
        const p = projectionForward(h, dense(h, w, b, null), layer.vars[2], extra[0]);
        extra.push(p.rows);
        h = p.out;
        break;
      }
      default:
        unsupported(spec);
    }
    trace?.saved.push({ layer, input, output: h, act, maskSource: act ? h : null, extra, kernel: w, fused, ...(gamma ? { gamma } : {}) });
  }
  return h;
}

/** A traced record's ReLU/LeakyReLU mask, or null. */
function maskOf(r: Saved): GradientMask | null {
  return r.act && r.maskSource ? { source: r.maskSource, alpha: r.act.alpha } : null;
}

export interface Gradients {
  /**
   * One per variable, in `net.variables` order, shaped as the variable; null unless asked for.
   * With a backend's fused kernels (stepKernels() not null) a dense layer's W and b come as one
   * [in + 1, out] block instead: `flattenAll` of the list is the same flat gradient either way.
   */
  params: tf.Tensor[] | null;
  /** ∂/∂x; null unless asked for. */
  input: tf.Tensor | null;
}

/** Backpropagates `dy` (∂loss/∂output) through the traced pass. */
export function backward(trace: Trace, dy: tf.Tensor, want: { params: boolean; input: boolean }): Gradients {
  const perLayer: tf.Tensor[][] = [];
  let g = dy;
  const saved = trace.saved;
  // A backend's fused kernels (stepKernels.ts): a dense layer's backward in two dispatches, masks
  // folded in. Its param gradient is then one [dW; db] block (see Gradients.params).
  const kernels = stepKernels();
  /** Whether g already carries this record's mask (folded into the layer above's input gradient). */
  let masked = false;
  for (let i = saved.length - 1; i >= 0; i--) {
    const { layer, input, output, act, maskSource, extra, kernel, fused, gamma } = saved[i];
    const { spec } = layer.info;
    const w = kernel ?? layer.vars[0];
    const needInput = i > 0 || want.input;
    const grads: tf.Tensor[] = [];
    // A replaced kernel (spectral norm's W/σ) needs its own dW for the chain rule through σ: unfused.
    const fusedDense = kernels !== null && spec.type === 'dense' && (kernel === undefined || kernel === layer.vars[0]);
    const fusedNorm = kernels !== null && spec.type === 'batchnorm' && fused === true;
    const premasked = masked;
    masked = false;
    if (act && maskSource && !premasked && !fusedDense && !fusedNorm) g = tf.mul(g, tf.step(maskSource, act.alpha));
    switch (spec.type) {
      case 'dense':
        if (fusedDense) {
          const below = needInput && i > 0 ? maskOf(saved[i - 1]) : null;
          const mask = premasked ? null : maskOf(saved[i]);
          const r = kernels.denseBackward({
            input,
            dy: g,
            weight: w,
            hasBias: Boolean(layer.vars[1]),
            mask,
            maskBelow: below,
            wantParams: want.params,
            wantInput: needInput,
          });
          if (r.params) grads.push(r.params);
          if (r.input) [g, masked] = [r.input, below !== null];
          break;
        }
        if (want.params) {
          grads.push(tf.matMul(input as tf.Tensor2D, g as tf.Tensor2D, true, false));
          if (layer.vars[1]) grads.push(tf.sum(g, 0));
        }
        if (needInput) g = tf.matMul(g as tf.Tensor2D, w as tf.Tensor2D, false, true);
        break;
      case 'conv': {
        const strides = spec.stride;
        if (want.params) {
          grads.push(
            tf.engine().runKernel('Conv2DBackpropFilter', { x: input, dy: g }, { strides, pad: 'same', dataFormat: 'NHWC', filterShape: w.shape }) as tf.Tensor,
          );
          if (layer.vars[1]) grads.push(kernels ? kernels.channelSum(g) : tf.sum(g, [0, 1, 2]));
        }
        if (needInput) g = tf.conv2dTranspose(g as tf.Tensor4D, w as tf.Tensor4D, input.shape as [number, number, number, number], strides, 'same');
        break;
      }
      case 'convT': {
        const strides = spec.stride;
        if (want.params) {
          // convT(x) = Conv2DBackpropInput(x, W): its filter gradient takes the output gradient as "x".
          grads.push(
            tf.engine().runKernel('Conv2DBackpropFilter', { x: g, dy: input }, { strides, pad: 'same', dataFormat: 'NHWC', filterShape: w.shape }) as tf.Tensor,
          );
          if (layer.vars[1]) grads.push(kernels ? kernels.channelSum(g) : tf.sum(g, [0, 1, 2]));
        }
        if (needInput) g = tf.conv2d(g as tf.Tensor4D, w as tf.Tensor4D, strides, 'same');
        break;
      }
      case 'constant':
        if (want.params) grads.push(tf.reshape(tf.sum(g, 0), w.shape));
        if (needInput) g = tf.zerosLike(input);
        break;
      case 'reshape':
      case 'flatten':
        g = tf.reshape(g, input.shape);
        break;
      case 'batchnorm': {
        if (fusedNorm) {
          const r = kernels.batchNormBackward({
            dy: g,
            input,
            stats: extra[0],
            gamma: gamma ?? { tensor: w, offset: 0 },
            mask: premasked ? null : maskOf(saved[i]),
            wantInput: needInput,
          });
          if (want.params) grads.push(r.params); // [dγ | dβ]: flattens to dγ then dβ
          if (r.input) g = r.input;
          break;
        }
        const [xhat, sd] = extra;
        const axes = g.rank === 4 ? [0, 1, 2] : [0];
        if (want.params) grads.push(tf.sum(tf.mul(g, xhat), axes), tf.sum(g, axes));
        if (needInput) {
          const dxhat = tf.mul(g, w);
          const centred = tf.sub(tf.sub(dxhat, tf.mean(dxhat, axes)), tf.mul(xhat, tf.mean(tf.mul(dxhat, xhat), axes)));
          g = tf.div(centred, sd);
        }
        break;
      }
      case 'upsample':
        g = tf.engine().runKernel('ResizeNearestNeighborGrad', { images: input, dy: g }, { alignCorners: false, halfPixelCenters: false }) as tf.Tensor;
        break;
      case 'tanh':
        g = kernels ? kernels.tanhBackward(g, output) : tf.mul(tf.sub(1, tf.square(output)), g);
        break;
      case 'dropout':
        if (kernels && fused && spec.type === 'dropout') {
          // The layer below's mask too (it then skips it), as the dense input gradient does.
          const below = i > 0 ? maskOf(saved[i - 1]) : null;
          g = kernels.dropoutBackward(g, extra, 1 - spec.rate, below);
          masked = below !== null;
        } else if (extra[0]) g = tf.mul(g, extra[0]);
        break;
      case 'leakyrelu':
      case 'relu':
        break; // the mask was applied above
      case 'mbstd':
        g = mbstdBackward(g, extra[0], extra[1]);
        break;
      case 'embedConcat':
      case 'projection': {
        const wants = { params: want.params, input: needInput };
        const r =
          spec.type === 'embedConcat' ? embedConcatBackward(g, extra[0], input.shape[1]!, wants) : projectionBackward(g, input, w, extra[1], extra[0], wants);
        grads.push(...(r.params ?? []));
        g = r.input ?? g;
        break;
      }
      default:
        unsupported(spec);
    }
    perLayer.push(grads);
  }
  return { params: want.params ? perLayer.reverse().flat() : null, input: want.input ? g : null };
}
