/** Error events in the page's language: keys, schema errors from their problem, a frame around the rest. */
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig, type FieldError } from '../../core/config';
import type { WorkerEvent } from '../../worker/protocol';
import { i18n } from '../i18n/i18n';
import { errorText } from './errors';

afterEach(() => i18n.changeLanguage('en'));

type ErrorEvent = Extract<WorkerEvent, { type: 'error' }>;
const fieldErrors = (validateConfig({ lrG: 5, bogus: 1 }) as { errors: FieldError[] }).errors;
const badConfig: ErrorEvent = { type: 'error', code: 'bad-config', source: 'init', message: fieldErrors.map((e) => e.message).join('; '), fieldErrors };
const outOfOrder: ErrorEvent = { type: 'error', code: 'not-ready', source: 'step', message: 'step: send init first' };
const badMessage: ErrorEvent = { type: 'error', code: 'bad-message', source: 'message', message: 'unknown message type "explode"' };
const internal: ErrorEvent = { type: 'error', code: 'internal', source: 'training', message: 'Out of memory' };

describe('errorText', () => {
  it('is the worker’s English in English', () => {
    for (const ev of [badConfig, outOfOrder, badMessage, internal]) expect(errorText(ev)).toBe(ev.message);
  });

  it('is Chinese in Chinese: schema errors worded, a developer’s message inside a translated frame', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(errorText(badConfig)).toBe('没有名为“bogus”的设置项；lrG 必须在 [1e-6, 1] 范围内；收到的是 5');
    expect(errorText(outOfOrder)).toBe('内部错误（以下为英文技术信息）：step: send init first');
    expect(errorText(badMessage)).toBe('内部错误（以下为英文技术信息）：unknown message type "explode"');
    expect(errorText(internal)).toBe('错误详情（英文原文）：Out of memory');
    // A worded error is its catalogue message.
    expect(errorText({ ...internal, key: 'buildFailed', values: { detail: 'x' } })).not.toMatch(/Could not/);
  });
});
