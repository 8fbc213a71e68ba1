/** The CLI's `--out DIR/generator/`: the generator as a TF.js Layers model (model.json + weights.bin). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportGenerator, type ExportableRun } from '../../src/core/export/generatorExport';
import { WEIGHTS_FILE } from '../../src/core/export/layersModel';

export async function writeGeneratorModel(out: string, run: ExportableRun): Promise<string> {
  const dir = join(out, 'generator');
  mkdirSync(dir, { recursive: true });
  const files = await exportGenerator(run);
  writeFileSync(join(dir, 'model.json'), files.modelJson);
  writeFileSync(join(dir, WEIGHTS_FILE), files.weights);
  return dir;
}
