import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const train = (args: string[]) => run('npx', ['tsx', 'scripts/train.ts', ...args], { cwd: join(__dirname, '..') });

describe('npm run train (CLI, end to end)', () => {
  it('trains ring8 and writes metrics.csv, summary.json and 2,500 points', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gp-train-'));
    const { stdout } = await train(['--dataset', 'ring8', '--steps', '40', '--seed', '3', '--out', out]);
    expect(stdout).toMatch(/backend: wasm/);
    expect(stdout).toMatch(/Modes covered \(of 8\): \d/);
    const csv = readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('step,epoch,dLoss,gLoss,gL1,gL2,dL1,dL2,dReal,dFake,gGradNorm,dGradNorm,r1,gp,noiseSigma,lrScale,theta,psi,modesCovered,highQuality,klModes');
    // Quality is measured at the end: the last row carries it.
    expect(csv[40].split(',').slice(-3).every((v) => v !== '')).toBe(true);
    expect(csv).toHaveLength(41);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ backend: 'wasm', steps: 40, config: { dataset: 'ring8', seed: 3 } });
    expect(summary.modeCoverage.modesTotal).toBe(8);
    expect(summary.quality.modesCovered).toBe(summary.modeCoverage.modesCovered);
    expect(summary.imagesPerSec).toBeGreaterThan(0);
    const points = readFileSync(join(out, 'samples.csv'), 'utf8').trim().split('\n');
    expect(points[0]).toBe('x,y');
    expect(points).toHaveLength(2501);
  });

  it('writes samples.png and samples.bin (N×H×W×C uint8) for images', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gp-train-'));
    await train(['--dataset', 'mnist', '--model', 'dcgan28-small', '--batchSize', '8', '--steps', '2', '--out', out]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.samplesShape).toEqual([1000, 28, 28, 1]);
    expect(readFileSync(join(out, 'samples.bin')).length).toBe(1000 * 28 * 28);
    expect(existsSync(join(out, 'samples.png'))).toBe(true);
    expect(readFileSync(join(out, 'samples.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('prints the field-level error and exits non-zero on a bad config', async () => {
    const err = await train(['--dataset', 'ring8', '--lrG', '7']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/lrG must be in \[1e-6, 1\]; got 7/);
    const wrongModel = await train(['--dataset', 'ring8', '--model', 'dcgan32']).catch((e) => e);
    expect(wrongModel.stderr).toMatch(/models that fit: mlp2d/);
  });

  it('lists datasets as ID SHAPE COUNT LICENCE', async () => {
    const { stdout } = await train(['--list-datasets']);
    expect(stdout).toMatch(/^ring8\s+2\s+10000\s+\S/m);
    expect(stdout).toMatch(/^mnist\s+28x28x1\s+10000\s+\S/m);
  });
});
