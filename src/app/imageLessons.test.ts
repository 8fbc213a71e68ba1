import { describe, expect, it } from 'vitest';
import { validateConfig, validateLiveHyperparams } from '../core/config';
import { modelsForShape } from '../core/models/specs';
import { getDatasetSource } from '../core/data/registry';
import { IMAGE_LESSONS } from './imageLessons';

describe('the image lessons', () => {
  it('each config validates, its model fits its dataset, and a twin’s B values are valid live values', () => {
    expect(IMAGE_LESSONS.map((l) => l.id)).toEqual(['images-d-overfits', 'images-l2-d', 'images-ema', 'images-checkerboard']);
    for (const l of IMAGE_LESSONS) {
      expect(validateConfig(l.config).ok, l.id).toBe(true);
      expect(modelsForShape(getDatasetSource(l.config.dataset)!.info.shape), l.id).toContain(l.config.model);
      if (l.twin) expect(validateLiveHyperparams(l.twin.b).ok, l.id).toBe(true);
    }
    expect(IMAGE_LESSONS[0].config.holdout).toBeGreaterThan(0);
  });
});
