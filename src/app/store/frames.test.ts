import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../../worker/protocol';
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
