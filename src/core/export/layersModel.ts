/**
 * The generator as a TF.js Layers model (a Sequential mirroring its LayerSpec list), so any TF.js
 * app can `tf.loadLayersModel` it and tensorflowjs_converter can turn it into Keras. BatchNorm
 * layers carry the population statistics given; the constant layer (Dirac-GAN) becomes a Dense
 * with a zero kernel whose bias is the constant.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../models/specs';
import { inferLayers } from '../models/specs';
import { BN_EPSILON, type BatchNormStats } from '../models/network';

/** A layer's weights in TF.js order (kernel, bias / gamma, beta, moving mean, moving variance). */
type LayerWeights = tf.Tensor[];

/**
 * Builds the Sequential and sets its weights. `params` are the network's parameter values in
 * creation order (the order of `inferLayers`' params); `stats` one entry per BatchNorm layer.
 */
export function buildLayersModel(spec: LayerSpec[], latentDim: number, params: Float32Array[], stats: BatchNormStats[]): tf.Sequential {
  const infos = inferLayers(spec, [latentDim]);
  const model = tf.sequential({ name: 'generator' });
  const pending: [tf.layers.Layer, LayerWeights][] = [];
  let p = 0;
  let bn = 0;
  const take = (shape: number[]) => {
    if (p >= params.length) throw new Error(`the generator has fewer parameters than its spec (${params.length})`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (params[p].length !== size) throw new Error(`parameter ${p} has ${params[p].length} values, the spec says [${shape.join(', ')}]`);
    return tf.tensor(params[p++], shape);
  };
  infos.forEach((info, i) => {
    const l = info.spec;
    const name = `${l.type.toLowerCase()}_${i}`;
    const first = i === 0 ? { inputShape: info.inShape } : {};
    let layer: tf.layers.Layer;
    let weights: () => LayerWeights = () => [];
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
        const s = stats[bn++];
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
      case 'projection':
        // A Sequential has one input; a conditional generator takes the class too.
        throw new Error('a conditional generator cannot be exported as a one-input Layers model yet');
    }
    model.add(layer);
    pending.push([layer, weights()]);
  });
  if (p !== params.length) throw new Error(`the generator has ${params.length} parameters, its spec ${p}`);
  for (const [layer, w] of pending) {
    if (w.length) layer.setWeights(w);
    w.forEach((t) => t.dispose());
  }
  return model;
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
