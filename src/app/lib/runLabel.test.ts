import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config';
import { baselineLabel, formatLiveValue, regularizerLabel, twinDifference } from './runLabel';

const base = () => ({ ...DEFAULT_CONFIG });

describe('run labels', () => {
  it('says what B changes, with A’s value', () => {
    const a = { ...base(), l2D: 0 };
    expect(twinDifference(a, { ...a, l2D: 0.01 })).toBe('D L2 1e-2 (A: off)');
    expect(twinDifference(a, a)).toBe('');
  });
  it('formats values as a lesson would say them', () => {
    expect(formatLiveValue('r1Gamma', 0.1)).toBe('0.1');
    expect(formatLiveValue('l1D', 3e-4)).toBe('3e-4');
    expect(formatLiveValue('lrD', 2.5e-4)).toBe('2.5e-4');
    expect(formatLiveValue('spectralNorm', 1)).toBe('on');
  });
  it('names the regularizers in force', () => {
    const none = { ...base(), l1G: 0, l2G: 0, l1D: 0, l2D: 0, r1Gamma: 0, gpLambda: 0, spectralNorm: 0, labelSmoothing: 0, instanceNoise: 0 };
    expect(regularizerLabel(none)).toBe('no regularizer');
    expect(regularizerLabel({ ...none, l2D: 0.01, r1Gamma: 0.1 })).toBe('D L2 1e-2, R1 γ 0.1');
    expect(baselineLabel('Ring of 8', { ...none, l2D: 0.01 }, 400)).toBe('Ring of 8, D L2 1e-2, to step 400');
  });
});
