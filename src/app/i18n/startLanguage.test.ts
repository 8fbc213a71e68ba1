import { afterEach, describe, expect, it } from 'vitest';
import { i18n, formatNumber, t } from './i18n';
import { pickLanguage, startLanguage } from './startLanguage';
import { PREFS_KEY, readPrefs, usePrefs } from '../prefs';
import { useView } from '../viewStore';

const fakeDoc = () => ({ documentElement: { lang: '' } }) as unknown as Document;
const nav = (...languages: string[]) => ({ languages, language: languages[0] ?? '' });

afterEach(async () => {
  usePrefs.setState({ language: null });
  useView.setState({ lang: null });
  await i18n.changeLanguage('en');
});

describe('startLanguage', () => {
  it('follows navigator.languages and sets <html lang>', () => {
    const doc = fakeDoc();
    expect(startLanguage('', doc, nav('fr', 'zh-CN'))).toMatchObject({ lang: 'zh-CN', fromLink: false });
    expect(i18n.language).toBe('zh-CN');
    expect(doc.documentElement.lang).toBe('zh-CN');
    expect(t('language.label')).toBe('语言');
    expect(doc.title).toBe('GAN 游乐场');
  });
  it('lets lang= in the link fix the language over the browser and the remembered choice', () => {
    usePrefs.setState({ language: 'en' });
    const doc = fakeDoc();
    expect(startLanguage('?dataset=ring8&lang=zh-CN', doc, nav('en-US'))).toMatchObject({ lang: 'zh-CN', fromLink: true });
    expect(doc.documentElement.lang).toBe('zh-CN');
  });
  it('falls back to the browser for an unknown lang, and says which one was bad', () => {
    expect(startLanguage('?lang=xx', fakeDoc(), nav('zh-Hans'))).toEqual({ lang: 'zh-CN', fromLink: false, badParam: 'xx' });
  });
  it('uses the remembered choice when the link has none', () => {
    usePrefs.setState({ language: 'zh-CN' });
    expect(startLanguage('', fakeDoc(), nav('en')).lang).toBe('zh-CN');
  });
});

describe('pickLanguage', () => {
  it('switches live, moves <html lang>, and remembers the choice', () => {
    const doc = fakeDoc();
    startLanguage('', doc, nav('en'));
    pickLanguage('zh-CN');
    expect(i18n.language).toBe('zh-CN');
    expect(doc.documentElement.lang).toBe('zh-CN');
    expect(usePrefs.getState().language).toBe('zh-CN');
    expect(useView.getState().lang).toBeNull(); // no link language: the link stays without one
    expect(doc.title).toBe('GAN 游乐场');
    pickLanguage('en');
    expect(t('language.label')).toBe('Language');
    expect(doc.title).toBe('GAN Playground');
  });
  it('keeps a link-fixed language in the link, following the pick', () => {
    useView.setState({ lang: 'zh-CN' });
    pickLanguage('en');
    expect(useView.getState().lang).toBe('en');
  });
});

describe('remembered language (prefs)', () => {
  const fake = (value: string) => ({ getItem: (k: string) => (k === PREFS_KEY ? value : null) }) as unknown as Storage;
  it('reads a known language and drops anything else', () => {
    expect(readPrefs(fake('{"language":"zh-CN"}')).language).toBe('zh-CN');
    expect(readPrefs(fake('{"language":"fr"}')).language).toBeNull();
    expect(readPrefs(fake('{"language":3}')).language).toBeNull();
  });
});

describe('numbers and plurals', () => {
  it('formats numbers with Intl in the page language', async () => {
    expect(formatNumber(1234567.5)).toBe('1,234,567.5');
    await i18n.changeLanguage('zh-CN');
    expect(formatNumber(1234567.5)).toBe(new Intl.NumberFormat('zh-CN').format(1234567.5));
  });
});
