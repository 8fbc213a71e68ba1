/**
 * The Export menu's worker side: the generator as a zipped TF.js Layers model, and the timelapse
 * GIF. Bytes go back in one transferable `exportFile` event; the UI makes the download.
 */
import { worded } from './wording';
import { exportGenerator } from '../core/export/generatorExport';
import { WEIGHTS_FILE } from '../core/export/layersModel';
import { encodeTimelapse } from '../core/export/timelapse';
import { storedZip } from '../core/export/zipStore';
import { buildNetwork } from '../core/models/network';
import type { Trainer } from '../core/train/trainer';
import type { Command, ExportKind, WorkerEvent, Wording } from './protocol';

type Post = (ev: WorkerEvent) => void;
// Variable names are global in TF.js: each copy gets its own.
let copies = 0;

export const MODEL_README = `A GAN Playground generator in the TF.js Layers format.

  const model = await tf.loadLayersModel('generator/model.json');
  const z = tf.randomNormal([16, latentDim], 0, latentStd);   // see model.json's userDefinedMetadata
  const images = model.predict(z);                             // tanh output in [-1, 1]

To Keras:
  tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras generator/model.json generator.h5
`;

export const CONDITIONAL_MODEL_README = `A GAN Playground class-conditional generator in the TF.js Layers format.
It takes two inputs: z and the class number (model.json's userDefinedMetadata lists classNames).

  const model = await tf.loadLayersModel('generator/model.json');
  const z = tf.randomNormal([16, latentDim], 0, latentStd);   // see model.json's userDefinedMetadata
  const classIndex = tf.fill([16, 1], 3);                      // class 3 for all 16, shape [batch, 1]
  const images = model.predict([z, classIndex]);               // tanh output in [-1, 1]

Mix classes in a batch freely: BatchNorm uses fixed statistics (of a uniform class mix).

To Keras:
  tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras generator/model.json generator.h5
`;

export function createExportCommands(post: Post) {
  const progress = (kind: ExportKind, fraction: number, wording: { message: string } & Wording) => post({ type: 'exportProgress', kind, fraction, ...wording });
  const failed = (kind: ExportKind, e: unknown) =>
    post({
      type: 'error',
      code: 'export-failed',
      source: kind === 'model' ? 'exportModel' : 'encodeTimelapse',
      ...(kind === 'model'
        ? worded('modelExportFailed', { detail: (e as Error).message }, `Model export failed: ${(e as Error).message}`)
        : worded('timelapseFailed', { detail: (e as Error).message }, `Timelapse export failed: ${(e as Error).message}`)),
    });

  /**
   * Copies the sampling generator (G_ema when kept) first (synchronously, between training slices), so training may go on while
   * the population statistics are estimated on the copy.
   */
  async function exportModel(t: Trainer): Promise<void> {
    // The sampler's own layer list: a conditional G's starts with its class embedding.
    const spec = t.sampler.layers.map((l) => l.info.spec);
    const copy = buildNetwork(`export${++copies}`, spec, t.sampler.inShape, (shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)));
    copy.variables.forEach((v, i) => v.assign(t.sampler.variables[i]));
    const step = t.step;
    try {
      const estimating = worded('estimatingBatchNorm', {}, 'Estimating BatchNorm statistics from noise…');
      progress('model', 0, estimating);
      const files = await exportGenerator({ config: t.config, generator: copy, step, classNames: t.dataset.info.classNames }, (f) =>
        progress('model', f, f < 1 ? estimating : worded('packingModel', {}, 'Packing the model…')),
      );
      const enc = new TextEncoder();
      const bytes = storedZip([
        { name: 'generator/model.json', bytes: enc.encode(files.modelJson) },
        { name: `generator/${WEIGHTS_FILE}`, bytes: files.weights },
        { name: 'generator/README.txt', bytes: enc.encode(t.config.conditional ? CONDITIONAL_MODEL_README : MODEL_README) },
      ]);
      post({ type: 'exportFile', kind: 'model', step, mime: 'application/zip', bytes });
    } catch (e) {
      failed('model', e);
    } finally {
      copy.dispose();
    }
  }

  function timelapse(cmd: Extract<Command, { type: 'encodeTimelapse' }>, step: number): void {
    try {
      const n = cmd.frames.length;
      progress('timelapse', 0, worded('encodingFrames', { n }, `Encoding ${n} frames…`));
      const bytes = encodeTimelapse(cmd.frames, {
        scale: cmd.scale,
        onProgress: (f) => progress('timelapse', f, worded('encodingFrame', { i: Math.round(f * n), n }, `Encoding frame ${Math.round(f * n)} of ${n}…`)),
      });
      post({ type: 'exportFile', kind: 'timelapse', step, mime: 'image/gif', bytes });
    } catch (e) {
      failed('timelapse', e);
    }
  }

  return { exportModel, timelapse };
}
