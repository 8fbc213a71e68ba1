import { describe, expect, it } from 'vitest';
import { classMixPath, classRows } from './classPaths';

describe('class paths', () => {
  it('mixes two one-hots linearly: exact ends, rows summing to 1', () => {
    const p = classMixPath(3, 8, 5, 10);
    expect(Array.from(p.subarray(0, 10))).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(p.subarray(40, 50))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(p[2 * 10 + 3]).toBeCloseTo(0.5, 6);
    expect(p[2 * 10 + 8]).toBeCloseTo(0.5, 6);
    for (let f = 0; f < 5; f++) expect(p.subarray(f * 10, f * 10 + 10).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
  });

  it('a path from a class to itself stays that class', () => {
    expect(classMixPath(2, 2, 3, 4)).toEqual(classRows(2, 3, 4));
  });

  it('refuses a path of fewer than 2 frames', () => {
    expect(() => classMixPath(0, 1, 1, 2)).toThrow(/2 or more/);
  });
});
