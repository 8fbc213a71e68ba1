/** The `conditional` config field: its schema, text parsing (flags, links) and the labelled-dataset check. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, fieldFromText, validateConfig } from './config';
import { getDatasetSource } from './data/registry';
import { conditionalClasses, resolveConfig } from './runConfig';

const lookup = (id: string) => getDatasetSource(id)?.info;

describe('conditional (config field)', () => {
  it('defaults to false and accepts only booleans', () => {
    expect(DEFAULT_CONFIG.conditional).toBe(false);
    expect(validateConfig({ conditional: true }).ok).toBe(true);
    const bad = validateConfig({ conditional: 'yes' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0].message).toBe('conditional must be true or false; got "yes"');
    expect(validateConfig({ conditional: 1 }).ok).toBe(false);
  });

  it('reads true/false (and 1/0) from text; anything else stays text for validation to name', () => {
    expect(fieldFromText('conditional', 'true')).toBe(true);
    expect(fieldFromText('conditional', ' 0 ')).toBe(false);
    expect(fieldFromText('conditional', 'maybe')).toBe('maybe');
  });

  it('is allowed on the labelled image sets only, with their class counts', () => {
    expect(['mnist', 'fashion-mnist', 'emoji'].map((id) => conditionalClasses(lookup(id)!))).toEqual([10, 10, 9]);
    for (const id of ['mnist', 'fashion-mnist', 'emoji']) expect(resolveConfig({ dataset: id, conditional: true }, lookup).ok).toBe(true);
    for (const id of ['ring8', 'two-moons', 'grid25']) {
      const r = resolveConfig({ dataset: id, conditional: true }, lookup);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.errors).toEqual([expect.objectContaining({ field: 'conditional', message: expect.stringContaining(`this dataset has no labels: ${id}`) })]);
    }
  });
});
