import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config';
import type { AppState } from './store/appStore';
import { currentQuery } from './linkSync';

const view = { projector: false, quality: null, hidden: [] as string[] };
const ready = (over: Partial<AppState>) =>
  ({ phase: 'ready', config: { ...DEFAULT_CONFIG }, pending: {}, datasets: [], backendRequested: 'auto', ...over }) as unknown as AppState;

describe('the address bar link', () => {
  it('is not written before the first run is ready', () => {
    expect(currentQuery(ready({ phase: 'loading' }), view, null)).toBeNull();
    expect(currentQuery(ready({ config: null }), view, null)).toBeNull();
  });

  it('holds the live values being sent, the backend forced, the lesson and the view', () => {
    const q = currentQuery(ready({ pending: { l2D: 0.001 }, backendRequested: 'wasm' }), { projector: true, quality: 'kl', hidden: ['lab'] }, 'r1-fix');
    expect(q).toBe('v=4&dataset=ring8&model=mlp2d&l2D=0.001&backend=wasm&lesson=r1-fix&quality=kl&projector=1&hide=lab');
  });

  it('keeps embed mode in an embedded page\'s link, and drops it for "Open full playground"', () => {
    expect(currentQuery(ready({}), { ...view, embed: true }, null)).toBe('v=4&dataset=ring8&model=mlp2d&embed=1');
    expect(currentQuery(ready({}), { ...view, embed: true }, null, { embed: false })).toBe('v=4&dataset=ring8&model=mlp2d');
  });

  it('carries the Generate class of a conditional run as class=K', () => {
    expect(currentQuery(ready({ gridClass: 7 }), view, null)).toBe('v=4&dataset=ring8&model=mlp2d&class=7');
    expect(currentQuery(ready({ gridClass: null }), view, null)).toBe('v=4&dataset=ring8&model=mlp2d');
  });
});
