import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config';
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import { summarizeModel } from '../../core/models/specs';
import type { DatasetInfo } from '../../core/data/types';
import type { Command, WorkerEvent } from '../../worker/protocol';
import { createAppStore } from './appStore';
import { CHART_POINTS, STAGGER_MS } from './charts';
import { addFrame } from './frames';
import type { SampleFrame } from './frames';
import { LIVE_SEND_MS } from './live';
import { shownValue } from './live';

const ring8: DatasetInfo = {
  id: 'ring8',
  name: 'Ring of 8',
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
    backend: { name: 'wasm', reasons: ['webgpu: no adapter'], requested: 'auto', hardwareGpu: false },
    config: DEFAULT_CONFIG,
    model,
    dataset: ring8,
    datasets: [ring8],
    models: [model],
  };
}

function metrics(fromStep: number, count: number, extra: Partial<Record<string, number>> = {}): WorkerEvent {
  const data = new Float64Array(count * METRIC_KEYS.length);
  for (let r = 0; r < count; r++) {
    METRIC_KEYS.forEach((k, c) => (data[r * METRIC_KEYS.length + c] = k === 'step' ? fromStep + r : (extra[k] ?? 0.5)));
  }
  return { type: 'metrics', keys: [...METRIC_KEYS], data, imagesPerSec: 100, stepsPerSec: 10, elapsedMs: 1000 };
}

function setup() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0 });
  return { store, sent, s: () => store.getState() };
}

