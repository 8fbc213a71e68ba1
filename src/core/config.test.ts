import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, DEFAULT_CONFIG, fieldFromText, validateConfig, validateLiveHyperparams } from './config';

describe('validateConfig', () => {
  it('accepts the defaults and fills missing fields from them', () => {
    const r = validateConfig({ lrG: 2e-4 });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual({ ...DEFAULT_CONFIG, lrG: 2e-4 });
  });

  it('names the field and the allowed range for each bad value', () => {
    const r = validateConfig({ lrG: 5, batchSize: 3.5, loss: 'magic', seed: -1, l1D: -0.1, dataset: '../etc' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.errors.map((e) => [e.field, e.message]));
    expect(byField.lrG).toBe('lrG must be in [1e-6, 1]; got 5');
    expect(byField.batchSize).toMatch(/batchSize must be in \[2, 512\] \(an integer\)/);
    expect(byField.loss).toMatch(/one of nonsaturating, minimax, wasserstein, hinge, least-squares/);
    expect(byField.seed).toMatch(/seed must be/);
    expect(byField.l1D).toMatch(/l1D must be 0 or in \[1e-7, 1\]/);
    expect(byField.dataset).toMatch(/dataset must be matching/);
  });

  it('rejects NaN, Infinity, strings for numbers, unknown fields and non-objects', () => {
    for (const bad of [{ lrD: NaN }, { lrD: Infinity }, { lrD: '0.1' }, { lrd: 0.1 }]) expect(validateConfig(bad).ok).toBe(false);
    expect(validateConfig(null).ok).toBe(false);
    expect(validateConfig([1]).ok).toBe(false);
  });

  it('trainLimit: 0 (all) or a whole number of examples', () => {
    expect(validateConfig({ trainLimit: 0 }).ok).toBe(true);
    expect(validateConfig({ trainLimit: 256 }).ok).toBe(true);
    for (const bad of [-1, 2.5, 200_000]) {
      const r = validateConfig({ trainLimit: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0].message).toBe(`trainLimit must be 0 or in [1, 100000] (an integer); got ${bad}`);
    }
    expect(fieldFromText('trainLimit', '256')).toBe(256);
  });

  it('every default is inside its own range', () => {
    for (const key of Object.keys(CONFIG_FIELDS)) expect(validateConfig({ [key]: DEFAULT_CONFIG[key as keyof typeof DEFAULT_CONFIG] }).ok).toBe(true);
  });
});

describe('validateLiveHyperparams', () => {
  it('accepts live fields, including 0 for penalties', () => {
    expect(validateLiveHyperparams({ l1G: 0, lrD: 0.01 })).toEqual({ ok: true, value: { l1G: 0, lrD: 0.01 } });
  });
  it('refuses structural fields and out-of-range values', () => {
    const r = validateLiveHyperparams({ batchSize: 8, lrG: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['batchSize', 'lrG']);
  });
});
