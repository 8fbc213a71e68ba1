/**
 * docs/ARCHITECTURE.md matches the tree: every source folder is in its folder map, and every
 * source file the docs and README name exists (a move must update them).
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function folders(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((n) => statSync(join(root, dir, n)).isDirectory())
    .flatMap((n) => [join(dir, n), ...folders(join(dir, n))]);
}

describe('docs/ARCHITECTURE.md follows the tree', () => {
  const doc = read('docs/ARCHITECTURE.md');
  const map = doc.slice(doc.indexOf('## Folders'), doc.indexOf('## Start-up'));

  it('names every folder under src/ in its folder map', () => {
    const missing = folders('src')
      .filter((f) => !f.includes('testing/'))
      .map((f) => relative('src', f).split('/').at(-1)!)
      .filter((name) => !new RegExp(`\\b${name}/`).test(map));
    expect(missing).toEqual([]);
  });

  it('every src/ or scripts/ file named in README.md and docs/ exists', () => {
    const texts = [
      'README.md',
      ...readdirSync(join(root, 'docs'))
        .filter((n) => n.endsWith('.md'))
        .map((n) => `docs/${n}`),
    ].map(read);
    const named = new Set(texts.flatMap((t) => [...t.matchAll(/\b((?:src|scripts)\/[\w/.-]+\.(?:tsx?|css|sh|js))\b/g)].map((m) => m[1])));
    expect([...named].filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });
});
