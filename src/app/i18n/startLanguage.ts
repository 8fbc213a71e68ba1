/**
 * Sets the page's language at start-up and when the picker changes it: i18next, `<html lang>`,
 * the remembered choice (prefs.ts) and the link's `lang` (viewStore.ts) stay together.
 */
import { i18n } from './i18n';
import { chooseLanguage, type Language, type LanguageChoice } from './languages';
import { usePrefs } from '../prefs';
import { useView } from '../viewStore';

let followHtmlLang: ((lng: string) => void) | null = null;

/** Picks the language before the first render and the link's decoding (its notes come out in it). */
export function startLanguage(search: string, doc: Document = document, nav: Pick<Navigator, 'languages' | 'language'> = navigator): LanguageChoice {
  // The last `lang` wins, as for every repeated parameter (lib/runLink.ts).
  const linkLang = new URLSearchParams(search).getAll('lang').at(-1) ?? null;
  const browser = nav.languages?.length ? nav.languages : [nav.language];
  const choice = chooseLanguage(linkLang, usePrefs.getState().language, browser);
  // Screen readers pick their voice, and browsers their CJK fonts, from <html lang>.
  if (followHtmlLang) i18n.off('languageChanged', followHtmlLang);
  // The tab's title (index.html's <title> is the English one) follows too.
  followHtmlLang = (lng) => {
    doc.documentElement.lang = lng;
    doc.title = i18n.t('app.title');
  };
  i18n.on('languageChanged', followHtmlLang);
  void i18n.changeLanguage(choice.lang);
  doc.documentElement.lang = choice.lang;
  doc.title = i18n.t('app.title');
  return choice;
}

/** The picker: switches live (no reset: only text changes), remembers it, and keeps a link's `lang` in step. */
export function pickLanguage(lang: Language): void {
  void i18n.changeLanguage(lang);
  usePrefs.getState().setLanguage(lang);
  if (useView.getState().lang !== null) useView.getState().setLang(lang);
}
