import { afterEach, describe, expect, it } from 'vitest';
import { DATASET_SOURCES } from '../../core/data/registry';
import { ARCHITECTURES } from '../../core/models/specs';
import { i18n } from '../i18n/i18n';
import { datasetName, modelLabel } from './displayNames';

afterEach(() => i18n.changeLanguage('en'));

describe('display names', () => {
  it('are core’s own names in English, for every built-in dataset and model', () => {
    for (const s of DATASET_SOURCES) expect(datasetName(s.info), s.info.id).toBe(s.info.name);
    for (const m of Object.values(ARCHITECTURES)) expect(modelLabel(m), m.id).toBe(m.label);
  });
  it('are translated by id in Chinese; an unknown id keeps the worker’s name', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(datasetName({ id: 'ring8', name: '8 Gaussians on a ring' })).toBe('环形排列的 8 个高斯分布');
    expect(modelLabel({ id: 'mlp2d', label: 'MLP for 2-D points' })).toBe('用于二维点的 MLP');
    expect(datasetName({ id: 'upload', name: 'Your images (12)' })).toBe('Your images (12)');
    for (const s of DATASET_SOURCES) expect(datasetName(s.info), s.info.id).toMatch(/[\u4e00-\u9fff]|MNIST/);
  });
});
