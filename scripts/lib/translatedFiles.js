// The UI files whose every user-facing string comes from the catalogues (src/app/i18n/), one list
// for the lint rule that keeps them so (eslint.config.js, `i18next/no-literal-string`). Widen it as
// more files are converted (docs/i18n.md says how); a literal sentence in a listed file fails lint.
export const TRANSLATED_FILES = ['src/app/components/language/**/*.tsx'];

// JSX attributes a person reads or hears; every other attribute (dataKey, stroke, role…) is code.
export const USER_FACING_ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'title',
  'alt',
  'placeholder',
  'label',
  'name',
];
