import { describe, expect, it } from 'vitest';
import { formatErrors, LIVE_KEYS, validateConfig, validateLiveHyperparams } from '../core/config';
import { getDatasetSource } from '../core/data/registry';
import { modelsForShape } from '../core/models/specs';
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

  it('covers the six lessons the issue asks for', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['mode-collapse', 'r1-fix', 'l2-too-strong', 'l1-sparse', 'lr-imbalance', 'dirac']);
    expect(lessonById('dirac')!.config.model).toBe('dirac');
  });
});
