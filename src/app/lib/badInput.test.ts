/**
 * Bad links and typed values from docs/bad-input.md: each gets a clear notice, and only the bad
 * part is dropped (the run starts from the rest, or the current value stays).
 */
import { describe, expect, it } from 'vitest';
import { parseHyperparam } from './logSlider';
import { decodeRunLink, MAX_NOTICE_CHARS } from './runLink';

const link = (q: string) => decodeRunLink(`?v=2&${q}`);

describe('bad URL parameters', () => {
  it('a number too large for a double (1e400) is named and dropped; the rest stays', () => {
    const l = link('dataset=ring8&lrG=1e400');
    expect(l.config).toEqual({ dataset: 'ring8' });
    expect(l.notices).toEqual([expect.stringMatching(/^URL parameter "lrG" ignored: lrG must be in \[1e-6, 1\]/)]);
  });

  it.each([
    ['lrG=-1', 'lrG', /got -1/],
    ['lrG=NaN', 'lrG', /lrG must be in/],
    ['lrG=', 'lrG', /lrG must be in/],
    ['batchSize=abc', 'batchSize', /an integer/],
    ['batchSize=99999999999', 'batchSize', /got 99999999999/],
    ['seed=1.5', 'seed', /an integer/],
  ])('%s is named and dropped', (q, field, why) => {
    const l = link(`dataset=ring8&${q}`);
    expect(l.config).toEqual({ dataset: 'ring8' });
    expect(l.notices).toHaveLength(1);
    expect(l.notices[0]).toContain(`"${field}"`);
    expect(l.notices[0]).toMatch(why);
  });

  it('an unknown key is mentioned and ignored', () => {
    const l = link('dataset=ring8&lrGG=0.001');
    expect(l.config).toEqual({ dataset: 'ring8' });
    expect(l.notices).toEqual(['Unknown URL parameter "lrGG" ignored.']);
  });

  it('a 100 kB value or key gives a short notice, not a 100 kB one', () => {
    for (const q of [`dataset=${'x'.repeat(100_000)}`, `${'k'.repeat(100_000)}=1`]) {
      const l = link(q);
      expect(l.config).toEqual({});
      expect(l.notices).toHaveLength(1);
      expect(l.notices[0].length).toBeLessThanOrEqual(MAX_NOTICE_CHARS);
      expect(l.notices[0].endsWith('…')).toBe(true);
    }
  });

  it('a duplicated key says which one is used', () => {
    const l = link('batchSize=32&batchSize=64');
    expect(l.config).toEqual({ batchSize: 64 });
    expect(l.notices).toEqual(['URL parameter "batchSize" is given 2 times; the last one is used.']);
  });

  it('a link from a future schema version opens what it can, with a note', () => {
    const l = decodeRunLink('?v=99&dataset=ring8');
    expect(l.config).toEqual({ dataset: 'ring8' });
    expect(l.notices[0]).toMatch(/newer version of the app \(link version 99/);
  });
});

describe('typed numbers in the live value fields', () => {
  // null = "not a number": the field shows "type a number" and keeps the value in force. A number
  // out of range (-1) is refused by the field's range check (HyperparamSlider's checkField), and
  // again by the worker, which answers with the value in force.
  it.each([
    ['abc', null],
    ['1e400', null],
    ['NaN', null],
    ['', null],
    ['1'.repeat(10_240), null],
    ['-1', -1],
  ])('%s → %s', (text, parsed) => {
    expect(parseHyperparam(text)).toBe(parsed);
  });
});
