/**
 * The learning-quality bar, checked on every CI run with the CLI exactly as a user runs it:
 * `npm run train -- --dataset ring8` (the recommended preset and its default 5,000 steps) covers
 * 8 of 8 modes with ≥ 90% high-quality samples (VEEGAN/PacGAN protocol) in under 5 minutes on
 * this kind of 2-core CPU machine.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('ring8, recommended preset: 8/8 modes and ≥ 90% high-quality within its 5,000 steps, in under 5 minutes', async () => {
  const out = mkdtempSync(join(tmpdir(), 'gp-ring8-'));
  await run('npx', ['tsx', 'scripts/train.ts', '--dataset', 'ring8', '--out', out, '--log-every', '100', '--quality-every', '1000'], {
    cwd: join(__dirname, '..'),
  });
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const { modesCovered, highQualityFraction } = summary.modeCoverage;
  console.log(`ring8: ${modesCovered}/8 modes, ${(highQualityFraction * 100).toFixed(1)}% high-quality, ${summary.wallTimeSec}s on ${summary.backend}`);
  expect(summary.steps).toBe(5000);
  expect(modesCovered).toBe(8);
  expect(highQualityFraction).toBeGreaterThanOrEqual(0.9);
  expect(summary.wallTimeSec).toBeLessThan(300);
}, 480_000);