describe('app store', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends init and becomes ready', () => {
    const { store, sent, s } = setup();
    s().init({ dataset: 'ring8' }, 'wasm', ['a notice']);
    expect(sent).toEqual([{ type: 'init', config: { dataset: 'ring8' }, backend: 'wasm' }]);
    expect(s().phase).toBe('loading');
    store.getState().handleEvent(ready());
    expect(s().phase).toBe('ready');
    expect(s().backend?.name).toBe('wasm');
    expect(s().config?.lrD).toBe(DEFAULT_CONFIG.lrD);
    expect(s().notices).toEqual(['a notice']);
  });

  it('turns run controls into commands', () => {
    const { sent, s } = setup();
    s().start();
    s().pause();
    s().stepOnce();
    s().reset();
    s().reset({ dataset: 'mnist' });
    s().requestSamples();
    expect(sent.map((c) => c.type)).toEqual(['start', 'pause', 'step', 'reset', 'reset', 'requestSamples']);
    expect(sent[2]).toEqual({ type: 'step', count: 1 });
    expect(sent[4]).toEqual({ type: 'reset', config: { dataset: 'mnist' } });
  });

  it('accumulates metrics into downsampled charts and follows the step', () => {
    const { s } = setup();
    s().handleEvent(ready());
    s().handleEvent(metrics(1, 300));
    s().handleEvent(metrics(301, 900, { dL2: 0.25 }));
    s().flushCharts();
    expect(s().historyLength).toBe(1200);
    expect(s().step).toBe(1200);
    // Downsampled to about CHART_POINTS (the union over a chart's series may keep a few more).
    expect(s().charts.losses.length).toBeLessThanOrEqual((CHART_POINTS * 5) / 3);
    expect(s().charts.losses.length).toBeGreaterThanOrEqual((CHART_POINTS * 5) / 6);
    expect(s().charts.penalties[s().charts.penalties.length - 1].dL2).toBe(0.25);
    expect(s().latest.dL2).toBe(0.25);
    expect(s().imagesPerSec).toBe(100);
  });

  it('keeps chart arrays stable when nothing changed (no re-render loops)', () => {
    const { s } = setup();
    s().handleEvent(metrics(1, 10));
    s().flushCharts();
    const before = s().charts;
    s().flushCharts();
    expect(s().charts).toBe(before);
  });

  it('throttles chart recomputation', () => {
    vi.useFakeTimers();
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 100 });
    const s = () => store.getState();
    s().handleEvent(metrics(1, 5));
    vi.advanceTimersByTime(10);
    expect(s().historyLength).toBe(5); // the first batch charts at once
    s().handleEvent(metrics(6, 5));
    vi.advanceTimersByTime(10);
    expect(s().historyLength).toBe(5); // not yet: 20 ms of the 100 ms interval have passed
    vi.advanceTimersByTime(79);
    expect(s().historyLength).toBe(5);
    vi.advanceTimersByTime(1);
    expect(s().historyLength).toBe(10);
  });

  it('staggers charts one turn apart, so no task redraws them all; a flush applies all at once', () => {
    vi.useFakeTimers();
    const store = createAppStore(() => undefined, { chartIntervalMs: 0, staggerCharts: true });
    const s = () => store.getState();
    s().handleEvent(metrics(1, 5));
    vi.advanceTimersByTime(0);
    // The first turn: the losses chart and the legends.
    expect(s().charts.losses.length).toBe(5);
    expect(s().historyLength).toBe(5);
    expect(s().charts.penalties).toEqual([]);
    vi.advanceTimersByTime(STAGGER_MS - 1);
    expect(s().charts.penalties).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(s().charts.penalties.length).toBe(5);
    expect(s().charts.outputs).toEqual([]);
    vi.advanceTimersByTime(2 * STAGGER_MS);
    expect(s().charts.outputs.length).toBe(5);
    expect(s().charts.regularizers.length).toBe(5);
    // A newer batch takes over: the old stages stop, the new ones start from the losses.
    s().handleEvent(metrics(6, 5));
    vi.advanceTimersByTime(0);
    expect(s().charts.losses.length).toBe(10);
    expect(s().charts.penalties.length).toBe(5);
    // A flush (pinning a baseline) applies every chart at once.
    s().flushCharts();
    expect(s().charts.penalties.length).toBe(10);
    expect(s().charts.regularizers.length).toBe(10);
  });

  it('starts the history afresh when steps go backwards (reset)', () => {
    const { s } = setup();
    s().handleEvent(metrics(1, 50));
    s().handleEvent({ type: 'state', running: false, step: 50, epoch: 0 });
    s().handleEvent({ type: 'state', running: false, step: 0, epoch: 0 });
    s().flushCharts();
    expect(s().historyLength).toBe(0);
    expect(s().step).toBe(0);
    s().handleEvent(metrics(1, 5));
    s().flushCharts();
    expect(s().historyLength).toBe(5);
  });

  it('coalesces live changes, shows pending values, then the applied ones', () => {
    vi.useFakeTimers();
    const { sent, s } = setup();
    s().handleEvent(ready());
    s().setLive('l2D', 1e-3);
    s().setLive('l2D', 2e-3);
    s().setLive('lrG', 5e-4);
    expect(shownValue(s(), 'l2D')).toBe(2e-3);
    vi.advanceTimersByTime(LIVE_SEND_MS - 1);
    expect(sent.filter((c) => c.type === 'setHyperparams')).toEqual([]);
    vi.advanceTimersByTime(1);
    const live = sent.filter((c) => c.type === 'setHyperparams');
    expect(live).toEqual([{ type: 'setHyperparams', values: { l2D: 2e-3, lrG: 5e-4 } }]);
    s().handleEvent({ type: 'hyperparams', applied: { ...DEFAULT_CONFIG, l2D: 2e-3, lrG: 5e-4 }, step: 42 });
    expect(s().pending).toEqual({});
    expect(s().config?.l2D).toBe(2e-3);
    expect(s().appliedStep).toBe(42);
    expect(s().appliedSince).toEqual({ l2D: 42, lrG: 42 });
    expect(shownValue(s(), 'l2D')).toBe(2e-3);
  });

  it('a rejected setHyperparams shows the applied values again; an unrelated error keeps the pending ones', () => {
    vi.useFakeTimers();
    const { s } = setup();
    s().handleEvent(ready());
    s().setLive('lrD', 0.5);
    vi.advanceTimersByTime(LIVE_SEND_MS);
    s().handleEvent({ type: 'error', code: 'internal', source: 'previewDataset', message: 'previewDataset failed' });
    expect(s().pending).toEqual({ lrD: 0.5 });
    s().handleEvent({ type: 'error', code: 'bad-config', source: 'setHyperparams', message: 'lrD: too big' });
    expect(s().pending).toEqual({});
    expect(shownValue(s(), 'lrD')).toBe(DEFAULT_CONFIG.lrD);
  });

  it('a value changed again before its first answer stays pending until its own answer', () => {
    vi.useFakeTimers();
    const { sent, s } = setup();
    s().handleEvent(ready());
    s().setLive('lrD', 0.01);
    vi.advanceTimersByTime(LIVE_SEND_MS); // sent: 0.01
    s().setLive('lrD', 0.02);
    vi.advanceTimersByTime(LIVE_SEND_MS); // sent: 0.02
    s().setLive('lrD', 0.01); // not sent yet
    s().handleEvent({ type: 'hyperparams', applied: { ...DEFAULT_CONFIG, lrD: 0.01 }, step: 5 });
    expect(shownValue(s(), 'lrD')).toBe(0.01);
    expect(s().pending).toEqual({ lrD: 0.01 }); // an answer of 0.02 is still to come
    vi.advanceTimersByTime(LIVE_SEND_MS);
    expect(sent.filter((c) => c.type === 'setHyperparams').map((c) => c.type === 'setHyperparams' && c.values.lrD)).toEqual([0.01, 0.02, 0.01]);
  });

  it('an error before ready from anything but start-up is shown without a retry', () => {
    const { sent, s } = setup();
    s().init({ dataset: 'ring8' }, 'auto');
    s().handleEvent({ type: 'error', code: 'bad-message', source: 'previewDataset', message: 'previewDataset: unknown dataset "x"' });
    expect(sent).toHaveLength(1);
    expect(s().phase).toBe('loading');
    expect(s().errors).toHaveLength(1);
  });

  it('shows worker errors and drops a rejected URL field before ready, then retries', () => {
    const { sent, s } = setup();
    s().init({ dataset: 'nope', batchSize: 8 }, 'auto');
    s().handleEvent({
      type: 'error',
      code: 'bad-config',
      source: 'init',
      message: 'dataset "nope" is unknown',
      fieldErrors: [{ field: 'dataset', message: 'unknown' }],
    });
    expect(s().errors[0].message).toMatch(/nope/);
    expect(sent[1]).toEqual({ type: 'reset', config: { batchSize: 8 } });
    s().dismissError(s().errors[0].id);
    expect(s().errors).toEqual([]);
  });

  it('falls back to auto when a forced backend fails before ready', () => {
    const { sent, s } = setup();
    s().init({}, 'webgpu');
    s().handleEvent({ type: 'error', code: 'backend-failed', source: 'init', message: 'webgpu: no adapter' });
    expect(sent[1]).toEqual({ type: 'init', config: {}, backend: 'auto' });
    expect(s().phase).toBe('loading');
  });

  it('a worker crash is shown and marks the app failed', () => {
    const { s } = setup();
    s().workerFailed('worker script failed to load');
    expect(s().phase).toBe('failed');
    expect(s().errors[0].code).toBe('worker-crashed');
  });
});

