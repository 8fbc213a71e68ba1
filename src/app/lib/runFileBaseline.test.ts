import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import { fakeRunFile, fakeRunSnapshot } from '../../core/testing/fakeRunSnapshot';
import type { RunHistory } from '../../core/runfile/runFile';
import { CHART_POINTS } from '../store/charts';
import { baselineFromRunFile } from './runFileBaseline';

/** `n` metric rows, steps 1…n, dLoss falling from 1 by 1/n per step. */
function history(n: number): RunHistory {
  const rows = new Float64Array(n * METRIC_KEYS.length);
  for (let r = 0; r < n; r++) METRIC_KEYS.forEach((k, c) => (rows[r * METRIC_KEYS.length + c] = k === 'step' ? r + 1 : k === 'dLoss' ? 1 - r / n : 0.5));
  return {
    metrics: { keys: [...METRIC_KEYS], rows },
    quality: {
      labels: { modesCovered: 'Modes covered (of 8)' },
      points: [
        { step: 64, epoch: 1, values: { modesCovered: 3 } },
        { step: 128, epoch: 2, values: { modesCovered: 6 } },
      ],
    },
    sampleFrames: [
      { step: 64, epoch: 1, width: 2, height: 1, pixels: Uint8Array.from([1, 2, 3, 255, 4, 5, 6, 255]) },
      { step: 128, epoch: 2, width: 2, height: 1, pixels: Uint8Array.from([9, 9, 9, 255, 8, 8, 8, 255]) },
    ],
  };
}

const names = (id: string) => (id === 'ring8' ? 'Ring of 8' : undefined);

describe('a run file as a baseline', () => {
  it('takes the metric rows (downsampled like the live charts), the quality rows, the last grid, and a label from its settings', () => {
    const bytes = fakeRunFile(fakeRunSnapshot({ dataset: 'ring8', l2D: 0.01 }, 1000), history(1000));
    const r = baselineFromRunFile(bytes, 'ring8-mlp2d-step1000.ganrun', names);
    if (!r.ok) throw new Error(r.message);
    const b = r.value;
    expect(b.label).toBe('Ring of 8, D L2 1e-2, to step 1000 (ring8-mlp2d-step1000.ganrun)');
    expect(b.charts.losses.length).toBeGreaterThan(10);
    expect(b.charts.losses.length).toBeLessThanOrEqual(CHART_POINTS);
    expect(b.charts.losses[0].step).toBe(1);
    expect(b.charts.losses.at(-1)?.step).toBe(1000);
    expect(b.charts.losses[0].dLoss).toBe(1);
    expect(b.charts.dirac).toEqual([]);
    expect(b.quality.rows).toEqual([
      { step: 64, modesCovered: 3 },
      { step: 128, modesCovered: 6 },
    ]);
    expect(b.quality.labels).toEqual({ modesCovered: 'Modes covered (of 8)' });
    expect(b.samples).toMatchObject({ step: 128, epoch: 2, width: 2, height: 1 });
    expect(b.samples?.pixels).toBeInstanceOf(Uint8ClampedArray);
    expect([...(b.samples?.pixels ?? [])]).toEqual([9, 9, 9, 255, 8, 8, 8, 255]);
  });

  it('names the dataset by its id when the page does not know it, and takes the live values in force', () => {
    const snap = fakeRunSnapshot({ dataset: 'ring8' }, 50);
    const r = baselineFromRunFile(fakeRunFile({ ...snap, live: { ...snap.live, r1Gamma: 0.1 } }, history(50)), 'a.ganrun');
    expect(r.ok && r.value.label).toBe('ring8, R1 γ 0.1, to step 50 (a.ganrun)');
  });

  it('refuses a broken file with the decoder’s message', () => {
    const r = baselineFromRunFile(new TextEncoder().encode('GANRUN but not really a run file'), 'broken.ganrun');
    expect(r).toEqual({ ok: false, message: 'This is not a GAN Playground run file (.ganrun).' });
    const good = fakeRunFile(fakeRunSnapshot({ dataset: 'ring8' }, 50), history(50));
    const cut = baselineFromRunFile(good.slice(0, good.length - 100), 'cut.ganrun');
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.message).toMatch(/truncated/);
  });

  it('refuses a file with no metric history: there would be nothing to draw', () => {
    const r = baselineFromRunFile(fakeRunFile(fakeRunSnapshot({ dataset: 'ring8' }, 0)), 'fresh.ganrun');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/no metric history/) });
  });
});
