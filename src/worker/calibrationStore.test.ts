import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { calibrationStore } from './calibrationStore';

describe('calibrationStore', () => {
  it('keeps a choice across store instances (a later visit) in IndexedDB', async () => {
    const factory = new IDBFactory();
    await calibrationStore(factory).set('dev|mlp2d', { chosen: 'wasm', summary: 'wasm — …', at: 5 });
    expect(await calibrationStore(factory).get('dev|mlp2d')).toEqual({ chosen: 'wasm', summary: 'wasm — …', at: 5 });
    expect(await calibrationStore(factory).get('dev|dcgan28')).toBeUndefined();
  });

  it('works for the session alone without IndexedDB', async () => {
    const store = calibrationStore(undefined);
    await store.set('k', { chosen: 'cpu', summary: 's', at: 1 });
    expect((await store.get('k'))?.chosen).toBe('cpu');
  });

  it('falls back to memory when IndexedDB refuses to open', async () => {
    const broken = {
      open: () => {
        throw new Error('SecurityError');
      },
    } as unknown as IDBFactory;
    const store = calibrationStore(broken);
    await store.set('k', { chosen: 'wasm', summary: 's', at: 1 });
    expect((await store.get('k'))?.chosen).toBe('wasm');
  });
});
