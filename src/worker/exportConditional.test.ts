/**
 * The Export menu's model for a conditional run (worker side): a [z, classIndex] Layers model naming
 * its classes, with a README that says how to call it. The numbers are checked in
 * src/core/export/conditionalExport.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../core/backend/backend';
import type { DatasetSource } from '../core/data/types';
import { readStoredZip } from '../core/export/zipStore';
import { labelledImageDataset } from '../core/testing/fixtures';
import { cpuSession } from './testing/cpuSession';

beforeAll(async () => {
  // wasm under the cpu session's name: the export's 4,096-sample BatchNorm pass through a conv G takes minutes on cpu.
  await selectBackend('wasm');
});

const labelled = labelledImageDataset([28, 28, 1], 3, 24);
const source: DatasetSource = {
  info: { ...labelled.info, id: 'labelled', recommended: { model: 'resize28-small', batchSize: 6, latentDim: 8 } },
  load: async () => labelled,
};

describe('exportModel on a conditional run', () => {
  it('answers with a [z, classIndex] model naming its classes, and a README that says how to call it', async () => {
    const h = cpuSession([source]);
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    await h.session.handle({ type: 'step', count: 1 });
    await h.session.handle({ type: 'exportModel' });
    expect(h.of('error')).toEqual([]);
    const entries = readStoredZip(h.of('exportFile')[0].bytes);
    const text = (name: string) => new TextDecoder().decode(entries.find((e) => e.name === name)!.bytes);
    const json = JSON.parse(text('generator/model.json'));
    expect(json.modelTopology.config.input_layers.map((l: unknown[]) => l[0])).toEqual(['z', 'class_index']);
    expect(json.userDefinedMetadata).toMatchObject({ classes: 3, classNames: ['0', '1', '2'], step: 1 });
    expect(text('generator/README.txt')).toContain('model.predict([z, classIndex])');
  });
});
