import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellResult, PhaseMeasure } from './types';
import { cellsTable, evaluateTargets, replaceMarked, writeReport, type BenchResults } from './report';
import { makePlan } from './plan';
import { resolveStatic } from './server';

const phase: PhaseMeasure = { stepsPerSec: 2, imagesPerSec: 128, firstStepSec: 1, windows: 4, timedSteps: 8, spread: 0.05 };

function cell(over: Partial<CellResult>): CellResult {
  return {
    backend: 'wasm',
    model: 'dcgan28-small',
    context: 'browser-worker',
    batchSize: 64,
    imagesPerSec: 128,
    stepsPerSec: 2,
    plainImagesPerSec: 100,
    plainStepsPerSec: 1.5625,
    speedupVsPlain: 1.28,
    achievedGflops: 9.5,
    ceilingGflops: 30,
    pctOfCeiling: 31.7,
    convGflops: 20,
    largestConv: 'convT',
    pctOfConv: 47.5,
    ours: phase,
    plain: phase,
    ...over,
  };
}

const base = (): BenchResults => ({
  schema: 1,
  generatedAt: '2026-01-02T03:04:05.000Z',
  mode: 'browser',
  quick: false,
  durationSec: 100,
  machine: { cpuModel: 'Test CPU', cores: 2, memoryGB: 8, os: 'Linux', node: 'v20' },
  browser: { name: 'Chromium', version: '156', userAgent: 'ua', flags: [] },
  tfjs: '4.22.0',
  backends: [{ name: 'wasm', started: true, note: 'simd', matmulGflops: 30, matmulSize: 1024, seconds: 10 }],
  cells: [cell({}), cell({ backend: 'webgl', model: 'mlp2d', speedupVsPlain: 1.2, pctOfCeiling: 5 }), cell({ backend: 'cpu', model: 'dcgan32', imagesPerSec: null, stepsPerSec: null, speedupVsPlain: null, skipped: 'time cap (a|b)' })],
  longTasks: { count: 0, worstMs: 0, countAll: 1, worstAllMs: 70, supported: true, trainingSec: 60 },
  leak: { tensorsBefore: 85, tensorsAfter: 85, heapBeforeMB: 3, heapAfterMB: 3.4, steps: 2500, tfBytesBeforeMB: 1, tfBytesAfterMB: 1 },
  timeToAllModesSec: 24,
  ring: null,
  mnist: null,
  profile: { backend: 'wasm', model: 'dcgan28-small', batchSize: 64, context: 'browser-worker', stepMs: 300, kernelTotalMs: 280, kernelCount: 800, top: [{ name: 'Conv2D', ms: 100, calls: 9, share: 0.4 }] },
  targets: [],
  notes: [],
});

describe('cellsTable', () => {
  it('prints one Markdown row per cell with dashes for missing figures and escaped notes', () => {
    const t = cellsTable(base().cells).split('\n');
    expect(t).toHaveLength(5);
    expect(t[0]).toContain('| backend | model | batch | D steps | img/s | steps/s | ms/step | kernels/step | dispatches/step | plain img/s | plain ms/step | plain kernels/step | plain dispatches/step |');
    expect(t[2]).toBe('| wasm | DCGAN 28×28×1 small | 64 | — | 128 | 2 | — | — | — | 100 | — | — | — | ×1.3 | 9.5 | 30 | 32% | 20 |  |');
    expect(t[4]).toContain('| cpu | DCGAN 32×32×3 (article) | 64 | — | — | — |');
    expect(t[4]).toContain('time cap (a/b)');
  });
  it('shows kernels and ms per step for both loops, and the D steps they share', () => {
    const row = cellsTable([cell({ dSteps: 2, msPerStep: 18.2, kernelsPerStep: 461, plainMsPerStep: 40.1, plainKernelsPerStep: 710 })]).split('\n')[2];
    expect(row).toContain('| 2 |');
    expect(row).toContain('| 18.2 | 461 |');
    expect(row).toContain('| 40.1 | 710 |');
  });
  it('shows dispatches per step beside kernels per step (webgpu cells)', () => {
    const row = cellsTable([cell({ backend: 'webgpu', kernelsPerStep: 151, dispatchesPerStep: 140, plainKernelsPerStep: 655, plainDispatchesPerStep: 600 })]).split('\n')[2];
    expect(row).toContain('| 151 | 140 |');
    expect(row).toContain('| 655 | 600 |');
  });
  it('notes the fused kernels against the unfused step on webgpu', () => {
    const fusion = { fusedMsPerStep: 260, unfusedMsPerStep: 549, fusedDispatchesPerStep: 80, unfusedDispatchesPerStep: 151, speedup: 2.1 };
    expect(cellsTable([cell({ backend: 'webgpu', fusion })])).toContain('fused ×2.1: 260 vs 549 ms/step, 80 vs 151 dispatches |');
  });
  it('groups thousands', () => {
    expect(cellsTable([cell({ imagesPerSec: 6584.2 })])).toContain('| 6,584 |');
  });
});

