import { modelsForShape } from '../models/specs';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, validateConfig } from '../config';
import { DATASET_SOURCES, datasetInfos, getDatasetSource } from './registry';

describe('dataset registry', () => {
  it('lists each dataset once, with ids the config accepts', () => {
    const ids = datasetInfos().map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['ring8', 'grid25', 'gaussian', 'spiral', 'two-moons', 'mnist', 'fashion-mnist', 'emoji']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(datasetInfos()).toHaveLength(DATASET_SOURCES.length);
    const pattern = (CONFIG_FIELDS.dataset as { pattern: RegExp }).pattern;
    for (const id of ids) expect(id).toMatch(pattern);
  });

  it('looks datasets up by id and returns undefined for unknown ids', () => {
    expect(getDatasetSource('mnist')?.info.name).toBe('MNIST digits');
    expect(getDatasetSource('ring8')?.info.kind).toBe('points');
    expect(getDatasetSource('emoji')?.info.shape).toEqual([32, 32, 3]);
    expect(getDatasetSource('nope')).toBeUndefined();
    // A drawing is built at run time, not looked up.
    expect(getDatasetSource('drawn')).toBeUndefined();
    expect(getDatasetSource('')).toBeUndefined();
  });

  it('a recommended learning-rate decay ends within the recommended run', () => {
    for (const info of datasetInfos()) {
      if (info.recommendedSteps !== undefined) expect(Number.isInteger(info.recommendedSteps) && info.recommendedSteps > 0, info.id).toBe(true);
      const { lrDecayStart = 0, lrDecaySteps = 0 } = info.recommended;
      if (lrDecaySteps > 0) expect(lrDecayStart + lrDecaySteps, info.id).toBeLessThanOrEqual(info.recommendedSteps ?? 0);
    }
    expect(getDatasetSource('ring8')?.info.recommendedSteps).toBe(5000);
  });

  it('gives every dataset a valid recommended config and complete metadata', () => {
    for (const info of datasetInfos()) {
      const result = validateConfig({ ...info.recommended, dataset: info.id });
      expect(result.ok, `${info.id}: ${JSON.stringify(result)}`).toBe(true);
      expect(info.recommended.model, info.id).toBeDefined();
      expect(info.licence.length, info.id).toBeGreaterThan(2);
      expect(info.credit.length, info.id).toBeGreaterThan(2);
      expect(info.count, info.id).toBeGreaterThan(0);
      // The recommended model must make examples of the dataset's shape.
      expect(modelsForShape(info.shape), info.id).toContain(info.recommended.model);
      if (info.id === 'dirac') {
        expect(info.shape).toEqual([1]);
      } else if (info.kind === 'points') {
        expect(info.shape).toEqual([2]);
        expect(info.recommended.model).toBe('mlp2d');
      } else {
        expect(info.shape).toHaveLength(3);
        // The recommended model must produce this shape: 28×28×1 → *28*, 32×32×3 → *32* (the resize-conv family on CPUs).
        expect(info.recommended.model).toMatch(info.shape[0] === 28 ? /^resize28-small$/ : /^resize32-small$/);
        expect(info.recommended).toMatchObject({ loss: 'hinge', spectralNorm: 1, emaKimg: 10 });
      }
    }
  });
});
