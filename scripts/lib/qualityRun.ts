/**
 * Runs the CLI exactly as a user does (`npm run train -- --dataset ID`: the recommended preset and
 * its default step count) and returns its summary, for the learning-quality tests.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * How long a quality run may take before the test calls it hung: a guard, not a speed bar. On a
 * quiet 2-core machine a run takes 75–100 s; on one loaded to 20+ (a CI run beside six other
 * jobs) the two runs took over 480 s each and failed, though nothing was wrong with them.
 */
export const QUALITY_RUN_TIMEOUT_MS = 1_800_000;

export interface QualitySummary {
  steps: number;
  wallTimeSec: number;
  backend: string;
  modeCoverage: { modesCovered: number; highQualityFraction: number };
}

export async function trainRecommended(dataset: string, modes: number): Promise<QualitySummary> {
  const out = mkdtempSync(join(tmpdir(), `gp-${dataset}-`));
  await run('npx', ['tsx', 'scripts/train.ts', '--dataset', dataset, '--out', out, '--quality-every', '1000'], {
    cwd: join(__dirname, '..', '..'),
  });
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as QualitySummary;
  const { modesCovered, highQualityFraction } = summary.modeCoverage;
  console.log(
    `${dataset}: ${modesCovered}/${modes} modes, ${(highQualityFraction * 100).toFixed(1)}% high-quality, ${summary.wallTimeSec}s on ${summary.backend}`,
  );
  return summary;
}
