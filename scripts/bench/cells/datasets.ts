/** Which config and which data each benched model trains on: real ring8, shape-true stand-ins for images. */
import { PENALTIES_OFF, type ModelId, type TrainConfig } from '../../../src/core/config';
import { makeArrayDataset } from '../../../src/core/data/arrayDataset';
import { getDatasetSource } from '../../../src/core/data/registry';
import type { Dataset } from '../../../src/core/data/types';
import { Random } from '../../../src/core/random';
import { resolveConfig } from '../../../src/core/runConfig';
import type { BenchHost } from './host';

/** The dataset whose shape each benched model trains on (models added later are not benched). */
const DATASET_FOR: Partial<Record<ModelId, string>> = {
  dcgan32: 'emoji',
  'dcgan32-small': 'emoji',
  dcgan28: 'mnist',
  'dcgan28-small': 'mnist',
  mlp2d: 'ring8',
};

export const MODEL_ORDER: ModelId[] = ['mlp2d', 'dcgan28-small', 'dcgan32-small', 'dcgan28', 'dcgan32'];

function datasetIdFor(model: ModelId): string {
  const id = DATASET_FOR[model];
  if (!id) throw new Error(`the bench has no dataset for model ${model}`);
  return id;
}

export { PENALTIES_OFF };

/** The dataset's recommended config (loss, D steps …) at this batch size, penalties off, unconditional (the plain loop has no classes; the stand-in no labels). */
export function configFor(model: ModelId, batchSize: number, seed = 1): TrainConfig {
  const r = resolveConfig({ dataset: datasetIdFor(model), model, batchSize, seed, conditional: false, ...PENALTIES_OFF }, (id) => getDatasetSource(id)?.info);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

/**
 * A stand-in with the real dataset's shape and metadata: speed depends on shapes, not pixels, so
 * the bench needs no 50 MB of assets. Values are uniform in [-1, 1].
 */
export function syntheticDataset(datasetId: string, count = 512, seed = 7): Dataset {
  const info = { ...getDatasetSource(datasetId)!.info, count };
  const dim = info.shape.reduce((a, b) => a * b, 1);
  const rng = new Random(seed);
  const data = new Float32Array(count * dim);
  for (let i = 0; i < data.length; i++) data[i] = rng.next() * 2 - 1;
  return makeArrayDataset(info, data);
}

export async function datasetFor(model: ModelId, host: BenchHost): Promise<Dataset> {
  const id = datasetIdFor(model);
  // ring8 is generated (no asset): use the real one.
  if (id === 'ring8') return getDatasetSource(id)!.load({ seed: 1, readAsset: host.readAsset });
  return syntheticDataset(id);
}
