import { describe, expect, it } from 'vitest';
import { Random } from '../random';
import { gaussianVector, interpolationPath, latentWalk, slerp } from './latentPaths';

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const frame = (path: Float32Array, d: number, i: number) => path.subarray(i * d, (i + 1) * d);
const dist = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0));

describe('slerp', () => {
  const rng = new Random(3);
  const a = gaussianVector(rng, 64);
  const b = gaussianVector(rng, 64);

  it('starts at a and ends at b', () => {
    expect(dist(slerp(a, b, 0), a)).toBeLessThan(1e-4);
    expect(dist(slerp(a, b, 1), b)).toBeLessThan(1e-4);
  });

  it('keeps the length between the two ends, where a straight line dips inside the sphere', () => {
    const mid = slerp(a, b, 0.5);
    const line = a.map((x, i) => (x + b[i]) / 2);
    expect(norm(mid)).toBeCloseTo((norm(a) + norm(b)) / 2, 3);
    expect(norm(line)).toBeLessThan(0.85 * norm(mid));
  });

  it('walks the angle evenly', () => {
    const path = interpolationPath(a, b, 5);
    const angle = (u: Float32Array, v: Float32Array) => Math.acos(u.reduce((s, x, i) => s + x * v[i], 0) / (norm(u) * norm(v)));
    const steps = [0, 1, 2, 3].map((i) => angle(frame(path, 64, i), frame(path, 64, i + 1)));
    for (const s of steps) expect(s).toBeCloseTo(angle(a, b) / 4, 4);
  });

  it('falls back to a line for parallel vectors and refuses mismatched ones', () => {
    const v = new Float32Array([1, 2, 3]);
    expect(
      Array.from(
        slerp(
          v,
          v.map((x) => 2 * x),
          0.5,
        ),
      ),
    ).toEqual([1.5, 3, 4.5]);
    expect(() => slerp(v, new Float32Array(2), 0.5)).toThrow(/3 and 2 dimensions/);
    expect(() => interpolationPath(v, v, 1)).toThrow(/frames must be/);
  });
});

describe('latentWalk', () => {
  const d = 32;
  const sigma = 1.5;
  const walk = latentWalk(7, d, sigma, 4, 12);

  it('stays on the sphere of radius √d·σ', () => {
    expect(walk.length).toBe(4 * 12 * d);
    for (let i = 0; i < 48; i++) expect(norm(frame(walk, d, i))).toBeCloseTo(Math.sqrt(d) * sigma, 3);
  });

  it('moves in small even steps and loops back to its start without a jump', () => {
    const steps = Array.from({ length: 48 }, (_, i) => dist(frame(walk, d, i), frame(walk, d, (i + 1) % 48)));
    const mean = steps.reduce((s, x) => s + x, 0) / steps.length;
    expect(Math.max(...steps)).toBeLessThan(2 * mean);
    expect(mean).toBeLessThan(0.2 * Math.sqrt(d) * sigma);
  });

  it('is the same walk for the same seed, another for another', () => {
    expect(Array.from(latentWalk(7, d, sigma, 4, 12))).toEqual(Array.from(walk));
    expect(dist(frame(latentWalk(8, d, sigma, 4, 12), d, 0), frame(walk, d, 0))).toBeGreaterThan(1);
  });
});
