import { describe, expect, it } from 'vitest';
import { divergenceMessage, findNonFinite, LOSS_TERMS } from './divergence';
import type { StepMetrics } from '../metrics/stepMetrics';

const finiteRow = (step: number): StepMetrics =>
  ({
    step,
    epoch: 0,
    dLoss: 0.7,
    gLoss: 0.7,
    gL1: 0,
    gL2: 0,
    dL1: 0,
    dL2: 0,
    r1: 0.1,
    gp: 0.2,
    dReal: 0.5,
    dFake: 0.5,
    gGradNorm: 1,
    dGradNorm: 1,
  }) as unknown as StepMetrics;

/** Which slider each penalty's message must tell the user to lower. */
const SLIDER: Record<string, RegExp> = {
  gL1: /lower Generator L1/,
  gL2: /lower Generator L2/,
  dL1: /lower Discriminator L1/,
  dL2: /lower Discriminator L2/,
  r1: /lower R1 penalty γ/,
  gp: /lower WGAN-GP λ/,
};

describe('the NaN rule', () => {
  it('finite rows pass', () => {
    expect(findNonFinite([finiteRow(1), finiteRow(2)])).toBeNull();
  });

  for (const term of LOSS_TERMS) {
    for (const value of [NaN, Infinity, -Infinity]) {
      it(`catches ${term} = ${value} and names it`, () => {
        const bad = { ...finiteRow(8), [term]: value } as StepMetrics;
        const found = findNonFinite([finiteRow(7), bad, finiteRow(9)]);
        expect(found).toEqual({ term, value, step: 8 });
        const message = divergenceMessage(found!, 5);
        expect(message).toContain(`became ${value} at step 8; rolled back to step 5`);
        expect(message).toMatch(SLIDER[term] ?? /lower the learning rates or the penalties/);
      });
    }
  }

  it('says there was nothing to roll back to', () => {
    expect(divergenceMessage({ term: 'gp', value: NaN, step: 3 }, null)).toBe(
      'WGAN-GP penalty became NaN at step 3; no checkpoint to roll back to (press Reset) — lower WGAN-GP λ or the learning rates',
    );
  });
});
