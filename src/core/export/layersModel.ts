/**
 * The generator as a TF.js Layers model (a Sequential mirroring its LayerSpec list; a conditional
 * generator a two-input functional model, [z, classIndex]), so any TF.js app can
 * `tf.loadLayersModel` it and tensorflowjs_converter can turn it into Keras. BatchNorm
 * layers carry the population statistics given; the constant layer (Dirac-GAN) becomes a Dense
 * with a zero kernel whose bias is the constant.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../models/specs';
import { inferLayers, type LayerShapeInfo } from '../models/specs';
import { BN_EPSILON, type BatchNormStats } from '../models/network';

/** A layer's weights in TF.js order (kernel, bias / gamma, beta, moving mean, moving variance). */
type LayerWeights = tf.Tensor[];

/** A tf.layers layer for one spec, with a thunk that takes its weights from the parameter stream. */
interface PendingLayer {
  layer: tf.layers.Layer;
  weights: () => LayerWeights;
}

/**
 * Builds the model and sets its weights. `params` are the network's parameter values in creation
 * order (the order of `inferLayers`' params); `stats` one entry per BatchNorm layer. An
 * unconditional spec becomes a Sequential taking z; a conditional one (an `embedConcat` first
 * layer) a functional model taking [z, classIndex] (see `conditionalInput`).
 */
