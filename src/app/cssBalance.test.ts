/**
 * Every stylesheet's braces balance. An unclosed rule silently swallows the rest of the file (a
 * merge once left `.export-error {` open, and the 44 px touch targets after it never applied).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

function cssFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? cssFiles(path) : name.endsWith('.css') ? [path] : [];
  });
}

const files = cssFiles(join(__dirname));

it.each(files.map((f) => [f.slice(f.indexOf('src/app')), f]))('%s: every rule is closed', (_name, path) => {
  const css = readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/'[^'\n]*'|"[^"\n]*"/g, '""');
  let depth = 0;
  for (const [i, ch] of [...css].entries()) {
    if (ch === '{') depth += 1;
    if (ch === '}') depth -= 1;
    expect(depth, `extra } at line ${css.slice(0, i).split('\n').length}`).toBeGreaterThanOrEqual(0);
  }
  expect(depth, 'a rule is left open').toBe(0);
});
