/**
 * Which language the page speaks, worked out from the link, the remembered choice and the
 * browser, in that order. Pure TS (no i18next, no DOM), so the rules are tested in Node.
 */

/** The languages with a full catalogue; the first is the fallback. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself: a reader finds their own language whatever the page speaks. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * A BCP 47 tag → the catalogue that serves it, or null. Every Chinese tag (zh, zh-Hans, zh-TW, …)
 * gets Simplified Chinese: for a reader of Traditional characters it is much closer than English.
 */
export function matchLanguage(tag: string | null | undefined): Language | null {
  const t = (tag ?? '').trim().toLowerCase();
  if (t === 'zh' || t.startsWith('zh-') || t.startsWith('zh_')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-') || t.startsWith('en_')) return 'en';
  return null;
}

/** The first of the browser's languages that has a catalogue; English when none has. */
export function browserLanguage(languages: readonly string[]): Language {
  for (const tag of languages) {
    const lang = matchLanguage(tag);
    if (lang) return lang;
  }
  return 'en';
}

export interface LanguageChoice {
  lang: Language;
  /** True when the link's `lang` chose it (the link then keeps carrying it). */
  fromLink: boolean;
  /** The link's `lang` when it named no language we have (the page says so in a notice). */
  badParam: string | null;
}

/**
 * The link's `lang` fixes the language; without one (or with a bad one) the choice remembered from
 * the picker holds; without that, the browser's languages decide.
 */
export function chooseLanguage(linkLang: string | null, remembered: Language | null, browser: readonly string[]): LanguageChoice {
  // The link names a language exactly ("en", "zh-CN"; any case); "zh-TW" in a link is a mistake to report, not to guess.
  const fromLink = linkLang === null ? null : (LANGUAGES.find((l) => l.toLowerCase() === linkLang.trim().toLowerCase()) ?? null);
  if (fromLink) return { lang: fromLink, fromLink: true, badParam: null };
  return { lang: remembered ?? browserLanguage(browser), fromLink: false, badParam: linkLang };
}

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}
