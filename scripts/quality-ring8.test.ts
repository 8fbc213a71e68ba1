/**
 * Issue 6's bar for the ring, checked on every CI run (after the other unit tests, beside the grid's
 * run, as `npm run test:quality`). Time is printed, not asserted: speed belongs to the bench.
 */
import { expect, it } from 'vitest';
import { QUALITY_RUN_TIMEOUT_MS, trainRecommended } from './lib/qualityRun';

it(
  'ring8, recommended preset: 8/8 modes and ≥ 90% high-quality within its 5,000 steps',
  async () => {
    const summary = await trainRecommended('ring8', 8);
    expect(summary.steps).toBe(5000);
    expect(summary.modeCoverage.modesCovered).toBe(8);
    expect(summary.modeCoverage.highQualityFraction).toBeGreaterThanOrEqual(0.9);
  },
  QUALITY_RUN_TIMEOUT_MS,
);
