import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(csv[0]).toBe(
      'step,epoch,dLoss,gLoss,gL1,gL2,dL1,dL2,dReal,dFake,gGradNorm,dGradNorm,r1,gp,noiseSigma,lrScale,theta,psi,modesCovered,highQuality,klModes',
    );
    // Quality is measured at the end: the last row carries it.
    expect(
      csv[40]
        .split(',')
        .slice(-3)
        .every((v) => v !== ''),
    ).toBe(true);
    expect(csv).toHaveLength(41);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ backend: 'wasm', steps: 40, config: { dataset: 'ring8', seed: 3 } });
    expect(summary.modeCoverage.modesTotal).toBe(8);
    expect(summary.quality.modesCovered).toBe(summary.modeCoverage.modesCovered);
    expect(summary.imagesPerSec).toBeGreaterThan(0);
    // Training CPU seconds, the quiet-machine time proxy (docs/presets.md).
    expect(typeof summary.trainCpuSec).toBe('number');
    expect(summary.trainCpuSec).toBeGreaterThan(0);
    const model = JSON.parse(readFileSync(join(out, 'generator', 'model.json'), 'utf8'));
    expect(model.format).toBe('layers-model');
    expect(model.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(existsSync(join(out, 'generator', 'weights.bin'))).toBe(true);
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
    const layers = JSON.parse(readFileSync(join(out, 'generator', 'model.json'), 'utf8')).modelTopology.config.layers;
    expect(layers.filter((l: { class_name: string }) => l.class_name === 'BatchNormalization')).toHaveLength(3);
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

  it('--resume continues a saved run: the resumed steps equal an uninterrupted run row for row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-resume-'));
    const flags = ['--dataset', 'ring8', '--seed', '4', '--batchSize', '32', '--r1Gamma', '1', '--r1Every', '3', '--quality-every', '20'];
    await train([...flags, '--steps', '30', '--out', join(dir, 'first')]);
    expect(existsSync(join(dir, 'first', 'run.ganrun'))).toBe(true);
    const { stdout } = await train(['--resume', join(dir, 'first', 'run.ganrun'), '--steps', '60', '--out', join(dir, 'resumed'), '--quality-every', '20']);
    expect(stdout).toMatch(/resuming .* at step 30/);
    await train([...flags, '--steps', '60', '--out', join(dir, 'whole')]);
    const csv = (name: string) =>
      readFileSync(join(dir, name, 'metrics.csv'), 'utf8')
        .trim()
        .split('\n');
    const resumed = csv('resumed');
    const whole = csv('whole');
    expect(resumed[0]).toBe(whole[0]);
    expect(resumed).toHaveLength(61);
    // Rows 31–60 (lines 31–60 after the header) are the resumed steps.
    expect(resumed.slice(31)).toEqual(whole.slice(31));
    // The saved history comes back too: steps 1–30 equal the first run's metric columns.
    const metricCols = (line: string) => line.split(',').slice(0, 18).join(',');
    expect(resumed.slice(1, 31).map(metricCols)).toEqual(csv('first').slice(1, 31).map(metricCols));
    const summary = JSON.parse(readFileSync(join(dir, 'resumed', 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ steps: 60, resumedFrom: { step: 30 }, config: { seed: 4, r1Every: 3 } });
  });

  it("a bad run file prints the decoder's message and exits with 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-resume-'));
    writeFileSync(join(dir, 'bad.ganrun'), 'step,epoch,dLoss\n1,0,0.69\n2,0,0.68\n');
    const err = await train(['--resume', join(dir, 'bad.ganrun'), '--steps', '10']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/bad\.ganrun: This is not a GAN Playground run file \(\.ganrun\)\./);
    writeFileSync(join(dir, 'empty.ganrun'), '');
    const empty = await train(['--resume', join(dir, 'empty.ganrun'), '--steps', '10']).catch((e) => e);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty \(0 bytes\)/);
  });
});
