import { describe, expect, it } from 'vitest';
import { checkerboardPercent } from './checkerboard';
import { Random } from '../random';

const H = 8;
/** A soft blob in the middle: smooth, so nearly nothing at the 2-pixel period. */
const bump = (i: number, j: number) => Math.exp(-((i - 3.5) ** 2 + (j - 3.5) ** 2) / 8);
const W = 8;

function image(f: (i: number, j: number) => number, c = 1): Float32Array {
  const x = new Float32Array(H * W * c);
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) for (let ch = 0; ch < c; ch++) x[(i * W + j) * c + ch] = f(i, j);
  return x;
}

describe('checkerboardPercent', () => {
  it('puts a pure 2-pixel on/off pattern, in each direction, at 100%', () => {
    expect(
      checkerboardPercent(
        image((i, j) => ((i + j) % 2 ? 1 : -1)),
        1,
        [H, W, 1],
      ),
    ).toBeCloseTo(100, 6);
    expect(
      checkerboardPercent(
        image((_, j) => (j % 2 ? 0.3 : 0.1)),
        1,
        [H, W, 1],
      ),
    ).toBeCloseTo(100, 6);
    expect(
      checkerboardPercent(
        image((i) => (i % 2 ? 1 : 0)),
        1,
        [H, W, 1],
      ),
    ).toBeCloseTo(100, 6);
  });

  it('puts a smooth bump and a flat image near 0', () => {
    expect(checkerboardPercent(image(bump), 1, [H, W, 1])).toBeLessThan(0.5);
    expect(
      checkerboardPercent(
        image(() => 0.5),
        1,
        [H, W, 1],
      ),
    ).toBe(0);
  });

  it('measures the share of variation: a faint pattern over a bump', () => {
    const ramp = image(bump);
    const pattern = image((i, j) => ((i + j) % 2 ? 0.25 : -0.25));
    const mixed = ramp.map((v, k) => v + pattern[k]);
    const share = checkerboardPercent(mixed, 1, [H, W, 1]);
    // The pattern's variance (0.0625) against the bump's: a share between the two.
    expect(share).toBeGreaterThan(10);
    expect(share).toBeLessThan(90);
  });

  it('averages over images and channels', () => {
    const board = image((i, j) => ((i + j) % 2 ? 1 : -1), 2);
    const flat = image(() => 0, 2);
    const both = new Float32Array([...board, ...flat]);
    expect(checkerboardPercent(both, 2, [H, W, 2])).toBeCloseTo(50, 6);
  });

  it('gives white noise about 3 of its H·W coefficients: 3/(H·W) of the variance', () => {
    const rand = new Random(1);
    const n = 400;
    const x = new Float32Array(n * 32 * 32).map(() => rand.uniform(-1, 1));
    expect(checkerboardPercent(x, n, [32, 32, 1])).toBeCloseTo((100 * 3) / (32 * 32), 1);
  });

  it('refuses a buffer too short for its shape', () => {
    expect(() => checkerboardPercent(new Float32Array(10), 1, [H, W, 1])).toThrow(/10 values for 1 images of 8×8×1/);
  });
});
