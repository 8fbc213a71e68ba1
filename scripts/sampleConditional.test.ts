/** `npm run train -- --conditional true` and `npm run sample -- --class K` end to end (docs/conditional.md). */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const cwd = join(__dirname, '..');
/** Runs a script; resolves with its exit code and output even when it fails. */
const tsx = (script: string, args: string[]) =>
  exec('npx', ['tsx', script, ...args], { cwd }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('conditional runs from the CLI', () => {
  let run: string;
  beforeAll(async () => {
    run = mkdtempSync(join(tmpdir(), 'gp-cond-'));
    const args = ['--dataset', 'mnist', '--model', 'dcgan28-small', '--conditional', 'true', '--batchSize', '8', '--steps', '2', '--quality-every', '1000'];
    const r = await tsx('scripts/train.ts', [...args, '--out', run]);
    if (r.code !== 0) throw new Error(r.stderr);
  }, 180_000);

  it('the run file is conditional; --class K draws class K, and cycles through the classes without it', async () => {
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
    expect(summary.config.conditional).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'gp-cond-3-'));
    const r = await tsx('scripts/sample.ts', ['--run', join(run, 'run.ganrun'), '--n', '5', '--class', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ n: 5, classes: [3], samplesShape: [5, 28, 28, 1] });
    expect(readFileSync(join(out, 'samples.bin')).length).toBe(5 * 28 * 28);
    const all = mkdtempSync(join(tmpdir(), 'gp-cond-all-'));
    expect((await tsx('scripts/sample.ts', ['--run', join(run, 'run.ganrun'), '--n', '4', '--out', all])).code).toBe(0);
  }, 120_000);

  it('--out DIR/generator/ is the two-input TF.js model [z, class_index], naming the classes', () => {
    const model = JSON.parse(readFileSync(join(run, 'generator', 'model.json'), 'utf8'));
    expect(model.modelTopology.config.input_layers.map((l: unknown[]) => l[0])).toEqual(['z', 'class_index']);
    expect(model.userDefinedMetadata).toMatchObject({ dataset: 'mnist', classes: 10, classNames: expect.arrayContaining(['0', '9']) });
  });

  it("class-accuracy reads DIR/class-K from sample --class K: one row per class with its name and the real images' rate; no class dirs exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-cond-acc-'));
    for (const k of [2, 7])
      expect(
        (await tsx('scripts/sample.ts', ['--run', join(run, 'run.ganrun'), '--n', '6', '--class', String(k), '--out', join(dir, `class-${k}`)])).code,
      ).toBe(0);
    const r = await tsx('scripts/class-accuracy.ts', ['--dir', dir]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((line) => /^\| \d/.test(line));
    expect(
      rows.map((line) =>
        line
          .split('|')
          .slice(1, 4)
          .map((c) => c.trim()),
      ),
    ).toEqual([
      ['2', '2', '6'],
      ['7', '7', '6'],
    ]);
    // The shipped MNIST classifier reads its held-out real 2s and 7s as such nearly always.
    for (const line of rows) expect(Number(/(\d+\.\d)% \|$/.exec(line)![1])).toBeGreaterThan(90);
    expect((await tsx('scripts/class-accuracy.ts', ['--dir', mkdtempSync(join(tmpdir(), 'gp-cond-none-'))])).code).toBe(2);
  }, 120_000);

  it('a class out of range exits 2 and names the classes', async () => {
    const r = await tsx('scripts/sample.ts', ['--run', join(run, 'run.ganrun'), '--class', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--class 10 is out of range: .* has classes 0–9/);
  }, 120_000);

  it('--conditional true on a dataset without labels is a field error', async () => {
    const r = await tsx('scripts/train.ts', [
      '--dataset',
      'ring8',
      '--conditional',
      'true',
      '--steps',
      '1',
      '--out',
      mkdtempSync(join(tmpdir(), 'gp-cond-ring-')),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/this dataset has no labels: ring8/);
  }, 120_000);
});
