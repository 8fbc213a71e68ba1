import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config';
import type { DatasetInfo } from '../../core/data/types';
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import { summarizeModel } from '../../core/models/specs';
import type { Command, RunKey, WorkerEvent } from '../../worker/protocol';
import { createAppStore } from './appStore';
import { shownValue } from './live';

const ring8: DatasetInfo = { id: 'ring8', name: 'Ring of 8', kind: 'points', shape: [2], count: 2048, licence: '', credit: '', description: '', recommended: {} };

function ready(): WorkerEvent {
  const model = summarizeModel('mlp2d', 8);
  return { type: 'ready', backend: { name: 'cpu', reasons: [], requested: 'cpu', hardwareGpu: false }, config: DEFAULT_CONFIG, model, dataset: ring8, datasets: [ring8], models: [model] };
}

function metrics(run: RunKey, fromStep: number, count: number, dLoss: number): WorkerEvent {
  const data = new Float64Array(count * METRIC_KEYS.length);
  for (let r = 0; r < count; r++) METRIC_KEYS.forEach((k, c) => (data[r * METRIC_KEYS.length + c] = k === 'step' ? fromStep + r : k === 'dLoss' ? dLoss : 0.5));
  return { type: 'metrics', keys: [...METRIC_KEYS], data, imagesPerSec: 100, stepsPerSec: 10, elapsedMs: 1000, ...(run === 'B' ? { run } : {}) };
}

function twin() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0 });
  const s = () => store.getState();
  s().handleEvent(ready());
  s().startTwin();
  s().handleEvent(ready());
  s().handleEvent({ type: 'hyperparams', applied: DEFAULT_CONFIG, step: 0 });
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

  it('pins up to three baselines that outlive a new run; hides and removes them', () => {
    const { s } = twin();
    expect(s().pinBaseline()).toBe(false);
    s().handleEvent(metrics('A', 1, 8, 0.7));
    expect(s().pinBaseline()).toBe(true);
    expect(s().baselines[0].label).toMatch(/^Ring of 8, .*to step 8$/);
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
});
