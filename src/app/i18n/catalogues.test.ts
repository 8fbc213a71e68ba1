/** The catalogues agree: same keys, same placeholders, and every message parses as ICU. */
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { METRIC_KEYS } from '../../core/metrics/stepMetrics';
import { en } from './en';
import { zhCN } from './zh-CN';

type Tree = { [k: string]: string | Tree };

/** Every key path (a.b.c) with its message. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else for (const [p, m] of flatten(v, path)) out.set(p, m);
  }
  return out;
}

/** The argument names of an ICU message ({n}, {n, number}, {count, plural, …}), sorted. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (els: unknown[]) => {
    for (const el of els as { value?: unknown; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      if (typeof el.value === 'string' && 'type' in el && (el as { type: number }).type !== 0 && (el as { type: number }).type !== 7) names.add(el.value);
      for (const opt of Object.values(el.options ?? {})) walk(opt.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

const english = flatten(en as unknown as Tree);
const chinese = flatten(zhCN as unknown as Tree);

describe('catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect([...chinese.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !chinese.has(k))).toEqual([]);
  });
  it('hold no empty message', () => {
    for (const [k, m] of [...english, ...chinese]) expect(m.trim(), k).not.toBe('');
  });
  it('use the same placeholders in both languages, and every message parses as ICU', () => {
    for (const [k, m] of english) expect(argumentsOf(chinese.get(k) ?? '', 'zh-CN'), k).toEqual(argumentsOf(m, 'en'));
  });
  it('name every step metric the charts can show', () => {
    for (const k of METRIC_KEYS) expect(english.has(`metrics.${k}`), k).toBe(true);
  });
  it('finds a key missing from one side (the check itself works)', () => {
    const a = flatten({ x: { y: 'a', z: 'b' } });
    const b = flatten({ x: { y: 'a' } });
    expect([...a.keys()].filter((k) => !b.has(k))).toEqual(['x.z']);
    expect(argumentsOf('{n, plural, one {# step} other {# steps of {total, number}}}', 'en')).toEqual(['n', 'total']);
  });
});
