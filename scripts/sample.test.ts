import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const cwd = join(__dirname, '..');
const tsx = (script: string, args: string[]) => exec('npx', ['tsx', script, ...args], { cwd });
/** Runs the sample CLI; resolves with its exit code and output even when it fails. */
const sample = (args: string[]) =>
  tsx('scripts/sample.ts', args).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('npm run sample (CLI, end to end)', () => {
  let ring: string;
  let mnist: string;
  beforeAll(async () => {
    ring = mkdtempSync(join(tmpdir(), 'gp-sample-ring-'));
    mnist = mkdtempSync(join(tmpdir(), 'gp-sample-mnist-'));
    await Promise.all([
      tsx('scripts/train.ts', ['--dataset', 'ring8', '--steps', '20', '--out', ring]),
      tsx('scripts/train.ts', [
        '--dataset',
        'mnist',
        '--model',
        'dcgan28-small',
        '--batchSize',
        '8',
        '--steps',
        '2',
        '--quality-every',
        '1000',
        '--out',
        mnist,
      ]),
    ]);
  }, 180_000);

  it('writes N images as uint8 N×H×W×C with their shape, a grid PNG and an interpolation strip', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gp-sample-out-'));
    const r = await sample(['--run', join(mnist, 'run.ganrun'), '--n', '10', '--seed', '4', '--interpolate', '2,7', '--frames', '6', '--out', out]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      step: 2,
      dataset: 'mnist',
      n: 10,
      samplesShape: [10, 28, 28, 1],
      interpolation: { from: 2, to: 7, frames: 6, shape: [6, 28, 28, 1] },
    });
    expect(readFileSync(join(out, 'samples.bin')).length).toBe(10 * 28 * 28);
    expect(readFileSync(join(out, 'interpolation.bin')).length).toBe(6 * 28 * 28);
    expect(readFileSync(join(out, 'samples.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(out, 'interpolation.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);

  it('the same seed gives the same samples; the interpolation ends are those samples', async () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'gp-a-')), mkdtempSync(join(tmpdir(), 'gp-b-'))];
    await sample(['--run', join(ring, 'run.ganrun'), '--n', '16', '--seed', '9', '--interpolate', '0,5', '--frames', '5', '--out', a]);
    await sample(['--run', join(ring, 'run.ganrun'), '--n', '16', '--seed', '9', '--out', b]);
    const rows = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8').trim().split('\n').slice(1);
    expect(rows(a, 'samples.csv')).toEqual(rows(b, 'samples.csv'));
    expect(rows(a, 'samples.csv')).toHaveLength(16);
    const strip = rows(a, 'interpolation.csv').map((l) => l.split(',').map(Number));
    expect(strip).toHaveLength(5);
    const samples = rows(a, 'samples.csv').map((l) => l.split(',').map(Number));
    // G's BatchNorm uses batch statistics, so a point differs between batches: compare loosely.
    const near = (p: number[], q: number[]) => Math.hypot(p[0] - q[0], p[1] - q[1]);
    expect(near(strip[0], samples[0])).toBeLessThan(near(strip[0], samples[5]) + 1);
  }, 120_000);

  it('a broken run file, --class on a run without classes, and bad flags say why and exit with 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-bad-'));
    writeFileSync(join(dir, 'bad.ganrun'), 'not a run file');
    const broken = await sample(['--run', join(dir, 'bad.ganrun')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/error: .*bad\.ganrun/);
    const cls = await sample(['--run', join(ring, 'run.ganrun'), '--class', '3']);
    expect(cls.code).toBe(2);
    expect(cls.stderr).toMatch(/--class 3: .* trained without class labels/);
    const range = await sample(['--run', join(ring, 'run.ganrun'), '--n', '4', '--interpolate', '1,9']);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/--interpolate indices must be below --n \(4\)/);
    expect((await sample([])).stderr).toMatch(/--run RUN\.ganrun is required/);
  }, 120_000);
});
