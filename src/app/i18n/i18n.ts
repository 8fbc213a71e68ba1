/**
 * The page's one i18next instance, with ICU MessageFormat (i18next-icu: `{n, plural, …}`,
 * `{n, number}` through Intl) and both catalogues bundled (a few kB; no loading step, so the first
 * render is already in the right language). Initialised synchronously at import, in English, so
 * tests and lib code can call `t` without setting anything up; `startLanguage` picks the real one.
 * See docs/i18n.md.
 */
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';
import type { Language } from './languages';

export const i18n = i18next.createInstance();

void i18n
  .use(new ICU())
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    // zh-CN is a whole tag: without this i18next would also look for a "zh" catalogue.
    load: 'currentOnly',
    initAsync: false,
    // React escapes what it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });

/** Translates outside React (the store, lib code). Components use `useTranslation`. */
export const t = i18n.t.bind(i18n);

export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** A number in the page's language (grouping, decimal sign) through Intl.NumberFormat. */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLanguage(), options).format(n);
}
