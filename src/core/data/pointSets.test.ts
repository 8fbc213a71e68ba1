import { describe, expect, it } from 'vitest';
import { gaussianSource } from './gaussian';
import { grid25Source } from './grid25';
import { ring8Source } from './ring8';
import type { Dataset, DatasetSource } from './types';
import { datasetRandom } from './pointsDataset';

const readAll = (d: Dataset): Float32Array => {
  const out = new Float32Array(d.count * d.dim);
  d.readBatch(
    Array.from({ length: d.count }, (_, i) => i),
    out,
  );
  return out;
};

const load = (source: DatasetSource, seed: number) => source.load({ seed, readAsset: () => Promise.reject(new Error('no assets for point sets')) });

/** For each point, the index of the nearest mode and the distance to it. */
function nearestModes(points: Float32Array, centers: number[][]): { mode: number; dist: number }[] {
  const result: { mode: number; dist: number }[] = [];
  for (let i = 0; i < points.length; i += 2) {
    let best = -1;
    let bestDist = Infinity;
    centers.forEach(([cx, cy], k) => {
      const d = Math.hypot(points[i] - cx, points[i + 1] - cy);
      if (d < bestDist) [best, bestDist] = [k, d];
    });
    result.push({ mode: best, dist: bestDist });
  }
  return result;
}

describe.each([
  { source: ring8Source, modes: 8, sigma: 0.01, maxAbs: 1.06, count: 10_000 },
  { source: grid25Source, modes: 25, sigma: 0.05, maxAbs: 4.3, count: 100_000 },
  { source: gaussianSource, modes: 1, sigma: 1, maxAbs: 5, count: 10_000 },
])('$source.info.id', ({ source, modes, sigma, maxAbs, count }) => {
  it('has the advertised shape, count and mode description', async () => {
    const d = await load(source, 1);
    expect(source.info.kind).toBe('points');
    expect(source.info.shape).toEqual([2]);
    expect(d.count).toBe(source.info.count);
    expect(d.count).toBe(count);
    expect(d.dim).toBe(2);
    expect(source.info.modes!.centers).toHaveLength(modes);
    expect(source.info.modes!.sigma).toBe(sigma);
  });

  it('puts every point within 5σ of a mode, inside the extent, and uses every mode about equally', async () => {
    const d = await load(source, 7);
    const pts = readAll(d);
    const { centers } = source.info.modes!;
    const near = nearestModes(pts, centers);
    const far = near.filter((n) => n.dist > 5 * sigma);
    expect(far).toHaveLength(0);
    const ext = source.info.extent!;
    let outOfBounds = 0;
    let outOfExtent = 0;
    for (let i = 0; i < pts.length; i += 2) {
      if (!(Math.abs(pts[i]) <= maxAbs && Math.abs(pts[i + 1]) <= maxAbs)) outOfBounds++;
      if (!(pts[i] > ext.xMin && pts[i] < ext.xMax && pts[i + 1] > ext.yMin && pts[i + 1] < ext.yMax)) outOfExtent++;
    }
    expect(outOfBounds).toBe(0);
    expect(outOfExtent).toBe(0);
    const perMode = new Array(modes).fill(0);
    for (const n of near) perMode[n.mode]++;
    const expected = d.count / modes;
    for (const c of perMode) expect(Math.abs(c - expected)).toBeLessThan(0.25 * expected);
    // Spread around each mode matches σ (per-axis std of the offsets).
    const offsets = near.map((n) => n.dist);
    const rms = Math.sqrt(offsets.reduce((a, b) => a + b * b, 0) / offsets.length / 2);
    expect(rms / sigma).toBeGreaterThan(0.9);
    expect(rms / sigma).toBeLessThan(1.1);
  });

  it('is deterministic in the seed and differs between seeds', async () => {
    const a = readAll(await load(source, 3));
    const b = readAll(await load(source, 3));
    const c = readAll(await load(source, 4));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('readBatch copies the requested examples in order and rejects bad requests', async () => {
    const d = await load(source, 5);
    const all = readAll(d);
    const out = new Float32Array(6);
    d.readBatch([9, 0, 9], out);
    expect(Array.from(out)).toEqual([all[18], all[19], all[0], all[1], all[18], all[19]]);
    expect(() => d.readBatch([d.count], out)).toThrow(/out of range/);
    expect(() => d.readBatch([-1], out)).toThrow(/out of range/);
    expect(() => d.readBatch([0, 1, 2, 3], out)).toThrow(/needs 8 floats/);
  });
});

describe('datasetRandom', () => {
  it('gives different streams for different dataset ids with the same seed', () => {
    expect(datasetRandom(1, 'ring8').next()).not.toBe(datasetRandom(1, 'grid25').next());
    expect(datasetRandom(1, 'ring8').next()).toBe(datasetRandom(1, 'ring8').next());
  });
});
