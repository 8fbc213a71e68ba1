import { describe, expect, it } from 'vitest';
import { checkField, CONFIG_FIELDS, LIVE_KEYS } from '../../core/config';
import { makeIntegerLogLadder, makeLinearLadder } from './labLadders';
import { ladderOf, LIVE_CONTROLS, liveKeysIn } from './liveControls';
import { makeLogLadder } from './logSlider';
import { LR_DECAY_FLOOR } from '../../core/train/lrSchedule';
import { en } from '../i18n/en';
import { CONTROL_GROUPS } from './classroom';

describe('the live-controls table', () => {
  it('names every live value once, with distinct accessible names', () => {
    expect(Object.keys(LIVE_CONTROLS).sort()).toEqual([...LIVE_KEYS].sort());
    const labels = LIVE_KEYS.map((k) => LIVE_CONTROLS[k].label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('groups them in the order the panels show them', () => {
    expect(liveKeysIn('rates')).toEqual(['lrG', 'lrD', 'l1G', 'l2G', 'l1D', 'l2D']);
    expect(liveKeysIn('decay')).toEqual(['lrDecayStart', 'lrDecaySteps']);
    expect(liveKeysIn('lab')).toEqual([
      'r1Gamma',
      'r1Every',
      'gpLambda',
      'spectralNorm',
      'labelSmoothing',
      'instanceNoise',
      'instanceNoiseSteps',
      'emaKimg',
      'sampleRawG',
      'augmentP',
      'augmentColor',
      'augmentTranslation',
      'augmentCutout',
    ]);
  });

  it('every notch of every slider is a value the worker accepts, and the ends are the schema’s', () => {
    for (const k of LIVE_KEYS) {
      const spec = CONFIG_FIELDS[k];
      if (spec.kind !== 'number') throw new Error(k);
      const { values } = ladderOf(k);
      for (const v of values) expect(checkField(k, v), `${k} = ${v}`).toBeNull();
      expect(values[values.length - 1], k).toBe(spec.max);
      expect(
        values.every((v, i) => i === 0 || v > values[i - 1]),
        `${k} ascending`,
      ).toBe(true);
    }
  });

  it('builds the same notches the sliders had when each file declared its own', () => {
    expect(ladderOf('lrG')).toEqual(makeLogLadder(1e-6, 1, false));
    expect(ladderOf('l2D')).toEqual(makeLogLadder(1e-7, 1, true));
    expect(ladderOf('labelSmoothing')).toEqual(makeLinearLadder(0, 0.5, 0.01));
    expect(ladderOf('instanceNoiseSteps')).toEqual(makeIntegerLogLadder(1, 1_000_000));
    expect(ladderOf('lrDecayStart')).toEqual(makeIntegerLogLadder(1, 1_000_000, 'value'));
    expect(ladderOf('lrDecaySteps')).toEqual(makeIntegerLogLadder(1, 1_000_000, 'off'));
    expect(ladderOf('r1Every')).toEqual({ values: [1, 2, 4, 8, 16, 32, 64], allowZero: false, min: 1, max: 64 });
    expect(ladderOf('spectralNorm').values).toEqual([0, 1]);
  });
});

describe('the live controls in the catalogue', () => {
  it('say in English exactly what the table says (the sliders read the catalogue)', () => {
    const floor = Math.round(LR_DECAY_FLOOR * 100);
    for (const k of LIVE_KEYS) {
      const c = LIVE_CONTROLS[k];
      const e = en.live[k] as { label: string; short: string; help: string; scaleHint?: string };
      expect(e.label, k).toBe(c.label);
      expect(e.short, k).toBe(c.shortLabel);
      expect(e.help.replace('{floor}', String(floor)), k).toBe(c.help);
      expect(e.scaleHint, k).toBe(c.scaleHint);
    }
  });
});

describe('the classroom groups in the catalogue', () => {
  it('name each hideable group in English as lib/classroom.ts does', () => {
    const groups = en.classroom.groups as Record<string, string>;
    for (const g of CONTROL_GROUPS) {
      const live = (en.live as Record<string, { label: string }>)[g.id];
      expect(groups[g.id] ?? groups.slider.replace('{name}', live.label), g.id).toBe(g.label);
    }
  });
});
