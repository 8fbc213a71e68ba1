/**
 * The literal-string rule of eslint.config.js (docs/i18n.md): a translated file that renders a
 * literal sentence, in JSX text, a JSX expression or a user-facing attribute, fails lint; keys,
 * code attributes and untranslated files pass.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

async function literalStrings(code: string, filePath: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'i18next/no-literal-string').length;
}

const TRANSLATED = 'src/app/components/language/Probe.tsx';
const head = "import { useTranslation } from 'react-i18next';\n";

describe('no literal user-facing strings in translated files', () => {
  it('fails on literal JSX text, a literal in a JSX expression, and a literal accessible name', async () => {
    expect(await literalStrings(`export const Probe = () => <p>Start training</p>;\n`, TRANSLATED)).toBe(1);
    expect(await literalStrings(`export const Probe = ({ on }: { on: boolean }) => <p>{on ? 'Pause' : 'Start'}</p>;\n`, TRANSLATED)).toBe(2);
    expect(await literalStrings(`export const Probe = () => <button aria-label="Close">x</button>;\n`, TRANSLATED)).toBeGreaterThanOrEqual(1);
    expect(await literalStrings(`export const Probe = () => <img alt="Samples" src="a.png" />;\n`, TRANSLATED)).toBe(1);
  });

  it('passes catalogue text and code attributes', async () => {
    const ok = `${head}export function Probe() {\n  const { t } = useTranslation();\n  return <svg role="img" className="c" aria-label={t('language.label')}><path d="M0 0" stroke="red" /></svg>;\n}\n`;
    expect(await literalStrings(ok, TRANSLATED)).toBe(0);
  });

  it('leaves files outside the list alone (every component is on it now; the bench page is a developer tool)', async () => {
    expect(await literalStrings(`export const Probe = () => <p>Start training</p>;\n`, 'scripts/bench/page/Probe.tsx')).toBe(0);
  });
});
