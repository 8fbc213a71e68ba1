/**
 * Issue 6's bar for the grid, checked on every CI run (after the other unit tests, beside the ring's
 * run, as `npm run test:quality`). Time is printed, not asserted: speed belongs to the bench.
 */
import { expect, it } from 'vitest';
import { QUALITY_RUN_TIMEOUT_MS, trainRecommended } from './lib/qualityRun';

it(
  'grid25, recommended preset: ≥ 23/25 modes and ≥ 80% high-quality within its 10,000 steps',
  async () => {
    const summary = await trainRecommended('grid25', 25);
    expect(summary.steps).toBe(10_000);
    expect(summary.modeCoverage.modesCovered).toBeGreaterThanOrEqual(23);
    expect(summary.modeCoverage.highQualityFraction).toBeGreaterThanOrEqual(0.8);
  },
  QUALITY_RUN_TIMEOUT_MS,
);
