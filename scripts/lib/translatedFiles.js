// The UI files whose every user-facing string comes from the catalogues (src/app/i18n/), one list
// for the lint rule that keeps them so (eslint.config.js, `i18next/no-literal-string`). Widen it as
// more files are converted (docs/i18n.md says how); a literal sentence in a listed file fails lint.
export const TRANSLATED_FILES = [
  'src/app/components/language/**/*.tsx',
  'src/app/components/charts/*.tsx',
  'src/app/components/runfiles/*.tsx',
  'src/app/components/settings/*.tsx',
  'src/app/components/offline/*.tsx',
  'src/app/components/embed/*.tsx',
  'src/app/components/run/*.tsx',
  'src/app/App.tsx',
  'src/app/components/share/*.tsx',
  'src/app/components/welcome/*.tsx',
  'src/app/components/samples/*.tsx',
  'src/app/components/twins/*.tsx',
  'src/app/components/datasets/*.tsx',
  'src/app/components/lessons/*.tsx',
];

// JSX attributes a person reads or hears; every other attribute (dataKey, stroke, role…) is code.
export const USER_FACING_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'title', 'alt', 'placeholder', 'label'];

// Text that reads the same in every language: punctuation and numbers, upper-case codes ("FID"),
// emoji, punctuation and symbols alone ("–", "×"), and short symbols of the maths ("L2", "≈0", "/ B").
export const LANGUAGE_FREE_WORDS = ['[0-9!-/:-@[-`{-~]+', '[A-Z_-]+', /^\p{Emoji}+$/u, /^[\p{P}\p{S}\s]+$/u, /^[A-Z0-9≈×/ ]{1,4}$/];