describe('sample frames', () => {
  const f = (epoch: number, step: number): SampleFrame => ({ epoch, step, width: 1, height: 1, pixels: new Uint8ClampedArray(4) });
  it('keeps one frame per epoch and restarts on a new run', () => {
    let frames = addFrame([], f(0, 0));
    frames = addFrame(frames, f(1, 100));
    frames = addFrame(frames, f(1, 120));
    expect(frames.map((x) => x.step)).toEqual([0, 120]);
    frames = addFrame(frames, f(0, 0));
    expect(frames.map((x) => x.step)).toEqual([0]);
  });
  it('thins old frames past the cap but keeps the first and newest', () => {
    let frames: SampleFrame[] = [];
    for (let e = 0; e < 500; e++) frames = addFrame(frames, f(e, e * 10), 50);
    expect(frames.length).toBeLessThanOrEqual(50);
    expect(frames[0].epoch).toBe(0);
    expect(frames[frames.length - 1].epoch).toBe(499);
  });
});

describe('diagnostics', () => {
  it("keeps the worker's tensor count from the heartbeat's pong", () => {
    const store = createAppStore(() => undefined, { chartIntervalMs: 0 });
    expect(store.getState().workerTensors).toBeNull();
    store.getState().handleEvent({ type: 'pong', tensors: 42 });
    expect(store.getState().workerTensors).toBe(42);
    // A bare pong (an older worker) keeps the last count.
    store.getState().handleEvent({ type: 'pong' });
    expect(store.getState().workerTensors).toBe(42);
  });
});
