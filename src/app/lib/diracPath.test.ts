import { describe, expect, it } from 'vitest';
import { diracExtent, timeColor } from './diracPath';

describe('Dirac path drawing', () => {
  it('frames the farthest point on either axis, with a floor', () => {
    expect(diracExtent([])).toBe(0.05);
    expect(
      diracExtent(
        [
          { step: 1, theta: 0.5, psi: -0.2 },
          { step: 2, theta: 0.1, psi: -0.8 },
        ],
        { recent: 1, margin: 1.1 },
      ),
    ).toBeCloseTo(0.88);
    // The early swing is left out: only the newest 75% of the path sets the frame.
    const path = [{ step: 1, theta: 2, psi: 2 }, ...Array.from({ length: 9 }, (_, i) => ({ step: i + 2, theta: 0.2, psi: -0.1 }))];
    expect(diracExtent(path)).toBeCloseTo(0.23);
    expect(diracExtent([{ step: 1, theta: NaN, psi: 0.001 }])).toBe(0.05);
  });
  it('colours early light and late dark', () => {
    expect(timeColor(0)).toBe('rgb(251, 191, 36)');
    expect(timeColor(1)).toBe('rgb(30, 58, 138)');
    expect(timeColor(2)).toBe(timeColor(1));
    expect(timeColor(NaN)).toBe(timeColor(0));
  });
});