describe('evaluateTargets', () => {
  it('checks each target against its threshold', () => {
    const byId = Object.fromEntries(evaluateTargets(base()).map((t) => [t.id, t]));
    expect(byId['ring8-modes'].met).toBe(true);
    expect(byId['conv-vs-wasm-ceiling'].met).toBe(true);
    expect(byId['speedup-webgpu-webgl'].met).toBe(false); // 1.2 < 1.5
    expect(byId['speedup-wasm-cpu'].met).toBe(true);
    expect(byId['long-tasks'].met).toBe(true);
    expect(byId['flat-memory'].met).toBe(true);
    expect(byId.profile.value).toContain('Conv2D 40%');
  });
  it('misses when a figure is over its limit or absent', () => {
    const r = base();
    r.timeToAllModesSec = null;
    r.leak!.tensorsAfter = 90;
    r.cells[0].speedupVsPlain = 0.9;
    r.cells[0].pctOfCeiling = 12;
    r.longTasks!.count = 2;
    const byId = Object.fromEntries(evaluateTargets(r).map((t) => [t.id, t]));
    expect(byId['ring8-modes'].met).toBe(false);
    expect(byId['flat-memory'].met).toBe(false);
    expect(byId['speedup-wasm-cpu'].met).toBe(false);
    expect(byId['conv-vs-wasm-ceiling'].met).toBe(false);
    expect(byId['long-tasks'].met).toBe(false);
  });
});

describe('README section', () => {
  it('replaces only the text between the markers', () => {
    const text = 'intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\noutro\n';
    expect(replaceMarked(text, 'new table')).toBe('intro\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\noutro\n');
    expect(replaceMarked('no markers', 'x')).toBeNull();
  });
  it('writes RESULTS.md always and the README only when it has the markers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    const paths = { browser: join(dir, 'results.json'), node: join(dir, 'none.json'), resultsMd: join(dir, 'RESULTS.md'), readme: join(dir, 'README.md') };
    const r = base();
    r.targets = evaluateTargets(r);
    writeFileSync(paths.browser, JSON.stringify(r));
    writeFileSync(paths.readme, 'no markers here\n');
    expect(writeReport(paths)).toEqual([paths.resultsMd]);
    expect(readFileSync(paths.readme, 'utf8')).toBe('no markers here\n');
    expect(readFileSync(paths.resultsMd, 'utf8')).toContain('2026-01-02, Test CPU (2 cores, 8 GB)');
    writeFileSync(paths.readme, 'a\n<!-- bench:start -->\n<!-- bench:end -->\n');
    expect(writeReport(paths)).toEqual([paths.resultsMd, paths.readme]);
    expect(readFileSync(paths.readme, 'utf8')).toContain('| wasm | DCGAN 28×28×1 small |');
    expect(existsSync(paths.node)).toBe(false);
  });
});

describe('plan and static server', () => {
  it('quick runs fewer cells with shorter caps; wasm profiles a conv model', () => {
    const full = makePlan(false);
    const quick = makePlan(true);
    expect(full.backends.map((b) => b.backend)).toEqual(['wasm', 'webgl', 'webgpu', 'cpu']);
    expect(full.backends[0].cells).toHaveLength(5);
    expect(quick.backends[0].cells.length).toBeLessThan(5);
    expect(full.backends[0].profileModel).toBe('dcgan28-small');
    expect(full.ring.minSteps).toBeGreaterThanOrEqual(2000);
    // The browser bench must fit in 15 minutes: task budgets plus ring and MNIST runs.
    const total = full.backends.reduce((a, b) => a + b.budgetSec, 0) + full.ring.capSec + full.mnistSec;
    expect(total).toBeLessThanOrEqual(14 * 60);
  });
  it('serves files only from inside its roots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-static-'));
    writeFileSync(join(dir, 'index.html'), 'x');
    expect(resolveStatic([dir], '/')).toBe(join(dir, 'index.html'));
    expect(resolveStatic([dir], '/index.html?x=1')).toBe(join(dir, 'index.html'));
    expect(resolveStatic([dir], '/../etc/passwd')).toBeNull();
    expect(resolveStatic([dir], '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStatic([dir], '/missing.js')).toBeNull();
  });
});
