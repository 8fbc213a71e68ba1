/**
 * Loads an exported generator's two files (model.json and its weights) the way any TF.js app
 * would: a custom IOHandler over the bytes, then `tf.loadLayersModel`.
 */
import * as tf from '@tensorflow/tfjs';
import type { GeneratorExport } from '../export/generatorExport';

export function loadExported(files: GeneratorExport): Promise<tf.LayersModel> {
  const json = JSON.parse(files.modelJson);
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: files.weights.slice().buffer,
      userDefinedMetadata: json.userDefinedMetadata,
    }),
  };
  return tf.loadLayersModel(handler);
}
