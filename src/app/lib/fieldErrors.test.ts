import { afterEach, describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../core/config';
import { CONFIG_FIELDS, checkField, validateConfig, validateLiveHyperparams, type FieldError } from '../../core/config';
import { datasetInfos } from '../../core/data/registry';
import { resolveConfig } from '../../core/runConfig';
import { i18n } from '../i18n/i18n';
import { configErrorText, configErrorsText, fieldErrorText } from './fieldErrors';

afterEach(() => i18n.changeLanguage('en'));

/** A few values each field's check refuses. */
const BAD: unknown[] = [-1, 1e12, 0.5, NaN, 'nope', '', 'UPPER case!'];

describe('field errors', () => {
  it('say in English exactly what core/config.ts says, for every field and refused value', () => {
    let checked = 0;
    for (const field of Object.keys(CONFIG_FIELDS) as (keyof TrainConfig)[]) {
      for (const value of BAD) {
        const err = checkField(field, value);
        if (!err) continue;
        expect(fieldErrorText(field, value, err.message), `${field} = ${String(value)}`).toBe(err.message);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
  it('are worded in Chinese; an error that is not the field’s range check keeps its English', async () => {
    await i18n.changeLanguage('zh-CN');
    const lrG = checkField('lrG', 5)!;
    expect(fieldErrorText('lrG', 5, lrG.message)).toBe('lrG 必须在 [1e-6, 1] 范围内；收到的是 5');
    const l2D = checkField('l2D', -1)!;
    expect(fieldErrorText('l2D', -1, l2D.message)).toMatch(/^l2D 必须为 0 或在 \[.+\] 范围内；收到的是 -1$/);
    const batch = checkField('batchSize', 0.5)!;
    expect(fieldErrorText('batchSize', 0.5, batch.message)).toMatch(/，且为整数；收到的是 0\.5$/);
    expect(fieldErrorText('loss', 'x', checkField('loss', 'x')!.message)).toMatch(/^loss 只能取 .+ 之一；收到的是 "x"$/);
    expect(fieldErrorText('conditional', 'yes', checkField('conditional', 'yes')!.message)).toBe('conditional 必须是 true 或 false；收到的是 "yes"');
    expect(fieldErrorText('lrG', 5, 'something else')).toBe('something else');
    expect(fieldErrorText('(config)', 5, 'config must be an object')).toBe('config must be an object');
  });
});

/** Uploaded images without class folders (src/worker/imageUploads.ts): an image set with no class names. */
const FLAT_UPLOAD = { ...datasetInfos().find((i) => i.id === 'mnist')!, id: 'upload', classNames: undefined, recommended: { model: 'dcgan28-small' as const } };
const lookup = (id: string) => (id === 'upload' ? FLAT_UPLOAD : datasetInfos().find((i) => i.id === id));
const errorsOf = (v: { ok: true } | { ok: false; errors: FieldError[] }): FieldError[] => (v.ok ? [] : v.errors);

/** One of each error the schema reports, as core words it. */
function everyKind(): FieldError[] {
  return [
    ...errorsOf(validateConfig({ lrG: 5, bogus: 1 })),
    ...errorsOf(validateConfig(5)),
    ...errorsOf(validateLiveHyperparams({ model: 'mlp2d' })),
    ...errorsOf(validateLiveHyperparams(null)),
    ...errorsOf(resolveConfig({ dataset: 'nope' }, lookup)),
    ...errorsOf(resolveConfig({ dataset: 'ring8', model: 'dcgan28' }, lookup)),
    ...errorsOf(resolveConfig({ dataset: 'ring8', conditional: true }, lookup)),
    ...errorsOf(resolveConfig({ dataset: 'upload', conditional: true }, lookup)),
  ];
}

describe('the schema’s other errors (worded from their problem)', () => {
  it('say in English exactly what core says, and every one has its problem as data', () => {
    const errors = everyKind();
    expect(errors.map((e) => e.problem?.kind)).toEqual([
      'unknown',
      'range',
      'notObject',
      'notLive',
      'notObject',
      'unknownDataset',
      'modelMismatch',
      'noLabels',
      'noUploadLabels',
    ]);
    for (const e of errors) expect(configErrorText(e), e.field).toBe(e.message);
    expect(configErrorsText(errors.slice(0, 2))).toBe(`${errors[0].message}; ${errors[1].message}`);
    // An error without a problem (an older worker) keeps its English.
    expect(configErrorText({ field: 'x', message: 'x is odd' })).toBe('x is odd');
  });

  it('are Chinese in Chinese; field names, ids and values stay as they are', async () => {
    const errors = everyKind();
    await i18n.changeLanguage('zh-CN');
    const text = errors.map(configErrorText);
    expect(text[0]).toBe('没有名为“bogus”的设置项');
    expect(text[1]).toBe('lrG 必须在 [1e-6, 1] 范围内；收到的是 5');
    expect(text[2]).toBe('config 必须是一个对象');
    expect(text[3]).toMatch(/^训练进行中不能修改 model（可以随时修改的是：lrG, lrD, /);
    expect(text[5]).toBe('dataset 必须是已有数据集的 id；收到的是 "nope"');
    expect(text[6]).toMatch(/^模型 dcgan28 生成的形状是 \[28, 28, 1\]，而 ring8 的形状是 \[2\]；适用的模型有：mlp2d/);
    expect(text[7]).toBe('按类别生成需要带标签的图像数据集（mnist, fashion-mnist, emoji）；这个数据集没有标签：ring8');
    expect(text[8]).toBe('按类别生成需要类别标签；这组图片没有标签：把每个类别的图片放进各自的子文件夹');
    expect(configErrorsText(errors.slice(0, 2))).toBe(`${text[0]}；${text[1]}`);
  });
});
