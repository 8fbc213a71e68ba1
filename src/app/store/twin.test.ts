import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config';
import type { DatasetInfo } from '../../core/data/types';
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import { summarizeModel } from '../../core/models/specs';
import type { NetworkWeightStats } from '../../core/metrics/weightStats';
import { fakeRunFile, fakeRunSnapshot } from '../../core/testing/fakeRunSnapshot';
import type { Command, RunKey, WorkerEvent } from '../../worker/protocol';
import { createAppStore } from './appStore';
import { shownValue } from './live';

const ring8: DatasetInfo = {
  id: 'ring8',
  name: '8 Gaussians on a ring',
  kind: 'points',
  shape: [2],
  count: 2048,
  licence: '',
  credit: '',
  description: '',
  recommended: {},
};

function ready(): WorkerEvent {
  const model = summarizeModel('mlp2d', 8);
  return {
    type: 'ready',
    backend: { name: 'cpu', reasons: [], requested: 'cpu', hardwareGpu: false },
    config: DEFAULT_CONFIG,
    model,
    dataset: ring8,
    datasets: [ring8],
    models: [model],
  };
}

function metrics(run: RunKey, fromStep: number, count: number, dLoss: number): WorkerEvent {
  const data = new Float64Array(count * METRIC_KEYS.length);
  for (let r = 0; r < count; r++) METRIC_KEYS.forEach((k, c) => (data[r * METRIC_KEYS.length + c] = k === 'step' ? fromStep + r : k === 'dLoss' ? dLoss : 0.5));
  return { type: 'metrics', keys: [...METRIC_KEYS], data, imagesPerSec: 100, stepsPerSec: 10, elapsedMs: 1000, ...(run === 'B' ? { run } : {}) };
}

function quality(run: RunKey, step: number, modes: number): WorkerEvent {
  return {
    type: 'quality',
    step,
    epoch: step / 64,
    values: { modesCovered: modes },
    labels: { modesCovered: 'Modes covered (of 8)' },
    ...(run === 'B' ? { run } : {}),
  };
}

function weights(run: RunKey, step: number, nearZero: number): WorkerEvent {
  const net: NetworkWeightStats = {
    counts: [1, 2, 1],
    range: 1,
    nearZeroFraction: nearZero,
    layers: [{ name: 'dense0/kernel', count: 4, l2: 1, nearZeroFraction: nearZero }],
  };
  return { type: 'weights', step, generator: net, discriminator: net, ...(run === 'B' ? { run } : {}) };
}

/** A saved run file with `n` metric rows (dLoss `dLoss`) and two quality measures. */
function runFile(name: string, n: number, dLoss: number, bytes?: Uint8Array): Blob & { name: string } {
  const rows = new Float64Array(n * METRIC_KEYS.length);
  for (let r = 0; r < n; r++) METRIC_KEYS.forEach((k, c) => (rows[r * METRIC_KEYS.length + c] = k === 'step' ? r + 1 : k === 'dLoss' ? dLoss : 0.5));
  const file =
    bytes ??
    fakeRunFile(fakeRunSnapshot({ dataset: 'ring8' }, n), {
      metrics: { keys: [...METRIC_KEYS], rows },
      quality: {
        labels: { modesCovered: 'Modes covered (of 8)' },
        points: [
          { step: 1, epoch: 0, values: { modesCovered: 1 } },
          { step: n, epoch: 1, values: { modesCovered: 8 } },
        ],
      },
    });
  return Object.assign(new Blob([file as Uint8Array<ArrayBuffer>]), { name });
}

function twin() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0 });
  const s = () => store.getState();
  s().handleEvent(ready());
  s().handleEvent({ type: 'hyperparams', applied: DEFAULT_CONFIG, step: 0 });
  s().startTwin();
  // The worker forks B from A where A is (here step 0): no new run, B's events follow.
  s().handleEvent({ type: 'forked', run: 'B', step: 0 });
  s().handleEvent({ type: 'hyperparams', applied: DEFAULT_CONFIG, step: 0, run: 'B' });
  return { store, sent, s };
}

