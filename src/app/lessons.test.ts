import { describe, expect, it } from 'vitest';
import { formatErrors, LIVE_KEYS, validateConfig, validateLiveHyperparams } from '../core/config';
import { getDatasetSource } from '../core/data/registry';
import { modelsForShape } from '../core/models/specs';
import { LESSON_CLAIMS, rangeText, stepText } from './lessonClaims';
import { LESSONS, lessonById } from './lessons';

describe('lessons', () => {
  it('have unique ids, titles, an explanation and things to watch', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(l.title.length).toBeGreaterThan(3);
      expect(l.explanation.length).toBeGreaterThan(40);
      expect(l.watch.length).toBeGreaterThan(0);
      expect(lessonById(l.id)).toBe(l);
    }
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: config validates and its model fits its dataset', (_id, lesson) => {
    const v = validateConfig(lesson.config);
    expect(v.ok, v.ok ? '' : formatErrors(v.errors)).toBe(true);
    const source = getDatasetSource(lesson.config.dataset);
    expect(source, `dataset ${lesson.config.dataset}`).toBeDefined();
    expect(modelsForShape(source!.info.shape)).toContain(lesson.config.model);
  });

  it.each(LESSONS.filter((l) => l.tryIt).map((l) => [l.id, l] as const))('%s: the "try it" change is a valid live change', (_id, lesson) => {
    const values = lesson.tryIt!.values;
    expect(Object.keys(values).every((k) => (LIVE_KEYS as readonly string[]).includes(k))).toBe(true);
    expect(validateLiveHyperparams(values).ok).toBe(true);
  });

  it.each(LESSONS.filter((l) => l.twin).map((l) => [l.id, l] as const))('%s: a twin whose B adds one valid regularizer A lacks', (_id, lesson) => {
    const b = lesson.twin!.b;
    expect(validateLiveHyperparams(b).ok).toBe(true);
    for (const [k, v] of Object.entries(b)) {
      expect(lesson.config[k as keyof typeof lesson.config]).toBe(0);
      expect(v).toBeGreaterThan(0);
    }
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: its text quotes the numbers the lesson suite checks (lessonClaims.ts)', (_id, lesson) => {
    const c = lesson.claims;
    expect(c).toBe(LESSON_CLAIMS[lesson.id as keyof typeof LESSON_CLAIMS]);
    const text = lesson.watch.join('\n');
    expect(c.fromStep).toBeLessThan(c.stopAtStep);
    if (c.modesA) expect(text).toContain(`${rangeText(c.modesA)} of 8`);
    if (c.modesB) expect(text).toContain(`${rangeText(c.modesB)} of 8`);
    if (c.hqA) expect(text).toContain(`${rangeText(c.hqA)}%`);
    if (c.winner)
      expect(text).toMatch(
        c.winner === 'A' ? /A’s high-quality share is the higher|high-quality share stays below A’s/ : /B’s high-quality share is the higher/,
      );
    if (c.line) {
      const name = { dL2: 'D L2', dL1: 'D L1', r1: 'R1' }[c.line.key as string];
      expect(text).toMatch(new RegExp(`${c.line.run}’s dashed ${name} line (starts at its highest and )?${c.line.trend === 'falls' ? 'falls' : 'rises'}`));
    }
    if (c.dGap) expect(text).toMatch(/D\(real\) and D\(fake\) sit together at 0\.5/);
    if (c.radius) expect(text).toContain(`between ${c.radius.min} and ${c.radius.max}`);
    if (c.tryIt) {
      expect(lesson.tryIt, 'a claim about the "try it" button needs the button').toBeDefined();
      expect(c.tryIt.stopAtStep).toBeGreaterThan(c.stopAtStep);
      expect(text).toContain(`to step ${stepText(c.tryIt.stopAtStep)}`);
      expect(text).toContain('by then');
      if (c.tryIt.modesA) expect(text).toContain(`reaches ${c.tryIt.modesA.min} of 8`);
    }
    // Claims the app cannot show are not made: no "rises at first and then falls" (issue 22).
    expect(text).not.toMatch(/rises at first/);
  });

  it('covers the lessons the issues ask for; L2, L1 and R1-against-collapse are twins', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['mode-collapse', 'r1-fix', 'r1-twin', 'l2-too-strong', 'l1-sparse', 'lr-imbalance', 'dirac']);
    expect(LESSONS.filter((l) => l.twin).map((l) => l.id)).toEqual(['r1-twin', 'l2-too-strong', 'l1-sparse']);
    expect(lessonById('dirac')!.config.model).toBe('dirac');
  });
});
