import { describe, expect, it } from 'vitest';
import { browserLanguage, chooseLanguage, matchLanguage } from './languages';

describe('matchLanguage', () => {
  it('serves every Chinese tag with Simplified Chinese and every English tag with English', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'ZH-cn', 'zh-TW', 'zh_SG']) expect(matchLanguage(tag)).toBe('zh-CN');
    for (const tag of ['en', 'en-US', 'en-GB', 'EN']) expect(matchLanguage(tag)).toBe('en');
  });
  it('has no catalogue for other languages or junk', () => {
    for (const tag of ['fr', 'de-DE', 'zhx', 'e', '', null, undefined]) expect(matchLanguage(tag)).toBeNull();
  });
});

describe('browserLanguage', () => {
  it('takes the first of navigator.languages that has a catalogue', () => {
    expect(browserLanguage(['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
    expect(browserLanguage(['de', 'en-US', 'zh'])).toBe('en');
  });
  it('falls back to English', () => {
    expect(browserLanguage(['fr', 'ja'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });
});

describe('chooseLanguage', () => {
  it('lets the link fix the language, over the remembered choice and the browser', () => {
    expect(chooseLanguage('zh-CN', 'en', ['en'])).toEqual({ lang: 'zh-CN', fromLink: true, badParam: null });
    expect(chooseLanguage('EN', 'zh-CN', ['zh'])).toEqual({ lang: 'en', fromLink: true, badParam: null });
  });
  it('without a link language, the remembered choice beats the browser', () => {
    expect(chooseLanguage(null, 'zh-CN', ['en-US'])).toEqual({ lang: 'zh-CN', fromLink: false, badParam: null });
    expect(chooseLanguage(null, null, ['zh-TW', 'en'])).toEqual({ lang: 'zh-CN', fromLink: false, badParam: null });
  });
  it('reports an unknown link language and falls back to the browser', () => {
    expect(chooseLanguage('klingon', null, ['zh-CN'])).toEqual({ lang: 'zh-CN', fromLink: false, badParam: 'klingon' });
    // A link must name a catalogue exactly: "zh" is a browser tag, not a link value.
    expect(chooseLanguage('zh', null, ['en'])).toEqual({ lang: 'en', fromLink: false, badParam: 'zh' });
  });
});
