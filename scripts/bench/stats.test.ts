import { describe, expect, it } from 'vitest';
import {
  achievedGflops,
  gflopsPerSec,
  longTasksWithin,
  median,
  pairedSpeedup,
  percentOf,
  predictStepMs,
  rateSpread,
  ratio,
  sig,
  steadyStepsPerSec,
  topKernels,
} from './stats';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('steady-state rate', () => {
  it('is the median window rate after dropping warm-up windows', () => {
    // A slow first window (compilation), then ~10 steps/s with one outlier.
    const windows = [
      { steps: 1, ms: 5000 },
      { steps: 5, ms: 500 },
      { steps: 5, ms: 510 },
      { steps: 5, ms: 490 },
      { steps: 1, ms: 900 },
    ];
    // Kept rates 10, 9.80, 10.20, 1.11 → median of the middle two.
    expect(steadyStepsPerSec(windows, 1)).toBeCloseTo((10 + 1000 / 102) / 2, 6);
    // With the slow first window (0.2/s) the median is the middle of five.
    expect(steadyStepsPerSec(windows, 0)).toBeCloseTo(1000 / 102, 6);
  });
  it('keeps every window when dropping would leave fewer than two', () => {
    expect(steadyStepsPerSec([{ steps: 2, ms: 1000 }, { steps: 4, ms: 1000 }], 1)).toBe(3);
    expect(steadyStepsPerSec([{ steps: 0, ms: 1000 }, { steps: 4, ms: 0 }])).toBeNaN();
  });
  it('reports the spread of window rates', () => {
    expect(rateSpread([{ steps: 10, ms: 1000 }, { steps: 10, ms: 1000 }])).toBe(0);
    expect(rateSpread([{ steps: 10, ms: 1000 }])).toBeNaN();
    expect(rateSpread([{ steps: 10, ms: 1000 }, { steps: 20, ms: 1000 }])).toBeCloseTo(Math.SQRT2 * 5 / 15, 6);
  });
});

describe('ratios and GFLOP/s', () => {
  it('divides only valid numbers', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(NaN, 2)).toBeNull();
    expect(percentOf(30, 120)).toBe(25);
    expect(percentOf(1, null)).toBeNull();
  });
  it('converts FLOPs and time to GFLOP/s', () => {
    // A 1024³ matMul (2·1024³ FLOPs) in 100 ms is 21.47 GFLOP/s.
    expect(gflopsPerSec(2 * 1024 ** 3, 100)).toBeCloseTo(21.47, 2);
    expect(gflopsPerSec(1e9, 0)).toBeNaN();
    // 10 MFLOP per image, batch 64, 5 steps/s = 3.2 GFLOP/s.
    expect(achievedGflops(1e7, 64, 5)).toBeCloseTo(3.2, 9);
  });
  it('predicts an optimistic step time from the best rate', () => {
    expect(predictStepMs(1e7, 64, 3.2)).toBeCloseTo(200, 9);
    expect(predictStepMs(1e7, 64, null)).toBeNull();
    expect(predictStepMs(1e7, 64, 0)).toBeNull();
  });
  it('rounds to significant digits and maps non-finite values to null', () => {
    expect(sig(1234.567, 3)).toBe(1230);
    expect(sig(0.0012345, 2)).toBe(0.0012);
    expect(sig(Infinity)).toBeNull();
    expect(sig(null)).toBeNull();
    expect(sig(0)).toBe(0);
  });
});

describe('paired speed-up', () => {
  it('is the median of per-pair ratios, so shared load cancels', () => {
    // Load halves both sides in the second pair: the ratio stays 2.
    const ours = [{ steps: 1, ms: 1000 }, { steps: 20, ms: 1000 }, { steps: 10, ms: 1000 }, { steps: 20, ms: 1000 }];
    const plain = [{ steps: 1, ms: 1000 }, { steps: 10, ms: 1000 }, { steps: 5, ms: 1000 }, { steps: 10, ms: 1000 }];
    expect(pairedSpeedup(ours, plain, 1)).toBe(2);
  });
  it('uses only complete pairs and returns null without one', () => {
    expect(pairedSpeedup([{ steps: 3, ms: 1000 }, { steps: 9, ms: 1000 }], [{ steps: 1, ms: 1000 }])).toBe(3);
    expect(pairedSpeedup([], [])).toBeNull();
  });
});

describe('topKernels', () => {
  it('sums by name, sorts by time and gives shares of the total', () => {
    const r = topKernels(
      [
        { name: 'Conv2D', ms: 30 },
        { name: 'Add', ms: 5 },
        { name: 'Conv2D', ms: 30 },
        { name: 'MatMul', ms: 25 },
        { name: 'Relu', ms: 10 },
        { name: 'Bad', ms: NaN },
      ],
      2,
    );
    expect(r.totalMs).toBe(100);
    expect(r.kernels).toEqual([
      { name: 'Conv2D', ms: 60, calls: 2, share: 0.6 },
      { name: 'MatMul', ms: 25, calls: 1, share: 0.25 },
    ]);
  });
});

describe('longTasksWithin', () => {
  it('counts only tasks overlapping a training interval', () => {
    const tasks = [
      { startTime: 10, duration: 60 }, // before training
      { startTime: 95, duration: 80 }, // overlaps the start
      { startTime: 300, duration: 120 }, // inside
      { startTime: 600, duration: 500 }, // after
    ];
    expect(longTasksWithin(tasks, [[100, 500]])).toEqual({ count: 2, worstMs: 120 });
    expect(longTasksWithin(tasks, [])).toEqual({ count: 0, worstMs: 0 });
  });
});