describe('twin runs and baselines in the store', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps B’s metrics apart from A’s and its status beside A’s', () => {
    const { s, sent } = twin();
    expect(sent.at(-1)).toEqual({ type: 'twin', action: 'start' });
    expect(s().twinOn).toBe(true);
    s().handleEvent(metrics('A', 1, 10, 0.7));
    s().handleEvent(metrics('B', 1, 10, 0.3));
    s().flushCharts();
    expect(s().charts.losses.map((r) => r.dLoss)).toEqual(Array(10).fill(0.7));
    expect(s().chartsB.losses.map((r) => r.dLoss)).toEqual(Array(10).fill(0.3));
    expect(s().step).toBe(10);
    expect(s().stepB).toBe(10);
    expect(s().stepsPerSecB).toBe(10);
  });

  it('sends a live value to B only, to both, or to A only, by the target', () => {
    vi.useFakeTimers();
    const { s, sent } = twin();
    s().setLiveTarget('B');
    s().setLive('l2D', 0.01);
    vi.advanceTimersByTime(100);
    expect(sent.at(-1)).toEqual({ type: 'setHyperparams', values: { l2D: 0.01 }, run: 'B' });
    expect(shownValue(s(), 'l2D')).toBe(0.01);
    expect(s().config?.l2D).toBe(DEFAULT_CONFIG.l2D);
    s().setLiveTarget('both');
    s().setLive('lrD', 1e-3);
    vi.advanceTimersByTime(100);
    expect(sent.slice(-2)).toEqual([
      { type: 'setHyperparams', values: { lrD: 1e-3 }, run: 'B' },
      { type: 'setHyperparams', values: { lrD: 1e-3 } },
    ]);
  });

  it('Keep B makes B’s history and settings the run’s', () => {
    const { s, sent } = twin();
    s().handleEvent(metrics('A', 1, 5, 0.7));
    s().handleEvent(metrics('B', 1, 5, 0.3));
    s().handleEvent({ type: 'hyperparams', applied: { ...DEFAULT_CONFIG, l2D: 0.01 }, step: 0, run: 'B' });
    s().keepRun('B');
    expect(sent.at(-1)).toEqual({ type: 'twin', action: 'keepB' });
    expect(s().twinOn).toBe(false);
    expect(s().config?.l2D).toBe(0.01);
    expect(s().charts.losses.map((r) => r.dLoss)).toEqual(Array(5).fill(0.3));
    expect(s().chartsB.losses).toEqual([]);
  });

  it('Keep A drops B’s history', () => {
    const { s } = twin();
    s().handleEvent(metrics('A', 1, 5, 0.7));
    s().handleEvent(metrics('B', 1, 5, 0.3));
    s().flushCharts();
    s().keepRun('A');
    expect(s().chartsB.losses).toEqual([]);
    expect(s().charts.losses.map((r) => r.dLoss)).toEqual(Array(5).fill(0.7));
  });

  it('a twin started mid-run keeps A’s history and step; B’s line starts at the fork; Keep B joins them', () => {
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0 });
    const s = () => store.getState();
    s().handleEvent(ready());
    s().handleEvent({ type: 'state', running: false, step: 0, epoch: 0 });
    s().handleEvent(metrics('A', 1, 10, 0.7));
    s().startTwin();
    s().handleEvent({ type: 'forked', run: 'B', step: 10 });
    s().handleEvent({ type: 'hyperparams', applied: { ...DEFAULT_CONFIG, l2D: 0.01 }, step: 10, run: 'B' });
    s().handleEvent({ type: 'state', running: false, step: 10, epoch: 0, run: 'B' });
    s().handleEvent({ type: 'state', running: false, step: 10, epoch: 0 });
    expect(s()).toMatchObject({ twinOn: true, forkStep: 10, step: 10, stepB: 10, runningB: false });
    s().handleEvent(metrics('A', 11, 5, 0.7));
    s().handleEvent(metrics('B', 11, 5, 0.3));
    s().flushCharts();
    expect(s().charts.losses.map((r) => r.step)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(s().chartsB.losses.map((r) => r.step)).toEqual([11, 12, 13, 14, 15]);
    s().keepRun('B');
    expect(s().charts.losses.map((r) => [r.step, r.dLoss])).toEqual(Array.from({ length: 15 }, (_, i) => [i + 1, i < 10 ? 0.7 : 0.3]));
  });

  it('Start / Pause / Reset of one run become commands for that run; Reset B starts B’s line afresh', () => {
    const { s, sent } = twin();
    s().startRunOf('B');
    expect(sent.at(-1)).toEqual({ type: 'start', run: 'B' });
    s().pauseRunOf('A');
    expect(sent.at(-1)).toEqual({ type: 'pause', run: 'A' });
    s().handleEvent({ type: 'state', running: true, step: 3, epoch: 0, run: 'B' });
    expect(s().runningB).toBe(true);
    s().handleEvent(metrics('B', 1, 5, 0.3));
    s().flushCharts();
    expect(s().chartsB.losses).toHaveLength(5);
    s().resetB();
    expect(sent.at(-1)).toEqual({ type: 'reset', run: 'B' });
    s().handleEvent({ type: 'forked', run: 'B', step: 40 });
    s().flushCharts();
    expect(s().chartsB.losses).toEqual([]);
    expect(s().forkStep).toBe(40);
  });

  it('pins up to three baselines that outlive a new run; hides and removes them', () => {
    const { s } = twin();
    expect(s().pinBaseline()).toBe(false);
    s().handleEvent(metrics('A', 1, 8, 0.7));
    expect(s().pinBaseline()).toBe(true);
    expect(s().baselines[0].label).toMatch(/^8 Gaussians on a ring, .*to step 8$/);
    expect(s().baselines[0].charts.losses).toHaveLength(8);
    s().handleEvent(ready());
    expect(s().baselines).toHaveLength(1);
    expect(s().twinOn).toBe(false);
    s().handleEvent(metrics('A', 1, 3, 0.1));
    expect(s().pinBaseline()).toBe(true);
    expect(s().pinBaseline()).toBe(true);
    expect(s().pinBaseline()).toBe(false);
    expect(s().errors.at(-1)?.message).toMatch(/At most 3/);
    const id = s().baselines[0].id;
    s().toggleBaseline(id);
    expect(s().baselines[0].hidden).toBe(true);
    s().removeBaseline(id);
    expect(s().baselines).toHaveLength(2);
  });

  it('keeps B’s quality measures and weights apart from A’s', () => {
    const { s } = twin();
    s().handleEvent(quality('A', 0, 1));
    s().handleEvent(quality('B', 0, 1));
    s().handleEvent(quality('A', 64, 3));
    s().handleEvent(quality('B', 64, 6));
    s().handleEvent(weights('A', 64, 0.1));
    s().handleEvent(weights('B', 64, 0.4));
    expect(s().quality.rows.map((r) => r.modesCovered)).toEqual([1, 3]);
    expect(s().qualityB.rows.map((r) => r.modesCovered)).toEqual([1, 6]);
    expect(s().qualityB.labels).toEqual({ modesCovered: 'Modes covered (of 8)' });
    expect(s().weights?.generator.nearZeroFraction).toBe(0.1);
    expect(s().weightsB?.generator.nearZeroFraction).toBe(0.4);
    // A new twin (ready) starts B's views afresh.
    s().handleEvent(ready());
    expect(s().qualityB.rows).toEqual([]);
    expect(s().weightsB).toBeNull();
  });

  it('Keep B puts B’s quality and weights in A’s place; a re-measure at the same step does not wipe them', () => {
    const { s } = twin();
    s().handleEvent(quality('A', 64, 3));
    s().handleEvent(quality('B', 64, 6));
    s().handleEvent(quality('B', 128, 7));
    s().handleEvent(weights('A', 128, 0.1));
    s().handleEvent(weights('B', 128, 0.4));
    s().keepRun('B');
    expect(s().quality.rows.map((r) => r.modesCovered)).toEqual([6, 7]);
    expect(s().weights?.generator.nearZeroFraction).toBe(0.4);
    expect(s().qualityB.rows).toEqual([]);
    expect(s().weightsB).toBeNull();
    // The kept run's views are rebuilt where it stopped (worker: showRun), untagged now.
    s().handleEvent(quality('A', 128, 7));
    expect(s().quality.rows.map((r) => r.step)).toEqual([64, 128]);
  });

  it('Keep A drops B’s quality and weights', () => {
    const { s } = twin();
    s().handleEvent(quality('A', 64, 3));
    s().handleEvent(quality('B', 64, 6));
    s().handleEvent(weights('B', 64, 0.4));
    s().keepRun('A');
    expect(s().quality.rows.map((r) => r.modesCovered)).toEqual([3]);
    expect(s().qualityB.rows).toEqual([]);
    expect(s().weightsB).toBeNull();
  });

  it('a pinned baseline holds the quality history too', () => {
    const { s } = twin();
    s().handleEvent(metrics('A', 1, 8, 0.7));
    s().handleEvent(quality('A', 4, 2));
    s().handleEvent(quality('A', 8, 5));
    expect(s().pinBaseline()).toBe(true);
    expect(s().baselines[0].quality.rows).toEqual([
      { step: 4, modesCovered: 2 },
      { step: 8, modesCovered: 5 },
    ]);
    s().handleEvent(ready());
    expect(s().quality.rows).toEqual([]);
    expect(s().baselines[0].quality.rows).toHaveLength(2);
  });

  it('pins a saved run file as a baseline without touching the current run', async () => {
    const { s, sent } = twin();
    s().handleEvent(metrics('A', 1, 5, 0.7));
    s().handleEvent(quality('A', 5, 4));
    s().flushCharts();
    const before = { charts: s().charts, quality: s().quality, step: s().step, config: s().config, twinOn: s().twinOn, sent: sent.length };
    expect(await s().pinBaselineFile(runFile('ring8-mlp2d-step40.ganrun', 40, 0.2))).toBe(true);
    const b = s().baselines[0];
    expect(b.label).toBe('8 Gaussians on a ring, no regularizer, to step 40 (ring8-mlp2d-step40.ganrun)');
    expect(b.hidden).toBe(false);
    expect(b.charts.losses.map((r) => r.dLoss)).toEqual(Array(40).fill(0.2));
    expect(b.quality.rows.map((r) => r.modesCovered)).toEqual([1, 8]);
    expect({ charts: s().charts, quality: s().quality, step: s().step, config: s().config, twinOn: s().twinOn, sent: sent.length }).toEqual(before);
    expect(s().errors).toEqual([]);
  });

  it('a broken run file gives a clear message and changes nothing', async () => {
    const { s } = twin();
    s().handleEvent(metrics('A', 1, 5, 0.7));
    expect(await s().pinBaselineFile(runFile('broken.ganrun', 0, 0, new TextEncoder().encode('GANRUN but not really a run file')))).toBe(false);
    expect(s().baselines).toEqual([]);
    expect(s().errors.at(-1)).toMatchObject({
      code: 'bad-run-file',
      message: 'broken.ganrun cannot be pinned as a baseline: This is not a GAN Playground run file (.ganrun). Nothing was changed.',
    });
    expect(s().step).toBe(5);
  });

  it('pinning from a file respects the three-baseline limit', async () => {
    const { s } = twin();
    for (let i = 0; i < 3; i++) expect(await s().pinBaselineFile(runFile(`run${i}.ganrun`, 10, 0.1 * i))).toBe(true);
    expect(await s().pinBaselineFile(runFile('run3.ganrun', 10, 0.3))).toBe(false);
    expect(s().baselines).toHaveLength(3);
    expect(s().errors.at(-1)?.message).toMatch(/At most 3 baselines/);
  });
});
