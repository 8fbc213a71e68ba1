import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config';
import type { TrainConfig } from '../../core/config';
import type { DatasetInfo } from '../../core/data/types';
import { CONTROL_GROUPS } from './classroom';
import { decodeRunLink, EMPTY_VIEW, encodeRunLink, LINK_VERSION, linkDefaults, MIGRATIONS } from './runLink';

const MNIST = { id: 'mnist', recommended: { model: 'dcgan28-small', batchSize: 64, lrG: 2e-4, lrD: 2e-4 } } as unknown as DatasetInfo;
const RING = { id: 'ring8', recommended: { batchSize: 256, lrDecayStart: 2500, lrDecaySteps: 2500 } } as unknown as DatasetInfo;

function roundTrip(config: TrainConfig, datasets: DatasetInfo[], view = EMPTY_VIEW) {
  const q = encodeRunLink({ config, defaults: linkDefaults(config.dataset, datasets), backend: 'wasm', view });
  return { q, back: decodeRunLink(`?${q}`) };
}

describe('run link', () => {
  it('writes the version, dataset and model, and only values that differ from the dataset defaults', () => {
    const config = { ...linkDefaults('mnist', [MNIST]), lrD: 3e-4, seed: 7 } as TrainConfig;
    const { q } = roundTrip(config, [MNIST]);
    expect(q).toBe(`v=${LINK_VERSION}&dataset=mnist&model=dcgan28-small&lrD=0.0003&seed=7&backend=wasm`);
  });

  it('reads back every config field exactly (live values, seed, awkward doubles)', () => {
    const config: TrainConfig = {
      ...linkDefaults('ring8', [RING]),
      lrG: 0.0012345678901234567,
      l2D: 1 / 3,
      r1Gamma: 10,
      r1Every: 8,
      spectralNorm: 1,
      labelSmoothing: 0.1,
      instanceNoise: 0.05,
      seed: 2 ** 31 - 1,
      loss: 'hinge',
      dSteps: 2,
      latentStd: 4,
    } as TrainConfig;
    const { back } = roundTrip(config, [RING]);
    expect(back.notices).toEqual([]);
    expect(back.backend).toBe('wasm');
    expect({ ...linkDefaults('ring8', [RING]), ...back.config }).toEqual(config);
  });

  it('round-trips the view: lesson, quality, projector, hidden groups, autostart, language', () => {
    const view = { lesson: 'r1-fix', quality: 'modes', projector: true, hide: ['lab', 'lrG'], autostart: true, lang: 'zh-CN' as const };
    const { q, back } = roundTrip(linkDefaults('ring8', [RING]), [RING], view);
    expect(q).toContain('hide=lab,lrG');
    expect(back.view).toEqual(view);
  });

  it('writes the hidden groups as show= when that is shorter, and reads both forms', () => {
    const all = CONTROL_GROUPS.map((g) => g.id);
    const hide = all.filter((id) => id !== 'l2D');
    const { q, back } = roundTrip(linkDefaults('ring8', [RING]), [RING], { ...EMPTY_VIEW, hide });
    expect(q).toContain('show=l2D');
    expect(q).not.toContain('hide=');
    expect([...back.view.hide].sort()).toEqual([...hide].sort());
    // Everything hidden: an empty show= list.
    const none = roundTrip(linkDefaults('ring8', [RING]), [RING], { ...EMPTY_VIEW, hide: all });
    expect(none.q).toMatch(/(^|&)show=($|&)/);
    expect([...none.back.view.hide].sort()).toEqual([...all].sort());
    const mixed = decodeRunLink('?v=2&dataset=ring8&show=l2D,lrG,nope');
    expect(mixed.view.hide).not.toContain('l2D');
    expect(mixed.view.hide).toContain('lab');
    expect(mixed.notices).toEqual(['URL parameter "show": unknown control group "nope" ignored.']);
  });

  it('round-trips embed mode, and reads embed=0 as off', () => {
    const view = { ...EMPTY_VIEW, hide: ['lab'], embed: true };
    const { q, back } = roundTrip(linkDefaults('ring8', [RING]), [RING], view);
    expect(q).toContain('embed=1');
    expect(back.view.embed).toBe(true);
    expect(back.view.hide).toEqual(['lab']);
    expect(decodeRunLink('?v=2&dataset=ring8&embed=0').view.embed).toBe(false);
    expect(decodeRunLink('?v=2&dataset=ring8').view.embed).toBeUndefined();
    const bad = decodeRunLink('?v=2&dataset=ring8&embed=sure');
    expect(bad.notices.join('\n')).toMatch(/"embed" must be 1 or 0/);
    expect(encodeRunLink({ config: linkDefaults('ring8', [RING]), defaults: linkDefaults('ring8', [RING]), backend: 'auto', view: EMPTY_VIEW })).not.toContain(
      'embed',
    );
  });

  it('stays well under 2,000 characters with every field changed', () => {
    const config = Object.fromEntries(
      Object.entries(DEFAULT_CONFIG).map(([k, v]) => [k, typeof v === 'number' ? v + 0.000123456789 : v]),
    ) as unknown as TrainConfig;
    const { q } = roundTrip(config, [], {
      lesson: 'mode-collapse',
      quality: 'highQuality',
      projector: true,
      hide: ['setup', 'lab', 'datasets', 'lessons', 'lrG', 'lrD', 'l1G', 'l2G', 'l1D'],
      autostart: true,
    });
    expect(q.length).toBeLessThan(1000);
  });

  it('opens a version-1 link (no v): the fields read as they are, with no complaint', () => {
    const back = decodeRunLink('?dataset=ring8&batchSize=32&lrD=2e-4');
    expect(back.version).toBe(1);
    expect(back.config).toEqual({ dataset: 'ring8', batchSize: 32, lrD: 2e-4 });
    expect(back.notices).toEqual([]);
  });

  it('maps renamed and drops removed fields of an older version, with a note', () => {
    MIGRATIONS[1] = { renamed: { noiseStd: 'latentStd' }, dropped: { fancy: 'no longer a setting' } };
    try {
      const back = decodeRunLink('?v=1&noiseStd=4&fancy=1&seed=3');
      expect(back.config).toEqual({ latentStd: 4, seed: 3 });
      expect(back.notices).toHaveLength(1);
      expect(back.notices[0]).toMatch(/"fancy".*dropped.*no longer a setting/);
    } finally {
      MIGRATIONS[1] = { renamed: {}, dropped: {} };
    }
  });

  it('keeps batch 32 in an older Fashion-MNIST link now that its recommended batch is 16', () => {
    expect(decodeRunLink('?v=3&dataset=fashion-mnist&seed=2').config).toEqual({ dataset: 'fashion-mnist', seed: 2, batchSize: 32 });
    expect(decodeRunLink('?v=3&dataset=fashion-mnist&batchSize=64').config).toEqual({ dataset: 'fashion-mnist', batchSize: 64 });
    expect(decodeRunLink('?v=3&dataset=mnist').config).toEqual({ dataset: 'mnist' });
    expect(decodeRunLink(`?v=${LINK_VERSION}&dataset=fashion-mnist`).config).toEqual({ dataset: 'fashion-mnist' });
  });

  it('keeps an older MNIST or Fashion-MNIST link unconditional now that their recommended runs are conditional', () => {
    expect(decodeRunLink('?v=2&dataset=mnist&seed=3').config).toEqual({ dataset: 'mnist', seed: 3, conditional: false });
    expect(decodeRunLink('?dataset=fashion-mnist').config).toEqual({ dataset: 'fashion-mnist', conditional: false, batchSize: 32 });
    expect(decodeRunLink('?v=2&dataset=mnist&conditional=true').config).toEqual({ dataset: 'mnist', conditional: true });
    expect(decodeRunLink('?v=2&dataset=emoji').config).toEqual({ dataset: 'emoji' });
    const now = decodeRunLink(`?v=${LINK_VERSION}&dataset=mnist`);
    expect(now.config).toEqual({ dataset: 'mnist' });
    expect(now.notices).toEqual([]);
  });

  it('validates on read: a bad value is named and dropped, the rest stays', () => {
    const back = decodeRunLink('?v=2&dataset=ring8&lrG=7&hide=lab,bogus&projector=maybe&lesson=../x');
    expect(back.config).toEqual({ dataset: 'ring8' });
    expect(back.view.hide).toEqual(['lab']);
    expect(back.view.projector).toBe(false);
    expect(back.view.lesson).toBeNull();
    expect(back.notices.join('\n')).toMatch(/lrG/);
    expect(back.notices.join('\n')).toMatch(/bogus/);
    expect(back.notices.join('\n')).toMatch(/projector/);
    expect(back.notices.join('\n')).toMatch(/lesson/);
  });

  it('says so when a link comes from a newer version', () => {
    const back = decodeRunLink('?v=9&dataset=ring8&futureField=1');
    expect(back.version).toBe(9);
    expect(back.notices[0]).toMatch(/newer version/);
    expect(back.config).toEqual({ dataset: 'ring8' });
  });

  it('reads lang=zh-CN|en (any case); an unknown lang is dropped with a note and no language is fixed', () => {
    expect(decodeRunLink('?lang=zh-cn').view.lang).toBe('zh-CN');
    expect(decodeRunLink('?lang=en').view.lang).toBe('en');
    expect(decodeRunLink('?dataset=ring8').view.lang).toBeNull();
    const bad = decodeRunLink('?dataset=ring8&lang=fr');
    expect(bad.view.lang).toBeNull();
    expect(bad.config).toEqual({ dataset: 'ring8' });
    expect(bad.notices).toEqual(['URL parameter "lang" must be one of en, zh-CN; got "fr". Using your browser\'s language.']);
  });
});

describe('the class parameter (Generate class)', () => {
  it('reads a class number; a malformed one is dropped with a notice saying why', () => {
    expect(decodeRunLink('?v=2&dataset=mnist&conditional=true&class=7').view.gridClass).toBe(7);
    // Out of range is the worker's to refuse: only the form is checked here.
    expect(decodeRunLink('?v=2&dataset=mnist&class=12').view.gridClass).toBe(12);
    for (const bad of ['seven', '-1', '2.5', 'NaN', '']) {
      const link = decodeRunLink(`?v=2&dataset=mnist&class=${bad}`);
      expect(link.view.gridClass ?? null).toBeNull();
      expect(link.notices).toEqual([`URL parameter "class" must be a class number (0, 1, 2, …); got "${bad}". Ignored.`]);
    }
  });
});
