/**
 * The English catalogue: the source of every message the translated parts of the page show.
 * Messages are ICU MessageFormat (`{count, plural, one {# step} other {# steps}}`); see docs/i18n.md.
 * Grouped by the part of the page, one group per component folder.
 */
export const en = {
  language: {
    label: 'Language',
  },
  notices: {
    badLang: 'URL parameter "lang" must be one of {languages}; got "{value}". Using your browser\'s language.',
  },
} as const;

/** A catalogue: the same keys as English, each a message. */
export type Catalogue<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
