import { describe, expect, it } from 'vitest';
import type { Command, WorkerEvent } from '../../worker/protocol';
import { DEFAULT_CONFIG } from '../../core/config';
import { summarizeModel } from '../../core/models/specs';
import { createAppStore } from './appStore';

const grid = (epoch: number, step: number, live = false): WorkerEvent => ({
  type: 'samples',
  step,
  epoch,
  width: 1,
  height: 1,
  pixels: new Uint8ClampedArray([step % 256, 0, 0, 255]),
  ...(live ? { live: true } : {}),
});

describe('live sample grid', () => {
  it('shows live grids without adding them to the scrubber, until the next epoch grid', () => {
    const store = createAppStore(() => undefined, { chartIntervalMs: 0 });
    const s = () => store.getState();
    s().handleEvent(grid(0, 0));
    s().handleEvent(grid(0, 40, true));
    s().handleEvent(grid(0, 80, true));
    expect(s().samples.map((f) => f.step)).toEqual([0]);
    expect(s().liveSample?.step).toBe(80);
    s().handleEvent(grid(1, 100));
    expect(s().samples.map((f) => f.step)).toEqual([0, 100]);
    expect(s().liveSample).toBeNull();
  });
});

describe('Generate class (conditional runs)', () => {
  const ready = (sampleClasses?: number[]): WorkerEvent =>
    ({
      type: 'ready',
      backend: { name: 'wasm', reasons: [], requested: 'auto', hardwareGpu: false },
      config: { ...DEFAULT_CONFIG, conditional: sampleClasses !== undefined },
      model: summarizeModel('dcgan28-small', 64),
      dataset: { id: 'mnist', name: 'MNIST', kind: 'image', shape: [28, 28, 1], count: 1, licence: '', credit: '', description: '', recommended: {} },
      datasets: [],
      models: [],
      ...(sampleClasses ? { sampleClasses } : {}),
    }) as WorkerEvent;

  it('keeps the grid classes, sends classGrid, tags the class grid, and forgets the class on a new run', () => {
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0 });
    const s = () => store.getState();
    const classes = Array.from({ length: 64 }, (_, i) => Math.floor(i / 8) % 10);
    s().handleEvent(ready(classes));
    expect(s().sampleClasses).toEqual(classes);
    expect(s().gridClass).toBeNull();
    s().setGridClass(7);
    expect(s().gridClass).toBe(7);
    expect(sent.at(-1)).toEqual({ type: 'classGrid', classIndex: 7 });
    s().handleEvent({ ...(grid(0, 5, true) as Extract<WorkerEvent, { type: 'samples' }>), classIndex: 7 });
    expect(s().liveSample?.classIndex).toBe(7);
    s().setGridClass(null);
    expect(sent.at(-1)).toEqual({ type: 'classGrid', classIndex: null });
    s().setGridClass(3);
    s().handleEvent(ready());
    expect(s().gridClass).toBeNull();
    expect(s().sampleClasses).toBeNull();
  });

  it('a class the worker refuses goes back to all classes, and the reason is shown in the page language', () => {
    const store = createAppStore(() => undefined, { chartIntervalMs: 0 });
    const s = () => store.getState();
    s().handleEvent(ready(Array.from({ length: 64 }, (_, i) => Math.floor(i / 8))));
    s().setGridClass(12);
    s().handleEvent({
      type: 'error',
      source: 'classGrid',
      code: 'bad-message',
      message: 'classGrid: class 12 is out of range: this run has classes 0–9',
      key: 'classOutOfRange',
      values: { classIndex: 12, last: 9 },
    });
    expect(s().gridClass).toBeNull();
    expect(s().errors.at(-1)?.message).toBe('Class 12 is out of range: this run has classes 0–9. Nothing was drawn; training goes on.');
  });
});
