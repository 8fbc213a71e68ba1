import { describe, expect, it } from 'vitest';
import { modeCoverage } from './modeCoverage';

const centers = [
  [0, 0],
  [1, 0],
  [0, 1],
];

describe('modeCoverage', () => {
  it('counts high-quality points within 3σ of the nearest mode and covered modes', () => {
    const pts = [0.02, 0, 1, 0.029, 0.5, 0.5, 0, 0.031];
    const r = modeCoverage(pts, centers, 0.01);
    // (0.02,0) → mode 0 at 2σ; (1,0.029) → mode 1 at 2.9σ; (0.5,0.5) far; (0,0.031) 3.1σ off mode 0.
    expect(r.perMode).toEqual([1, 1, 0]);
    expect(r.modesCovered).toBe(2);
    expect(r.modesTotal).toBe(3);
    expect(r.highQualityFraction).toBeCloseTo(0.5, 10);
  });

  it('a collapsed generator covers one mode, however many points it puts there', () => {
    const pts = new Float32Array(2000).fill(0);
    expect(modeCoverage(pts, centers, 0.01)).toMatchObject({ modesCovered: 1, highQualityFraction: 1, perMode: [1000, 0, 0] });
  });

  it('a few stray high-quality points do not cover a mode: it needs a quarter of its fair share', () => {
    // 1,200 points: 1,000 on mode 0, 99 on mode 1 (one short of 1,200 / 3 / 4 = 100), 100 on mode 2, 1 far off.
    const pts = new Float32Array(2400);
    for (let i = 1000; i < 1099; i++) pts[2 * i] = 1;
    for (let i = 1099; i < 1199; i++) pts[2 * i + 1] = 1;
    pts.set([5, 5], 2398);
    const r = modeCoverage(pts, centers, 0.01);
    expect(r.perMode).toEqual([1000, 99, 100]);
    expect(r.modesCovered).toBe(2);
  });

  it('empty input covers nothing', () => {
    expect(modeCoverage([], centers, 0.1)).toMatchObject({ modesCovered: 0, highQualityFraction: 0 });
  });
});
