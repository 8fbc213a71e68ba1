import { describe, expect, it } from 'vitest';
import { parseUrlParams, withoutFields } from './urlParams';

describe('URL parameters', () => {
  it('defaults to auto with no config', () => {
    expect(parseUrlParams('')).toEqual({ backend: 'auto', config: {}, notices: [] });
  });

  it('reads the backend and typed config fields', () => {
    const s = parseUrlParams('?backend=webgpu&dataset=ring8&batchSize=32&lrD=2e-4&l2D=0&model=mlp2d');
    expect(s.backend).toBe('webgpu');
    expect(s.config).toEqual({ dataset: 'ring8', batchSize: 32, lrD: 2e-4, l2D: 0, model: 'mlp2d' });
    expect(s.notices).toEqual([]);
  });

  it('reads a boolean field (conditional=true) as a boolean', () => {
    expect(parseUrlParams('?conditional=true').config).toEqual({ conditional: true });
    expect(parseUrlParams('?conditional=maybe').notices).toHaveLength(1);
  });

  it('reads a small training set (trainLimit=256) and names a bad one', () => {
    expect(parseUrlParams('?trainLimit=256&holdout=256').config).toEqual({ trainLimit: 256, holdout: 256 });
    const s = parseUrlParams('?trainLimit=-3');
    expect(s.config).toEqual({});
    expect(s.notices[0]).toMatch(/trainLimit/);
  });

  it('accepts the backend in any case', () => {
    expect(parseUrlParams('?backend=WebGL').backend).toBe('webgl');
  });

  it('ignores a garbage value with a message naming the field, and keeps the rest', () => {
    const s = parseUrlParams('?batchSize=banana&dataset=mnist&lrG=5');
    expect(s.config).toEqual({ dataset: 'mnist' });
    expect(s.notices).toHaveLength(2);
    expect(s.notices[0]).toMatch(/batchSize/);
    expect(s.notices[0]).toMatch(/\[2, 512\]/);
    expect(s.notices[1]).toMatch(/lrG/);
  });

  it('rejects non-integers, empty values, bad enums and bad backends', () => {
    const s = parseUrlParams('?batchSize=12.5&seed=&loss=magic&backend=tpu&model=DCGAN');
    expect(s.config).toEqual({});
    expect(s.backend).toBe('auto');
    expect(s.notices.join('\n')).toMatch(/batchSize/);
    expect(s.notices.join('\n')).toMatch(/seed/);
    expect(s.notices.join('\n')).toMatch(/loss/);
    expect(s.notices.join('\n')).toMatch(/backend/);
    expect(s.notices.join('\n')).toMatch(/model/);
  });

  it('mentions unknown parameters (likely typos)', () => {
    const s = parseUrlParams('?batchsize=32');
    expect(s.config).toEqual({});
    expect(s.notices[0]).toMatch(/batchsize/);
  });

  it('drops fields the worker rejected', () => {
    expect(withoutFields({ dataset: 'nope', batchSize: 8 }, ['dataset'])).toEqual({ batchSize: 8 });
  });
});
