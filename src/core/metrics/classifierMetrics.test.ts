import { describe, expect, it } from 'vitest';
import { Random } from '../random';
import { classifierMetrics, CONFIDENT_PROB, MIN_CONFIDENT_REAL, realCoverageShares } from './classifierMetrics';
import { gaussianStats } from './frechet';

/** A probability table: sample i is class classes[i] with probability `conf`, the rest shared equally. */
function table(classes: number[], conf: number, k = 10): Float32Array {
  const out = new Float32Array(classes.length * k);
  classes.forEach((c, i) => {
    for (let j = 0; j < k; j++) out[i * k + j] = j === c ? conf : (1 - conf) / (k - 1);
  });
  return out;
}

describe('classifierMetrics', () => {
  it('balanced, confident samples: 10 classes, KL 0, confidence = the max probability', () => {
    const classes = Array.from({ length: 1000 }, (_, i) => i % 10);
    const m = classifierMetrics({ probs: table(classes, 0.9), count: 1000, numClasses: 10 });
    expect(m.classesCovered).toBe(10);
    expect(m.confidentShare).toBe(1);
    expect(m.klToUniform).toBeCloseTo(0, 12);
    expect(m.confidence).toBeCloseTo(0.9, 6);
    expect(m.classHistogram).toEqual(new Array(10).fill(0.1));
    expect(m.fid).toBeNull();
  });

  it('total collapse to one class: 1 class, KL = log 10; unsure samples (blobs) cover nothing', () => {
    const sure = classifierMetrics({ probs: table(new Array(1000).fill(7), 0.95), count: 1000, numClasses: 10 });
    expect(sure.classesCovered).toBe(1);
    const m = classifierMetrics({ probs: table(new Array(1000).fill(7), 0.6), count: 1000, numClasses: 10 });
    expect(m.classesCovered).toBe(0);
    expect(m.confidentShare).toBe(0);
    expect(m.klToUniform).toBeCloseTo(Math.log(10), 12);
    expect(m.confidence).toBeCloseTo(0.6, 6);
    expect(m.classHistogram[7]).toBe(1);
  });

  it('the coverage rule: exactly 2.5% confident samples cover one of 10 classes, just under does not', () => {
    // 1000 samples: class 0 gets 25 (2.5%), class 1 gets 24, class 2 the other 951.
    const classes = [...new Array(25).fill(0), ...new Array(24).fill(1), ...new Array(951).fill(2)];
    const m = classifierMetrics({ probs: table(classes, CONFIDENT_PROB), count: 1000, numClasses: 10 });
    expect(m.classesCovered).toBe(2);
    // The same samples, unsure: no class is covered.
    expect(classifierMetrics({ probs: table(classes, 0.5), count: 1000, numClasses: 10 }).classesCovered).toBe(0);
    const p = [0.025, 0.024, 0.951];
    const h = -p.reduce((s, x) => s + x * Math.log(x), 0);
    expect(m.klToUniform).toBeCloseTo(Math.log(10) - h, 12);
  });

  it("with the real set's class shares, each class's fair share is its own: a small class is covered by its share", () => {
    // A set of 3 classes with real shares 80%, 16%, 4%; 1000 samples in exactly those shares.
    const shares = [0.8, 0.16, 0.04];
    const classes = [...new Array(800).fill(0), ...new Array(160).fill(1), ...new Array(40).fill(2)];
    const probs = table(classes, CONFIDENT_PROB, 3);
    // Against 1/3 (a quarter of it: 8.3% = 83 samples) the 4% class is not covered…
    expect(classifierMetrics({ probs, count: 1000, numClasses: 3 }).classesCovered).toBe(2);
    // …against its own 4% (a quarter: 10 samples) it is.
    expect(classifierMetrics({ probs, count: 1000, numClasses: 3, classShares: shares }).classesCovered).toBe(3);
    // 9 samples of it (under 10) do not cover it.
    const fewer = [...new Array(831).fill(0), ...new Array(160).fill(1), ...new Array(9).fill(2)];
    expect(classifierMetrics({ probs: table(fewer, CONFIDENT_PROB, 3), count: 1000, numClasses: 3, classShares: shares }).classesCovered).toBe(2);
    expect(() => classifierMetrics({ probs, count: 1000, numClasses: 3, classShares: [0.5, 0.5] })).toThrow(/2 class shares for 3 classes/);
  });

  it("with the real images' confident shares, a class is covered by a quarter of what real images give it", () => {
    // Real images: class 0 confident in 3% of them (Fashion-MNIST's shirts: 2.96%), the others 9.7% each.
    const real = [0.03, ...new Array(9).fill(0.097)];
    // Samples: 8 confident class-0 images (over a quarter of 30: 7.5), the rest spread over 1..9.
    const rest = Array.from({ length: 992 }, (_, i) => 1 + (i % 9));
    const probs = table([...new Array(8).fill(0), ...rest], CONFIDENT_PROB);
    // Against a flat 1/10 (25 needed) class 0 is missing…
    expect(classifierMetrics({ probs, count: 1000, numClasses: 10 }).classesCovered).toBe(9);
    // …against what real images give it, it is there.
    expect(classifierMetrics({ probs, count: 1000, numClasses: 10, realConfidentShares: real }).classesCovered).toBe(10);
    // 7 samples (under 7.5) are not enough.
    const seven = table([...new Array(7).fill(0), ...rest, 1], CONFIDENT_PROB);
    expect(classifierMetrics({ probs: seven, count: 1000, numClasses: 10, realConfidentShares: real }).classesCovered).toBe(9);
    // A share of 0 (too few confident real images to measure) falls back to the class share: 8 < 25.
    const unmeasured = [0, ...real.slice(1)];
    expect(classifierMetrics({ probs, count: 1000, numClasses: 10, realConfidentShares: unmeasured }).classesCovered).toBe(9);
    expect(() => classifierMetrics({ probs, count: 1000, numClasses: 10, realConfidentShares: [0.5] })).toThrow(/1 real confident shares for 10 classes/);
  });

  it('realCoverageShares: confident real images per class, 0 below MIN_CONFIDENT_REAL', () => {
    // 100 images: class 0 has 40 confident and 10 unsure; class 1 has MIN_CONFIDENT_REAL − 1 confident; class 2 the rest.
    const few = MIN_CONFIDENT_REAL - 1;
    const probs = new Float32Array([
      ...table(new Array(40).fill(0), 0.95, 3),
      ...table(new Array(10).fill(0), 0.5, 3),
      ...table(new Array(few).fill(1), 0.95, 3),
      ...table(new Array(50 - few).fill(2), 0.95, 3),
    ]);
    expect(realCoverageShares(probs, 100, 3)).toEqual([0.4, 0, (50 - few) / 100]);
    expect(() => realCoverageShares(probs, 0, 3)).toThrow(/at least one image/);
  });

  it('half in 2 classes, half in the other 8: KL known; argmax ties go to the lower class', () => {
    // 400 samples: classes 0, 1 get 100 each (¼), classes 2..9 get 25 each (1/16).
    const classes: number[] = [];
    for (let i = 0; i < 100; i++) classes.push(0, 1);
    for (let c = 2; c < 10; c++) for (let i = 0; i < 25; i++) classes.push(c);
    const m = classifierMetrics({ probs: table(classes, 0.3), count: 400, numClasses: 10 });
    expect(m.klToUniform).toBeCloseTo(2 * 0.25 * Math.log(2.5) + 8 * (1 / 16) * Math.log(10 / 16), 12);
    const tie = classifierMetrics({ probs: new Float32Array([0.5, 0.5, 0, 0]), count: 1, numClasses: 4 });
    expect(tie.classHistogram).toEqual([1, 0, 0, 0]);
    expect(tie.confidence).toBe(0.5);
  });

  it('mixed confidences average per sample', () => {
    const probs = new Float32Array([0.2, 0.8, 0.6, 0.4, 1, 0, 0.5, 0.5]);
    const m = classifierMetrics({ probs, count: 4, numClasses: 2 });
    expect(m.confidence).toBeCloseTo((0.8 + 0.6 + 1 + 0.5) / 4, 6);
    expect(m.classHistogram).toEqual([0.75, 0.25]);
  });

  it('FID against a reference: ≈ 0 for the same distribution, larger for shifted features', () => {
    const rng = new Random(4);
    const dim = 16;
    const n = 2000;
    const ref = gaussianStats(
      Float32Array.from({ length: 5000 * dim }, () => rng.normal()),
      5000,
      dim,
    );
    const same = Float32Array.from({ length: n * dim }, () => rng.normal());
    const shifted = Float32Array.from({ length: n * dim }, () => rng.normal(1, 1));
    const probs = table(
      Array.from({ length: n }, (_, i) => i % 10),
      0.9,
    );
    const a = classifierMetrics({ probs, count: n, numClasses: 10, features: same, reference: ref });
    const b = classifierMetrics({ probs, count: n, numClasses: 10, features: shifted, reference: ref });
    expect(a.fid!).toBeLessThan(0.2);
    // ‖Δμ‖² = 16, plus the finite-sample bias.
    expect(b.fid!).toBeGreaterThan(15.5);
    expect(b.fid!).toBeLessThan(16.5);
  });

  it('rejects bad input', () => {
    expect(() => classifierMetrics({ probs: [], count: 0, numClasses: 10 })).toThrow(/at least one/);
    expect(() => classifierMetrics({ probs: [1], count: 1, numClasses: 10 })).toThrow(/probabilities/);
  });
});
