// ESLint flat config: recommended JS + TypeScript rules, React hooks rules for the UI, and the
// layer rules of docs/ARCHITECTURE.md (core ← worker ← app) as errors. Not type-aware on purpose:
// `npm run typecheck` already runs tsc, and type-aware linting would multiply the lint time.
import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';
import { tfReachingCoreModules } from './scripts/lib/tfReach.js';
import { LANGUAGE_FREE_WORDS, TRANSLATED_FILES, USER_FACING_ATTRIBUTES } from './scripts/lib/translatedFiles.js';

/**
 * Core modules that import TF.js (directly or through another one), relative to src/core, worked
 * out from the sources: the UI and the protocol may import none of them.
 */
export const TF_CORE_MODULES = tfReachingCoreModules(fileURLToPath(new URL('./src/core', import.meta.url)));

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Matches a relative import of one of TF_CORE_MODULES from anywhere in src/ (`../core/trainer`, `../../core/models/network.ts`). */
const TF_CORE_REGEX = `^(\\.\\./)+core/(${TF_CORE_MODULES.map(escape).join('|')})(\\.tsx?)?$`;

const noTfPatterns = [
  { group: ['@tensorflow/*'], message: 'TF.js runs in the worker only (docs/ARCHITECTURE.md, layers).' },
  { regex: TF_CORE_REGEX, message: 'This core module reaches TF.js; the UI and the protocol import only TF-free core files (docs/ARCHITECTURE.md, layers).' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'public/', 'test-results/', 'playwright-report/', 'bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a deliberately unused parameter or destructured value.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  // Environments: which globals each layer may see (the tsconfig per environment checks the same for types).
  { files: ['src/core/**'], languageOptions: { globals: { ...globals['shared-node-browser'] } } },
  { files: ['src/worker/**', 'scripts/bench/page/bench.worker.ts'], languageOptions: { globals: { ...globals.worker } } },
  { files: ['src/app/**', 'scripts/bench/page/**'], ignores: ['scripts/bench/page/bench.worker.ts'], languageOptions: { globals: { ...globals.browser } } },
  // The bench cells run in the bench worker and in Node, like src/core.
  { files: ['scripts/bench/cells/**'], languageOptions: { globals: { ...globals['shared-node-browser'] } } },
  {
    files: ['scripts/**', 'e2e/**', '*.config.{js,ts}'],
    ignores: ['scripts/bench/page/**', 'scripts/bench/cells/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['**/*.test.ts'], languageOptions: { globals: { ...globals.node } } },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs['recommended-latest'].rules },
  },
  // Translated files: no literal text in JSX, nor in the attributes a person reads (docs/i18n.md).
  {
    files: TRANSLATED_FILES,
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: USER_FACING_ATTRIBUTES },
          words: { exclude: LANGUAGE_FREE_WORDS },
          'should-validate-template': true,
          message: 'User-facing text comes from the catalogues (src/app/i18n/en.ts, zh-CN.ts): use t(…)',
        },
      ],
    },
  },
  // Layer rules.
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: noTfPatterns }] },
  },
  {
    files: ['src/worker/protocol.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: noTfPatterns }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(app|worker|scripts/bench)(/|$)',
              message:
                'src/core runs in the worker, in Node and in the CLI: it never imports src/app, src/worker or the bench (scripts/bench; docs/ARCHITECTURE.md, layers).',
            },
          ],
        },
      ],
    },
  },
);
