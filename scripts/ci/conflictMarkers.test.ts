import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(__dirname, 'conflict-markers.sh');

function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'markers-'));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  execFileSync('git', ['add', '.'], { cwd: dir });
  return dir;
}

const check = (dir: string) => spawnSync('bash', [script, dir], { encoding: 'utf8' });

describe('conflict-marker check (CI)', () => {
  it('fails on a conflict left in a comment, naming the file and line', () => {
    const r = check(repoWith({ 'a.ts': '/**\n * one\n=======\n * two\n>>>>>>> wt/exports\n */\n' }));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('a.ts:3:=======');
    expect(r.stdout).toContain('a.ts:5:>>>>>>> wt/exports');
  });

  it('fails on a marker in Markdown too', () => {
    expect(check(repoWith({ 'README.md': '# x\n<<<<<<< HEAD\nmine\n' })).status).toBe(1);
  });

  it('passes a clean tree, where seven = inside a line is not a marker', () => {
    const r = check(repoWith({ 'a.ts': "const line = '=======';\n// ======= is not alone here\n" }));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('no merge-conflict markers');
  });
});
