import { describe, expect, it } from 'vitest';
import { datasetInfos, getDatasetSource } from './data/registry';
import { GPU_MIN_BATCH, resolveConfig } from './runConfig';

const lookup = (id: string) => getDatasetSource(id)?.info;

describe('resolveConfig', () => {
  it("starts from the dataset's recommended settings, sized to the machine", () => {
    const cpu = resolveConfig({ dataset: 'mnist' }, lookup);
    const gpu = resolveConfig({ dataset: 'mnist' }, lookup, undefined, true);
    expect(cpu.ok && cpu.value.model).toBe('resize28-small');
    expect(gpu.ok && gpu.value.model).toBe('resize28');
    const emoji = resolveConfig({ dataset: 'emoji' }, lookup, undefined, true);
    expect(emoji.ok && emoji.value.model).toBe('resize32');
    // An explicit choice wins on any machine.
    const forced = resolveConfig({ dataset: 'mnist', model: 'dcgan28-small' }, lookup, undefined, true);
    expect(forced.ok && forced.value.model).toBe('dcgan28-small');
  });

  it("gives a GPU at least batch 32 where the CPU preset takes less (Fashion-MNIST's 16), unless asked", () => {
    const cpu = resolveConfig({ dataset: 'fashion-mnist' }, lookup);
    const gpu = resolveConfig({ dataset: 'fashion-mnist' }, lookup, undefined, true);
    expect(cpu.ok && [cpu.value.model, cpu.value.batchSize]).toEqual(['resize28-small', 16]);
    expect(gpu.ok && [gpu.value.model, gpu.value.batchSize]).toEqual(['resize28', GPU_MIN_BATCH]);
    const asked = resolveConfig({ dataset: 'fashion-mnist', batchSize: 8 }, lookup, undefined, true);
    expect(asked.ok && asked.value.batchSize).toBe(8);
    const emoji = resolveConfig({ dataset: 'emoji' }, lookup, undefined, true);
    expect(emoji.ok && emoji.value.batchSize).toBe(32);
  });

  it('keeps the current settings while the dataset stays, and takes new defaults when it changes', () => {
    const first = resolveConfig({ dataset: 'ring8', lrG: 0.002 }, lookup);
    if (!first.ok) throw new Error('bad');
    const same = resolveConfig({ seed: 5 }, lookup, first.value);
    expect(same.ok && same.value.lrG).toBe(0.002);
    const other = resolveConfig({ dataset: 'mnist' }, lookup, first.value);
    expect(other.ok && other.value.lrG).toBe(getDatasetSource('mnist')!.info.recommended.lrG);
  });

  it('names unknown datasets and models that do not fit', () => {
    const unknown = resolveConfig({ dataset: 'cifar' }, lookup);
    expect(!unknown.ok && unknown.errors[0].message).toMatch(/dataset must be a known dataset id; got "cifar"/);
    const misfit = resolveConfig({ dataset: 'ring8', model: 'dcgan32' }, lookup);
    expect(!misfit.ok && misfit.errors[0]).toMatchObject({ field: 'model', message: expect.stringMatching(/models that fit: mlp2d/) });
  });

  it('every dataset resolves with no overrides', () => {
    for (const info of datasetInfos()) expect(resolveConfig({ dataset: info.id }, lookup).ok, info.id).toBe(true);
  });
});