export function buildLayersModel(spec: LayerSpec[], latentDim: number, params: Float32Array[], stats: BatchNormStats[]): tf.LayersModel {
  const infos = inferLayers(spec, [latentDim]);
  let p = 0;
  let bn = 0;
  const take = (shape: number[]) => {
    if (p >= params.length) throw new Error(`the generator has fewer parameters than its spec (${params.length})`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (params[p].length !== size) throw new Error(`parameter ${p} has ${params[p].length} values, the spec says [${shape.join(', ')}]`);
    return tf.tensor(params[p++], shape);
  };
  const nextStats = () => stats[bn++];
  const conditional = infos[0]?.spec.type === 'embedConcat';
  const pending: PendingLayer[] = [];
  let model: tf.LayersModel;
  if (conditional) {
    const input = conditionalInput(infos[0], latentDim, take);
    pending.push(...input.pending);
    let h = input.output;
    infos.slice(1).forEach((info, j) => {
      const made = layerFor(info, j + 1, {}, take, nextStats);
      h = made.layer.apply(h) as tf.SymbolicTensor;
      pending.push(made);
    });
    model = tf.model({ name: 'generator', inputs: input.inputs, outputs: h });
  } else {
    const seq = tf.sequential({ name: 'generator' });
    infos.forEach((info, i) => {
      const made = layerFor(info, i, i === 0 ? { inputShape: info.inShape } : {}, take, nextStats);
      seq.add(made.layer);
      pending.push(made);
    });
    model = seq;
  }
  // Weights in spec order, after every layer is built (the functional graph builds them on apply).
  const weights = pending.map((l) => l.weights());
  if (p !== params.length) throw new Error(`the generator has ${params.length} parameters, its spec ${p}`);
  pending.forEach(({ layer }, i) => {
    if (weights[i].length) layer.setWeights(weights[i]);
    weights[i].forEach((t) => t.dispose());
  });
  return model;
}

/**
 * A conditional G's input: z and the class index (shape [batch, 1], float or int) → an Embedding
 * holding G's class table, flattened and concatenated after z. That is `embedConcat`'s
 * [z | onehot(y)·E] with the lookup written as a gather, which picks the same row exactly.
 */
function conditionalInput(
  info: LayerShapeInfo,
  latentDim: number,
  take: (shape: number[]) => tf.Tensor,
): { inputs: tf.SymbolicTensor[]; output: tf.SymbolicTensor; pending: PendingLayer[] } {
  if (info.spec.type !== 'embedConcat') throw new Error('a conditional generator starts with its class embedding');
  const { classes, dim } = info.spec;
  const z = tf.input({ shape: [latentDim], name: 'z' });
  const classIndex = tf.input({ shape: [1], name: 'class_index' });
  const embedding = tf.layers.embedding({ name: 'class_embedding', inputDim: classes, outputDim: dim, inputLength: 1 });
  const flat = tf.layers.flatten({ name: 'class_embedding_flat' });
  const concat = tf.layers.concatenate({ name: 'z_and_class', axis: -1 });
  const output = concat.apply([z, flat.apply(embedding.apply(classIndex)) as tf.SymbolicTensor]) as tf.SymbolicTensor;
  return { inputs: [z, classIndex], output, pending: [{ layer: embedding, weights: () => [take([classes, dim])] }] };
}

function layerFor(
  info: LayerShapeInfo,
  i: number,
  first: { inputShape?: number[] },
  take: (shape: number[]) => tf.Tensor,
  nextStats: () => BatchNormStats | undefined,
): PendingLayer {
  const l = info.spec;
  const name = `${l.type.toLowerCase()}_${i}`;
  let weights: () => LayerWeights = () => [];
  let layer: tf.layers.Layer;
  switch (l.type) {
    case 'dense':
      layer = tf.layers.dense({ ...first, name, units: l.units, useBias: l.bias !== false });
      weights = () => info.params.map((q) => take(q.shape));
      break;
    case 'constant':
      layer = tf.layers.dense({ ...first, name, units: l.units, useBias: true });
      weights = () => [tf.zeros([info.inShape[0], l.units]), take([l.units])];
      break;
    case 'reshape':
      layer = tf.layers.reshape({ ...first, name, targetShape: l.shape });
      break;
    case 'flatten':
      layer = tf.layers.flatten({ ...first, name });
      break;
    case 'batchnorm': {
      const s = nextStats();
      const c = info.inShape[info.inShape.length - 1];
      if (!s || s.mean.length !== c || s.variance.length !== c) throw new Error(`BatchNorm layer ${i} needs population statistics for ${c} channels`);
      layer = tf.layers.batchNormalization({ ...first, name, axis: -1, epsilon: BN_EPSILON });
      weights = () => [take([c]), take([c]), tf.tensor1d(s.mean), tf.tensor1d(s.variance)];
      break;
    }
    case 'leakyrelu':
      layer = tf.layers.leakyReLU({ ...first, name, alpha: l.alpha });
      break;
    case 'relu':
    case 'tanh':
      layer = tf.layers.activation({ ...first, name, activation: l.type });
      break;
    case 'conv':
    case 'convT': {
      const args = { ...first, name, filters: l.filters, kernelSize: l.kernel, strides: l.stride, padding: 'same' as const, useBias: l.bias !== false };
      layer = l.type === 'conv' ? tf.layers.conv2d(args) : tf.layers.conv2dTranspose(args);
      weights = () => info.params.map((q) => take(q.shape));
      break;
    }
    case 'upsample':
      layer = tf.layers.upSampling2d({ ...first, name, size: [l.factor, l.factor], interpolation: 'nearest' });
      break;
    case 'dropout':
      layer = tf.layers.dropout({ ...first, name, rate: l.rate });
      break;
    case 'embedConcat':
      throw new Error(`layer ${i}: a class embedding is only supported as a generator's first layer`);
    case 'mbstd':
      throw new Error(`layer ${i}: minibatch standard deviation belongs to a discriminator, not a generator`);
    case 'projection':
      throw new Error(`layer ${i}: a projection head belongs to a discriminator, not a generator`);
  }
  return { layer, weights };
}

export interface LayersModelFiles {
  /** model.json: topology, weights manifest (pointing at weights.bin) and metadata. */
  modelJson: string;
  /** weights.bin: every weight as little-endian float32, in manifest order. */
  weights: Uint8Array;
}

export const WEIGHTS_FILE = 'weights.bin';

/** Serialises a model to the two files of the TF.js Layers format. */
export async function layersModelFiles(model: tf.LayersModel, metadata: Record<string, unknown> = {}): Promise<LayersModelFiles> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = artifacts as tf.io.ModelArtifacts | null;
  if (!a || !a.weightSpecs || a.weightData === undefined) throw new Error('the model could not be serialised');
  const weights = new Uint8Array(tf.io.concatenateArrayBuffers(a.weightData as ArrayBuffer | ArrayBuffer[]));
  const json = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version['tfjs-layers']} (GAN Playground)`,
    convertedBy: null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: a.weightSpecs }],
    userDefinedMetadata: metadata,
  };
  return { modelJson: JSON.stringify(json), weights };
}
