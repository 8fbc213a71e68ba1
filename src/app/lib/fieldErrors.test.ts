import { afterEach, describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../core/config';
import { CONFIG_FIELDS, checkField } from '../../core/config';
import { i18n } from '../i18n/i18n';
import { fieldErrorText } from './fieldErrors';

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
