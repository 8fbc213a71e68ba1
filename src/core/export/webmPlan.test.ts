import { describe, expect, it } from 'vitest';
import { WEBM_KEY_EVERY, webmFramePlan, webmSize } from './webmPlan';

describe('webmFramePlan', () => {
  it('the walk (64 frames at 8 fps): 125 ms a frame, 8 s in all, key frames at 0 and 32', () => {
    const plan = webmFramePlan(64, 8);
    expect(plan).toHaveLength(64);
    expect(plan.slice(0, 3)).toEqual([
      { timestampUs: 0, durationUs: 125_000, key: true },
      { timestampUs: 125_000, durationUs: 125_000, key: false },
      { timestampUs: 250_000, durationUs: 125_000, key: false },
    ]);
    expect(plan.filter((f) => f.key).map((f) => plan.indexOf(f))).toEqual([0, WEBM_KEY_EVERY]);
    expect(plan.at(-1)!.timestampUs + plan.at(-1)!.durationUs).toBe(8_000_000);
  });

  it('a rate that does not divide a second does not drift: frame i starts at round(i·10⁶/fps)', () => {
    const plan = webmFramePlan(90, 30);
    expect(plan[89].timestampUs).toBe(Math.round((89 * 1e6) / 30));
    expect(plan.reduce((t, f) => t + f.durationUs, 0)).toBe(3_000_000);
    expect(new Set(plan.map((f) => f.durationUs))).toEqual(new Set([33_333, 33_334]));
  });

  it('refuses no frames and impossible rates', () => {
    expect(() => webmFramePlan(0, 8)).toThrow(/frames/);
    expect(() => webmFramePlan(2.5, 8)).toThrow(/frames/);
    expect(() => webmFramePlan(4, 0)).toThrow(/fps/);
    expect(() => webmFramePlan(4, NaN)).toThrow(/fps/);
  });
});

describe('webmSize', () => {
  it('scales the frame and keeps both sides even (VP8’s 4:2:0 colour)', () => {
    expect(webmSize(28, 28, 4)).toEqual({ width: 112, height: 112 });
    expect(webmSize(32, 32, 1)).toEqual({ width: 32, height: 32 });
    expect(webmSize(7, 5, 1)).toEqual({ width: 8, height: 6 });
    expect(webmSize(7, 5, 3)).toEqual({ width: 22, height: 16 });
  });
});
