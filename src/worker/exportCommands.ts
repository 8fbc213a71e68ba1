/**
 * The Export menu's worker side: the generator as a zipped TF.js Layers model, and the timelapse
 * GIF. Bytes go back in one transferable `exportFile` event; the UI makes the download.
 */
import { exportGenerator } from '../core/export/generatorExport';
import { WEIGHTS_FILE } from '../core/export/layersModel';
import { encodeTimelapse } from '../core/export/timelapse';
import { storedZip } from '../core/export/zipStore';
import { buildNetwork } from '../core/models/network';
import { ARCHITECTURES } from '../core/models/specs';
import type { Trainer } from '../core/train/trainer';
import type { Command, ExportKind, WorkerEvent } from './protocol';

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

export function createExportCommands(post: Post) {
  const progress = (kind: ExportKind, fraction: number, message: string) => post({ type: 'exportProgress', kind, fraction, message });
  const failed = (kind: ExportKind, e: unknown) =>
    post({
      type: 'error',
      code: 'export-failed',
      source: kind === 'model' ? 'exportModel' : 'encodeTimelapse',
      message: `${kind === 'model' ? 'Model' : 'Timelapse'} export failed: ${(e as Error).message}`,
    });

  /**
   * Copies the sampling generator (G_ema when kept) first (synchronously, between training slices), so training may go on while
   * the population statistics are estimated on the copy.
   */
  async function exportModel(t: Trainer): Promise<void> {
    const spec = ARCHITECTURES[t.config.model].generator;
    const copy = buildNetwork(`export${++copies}`, spec, [t.config.latentDim], (shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)));
    copy.variables.forEach((v, i) => v.assign(t.sampler.variables[i]));
    const step = t.step;
    try {
      progress('model', 0, 'Estimating BatchNorm statistics from noise…');
      const files = await exportGenerator({ config: t.config, generator: copy, step }, (f) =>
        progress('model', f, f < 1 ? 'Estimating BatchNorm statistics from noise…' : 'Packing the model…'),
      );
      const enc = new TextEncoder();
      const bytes = storedZip([
        { name: 'generator/model.json', bytes: enc.encode(files.modelJson) },
        { name: `generator/${WEIGHTS_FILE}`, bytes: files.weights },
        { name: 'generator/README.txt', bytes: enc.encode(MODEL_README) },
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
      progress('timelapse', 0, `Encoding ${cmd.frames.length} frames…`);
      const bytes = encodeTimelapse(cmd.frames, {
        scale: cmd.scale,
        onProgress: (f) => progress('timelapse', f, `Encoding frame ${Math.round(f * cmd.frames.length)} of ${cmd.frames.length}…`),
      });
      post({ type: 'exportFile', kind: 'timelapse', step, mime: 'image/gif', bytes });
    } catch (e) {
      failed('timelapse', e);
    }
  }

  return { exportModel, timelapse };
}
