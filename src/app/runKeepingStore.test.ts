import { describe, expect, it } from 'vitest';
import type { Command, RecentRunInfo, WorkerEvent } from '../worker/protocol';
import { createKeepingStore, openedLabel, resumeLabel, timeAgo } from './runKeepingStore';
import { CHECKPOINT_NAME } from './workerRecovery';
import { i18n } from './i18n/i18n';

const run = (id: string, step: number, savedAt = 0): RecentRunInfo => ({
  id,
  savedAt,
  dataset: 'ring8',
  datasetName: 'Ring of 8',
  model: 'mlp2d',
  step,
  epoch: 0,
  size: 10,
  thumbnail: null,
});
const ready = { type: 'ready' } as WorkerEvent;

function setup() {
  const sent: Command[] = [];
  const downloads: [string, number][] = [];
  const store = createKeepingStore(
    (c) => sent.push(c),
    (name, bytes) => downloads.push([name, bytes.byteLength]),
  );
  return { store, sent, downloads, ev: (e: WorkerEvent) => store.getState().handleEvent(e) };
}

describe('run-keeping store', () => {
  it('asks for the saved runs once the first run is ready and offers the newest', () => {
    const { store, sent, ev } = setup();
    ev(ready);
    ev(ready);
    expect(sent.filter((c) => c.type === 'listRecent')).toHaveLength(1);
    ev({ type: 'recentRuns', runs: [run('b', 4200, 2), run('a', 100, 1)] });
    expect(store.getState().offer?.id).toBe('b');
    store.getState().resume();
    expect(sent.at(-1)).toEqual({ type: 'openRecent', id: 'b' });
    expect(store.getState().offer).toBeNull();
    expect(store.getState().busy).toBe('opening');
    ev({ type: 'runOpened', from: 'recent', name: 'The saved ring8 run', dataset: 'ring8', step: 4200 });
    expect(store.getState()).toMatchObject({ busy: null, opened: { from: 'recent', dataset: 'ring8', step: 4200 } });
    expect(openedLabel(store.getState().opened!)).toBe('Opened the saved ring8 run at step 4,200.');
    expect(openedLabel({ from: 'file', name: 'a.ganrun', dataset: 'ring8', step: 12 })).toBe('Opened a.ganrun at step 12.');
    // After a worker restart the run comes from the page's checkpoint, named in the page's language.
    expect(openedLabel({ from: 'file', name: CHECKPOINT_NAME, dataset: 'ring8', step: 12 })).toBe('Opened the last checkpoint at step 12.');
  });

  it('makes no offer when nothing was saved, after Start fresh, or once training started', () => {
    const a = setup();
    a.ev(ready);
    a.ev({ type: 'recentRuns', runs: [] });
    expect(a.store.getState().offer).toBeNull();
    // A later autosave does not bring up an offer.
    a.ev({ type: 'recentRuns', runs: [run('x', 50)] });
    expect(a.store.getState().offer).toBeNull();

    const b = setup();
    b.ev(ready);
    b.ev({ type: 'recentRuns', runs: [run('x', 50)] });
    b.store.getState().startFresh();
    expect(b.store.getState().offer).toBeNull();

    const c = setup();
    c.ev(ready);
    c.ev({ type: 'recentRuns', runs: [run('x', 50)] });
    c.ev({ type: 'state', running: true, step: 1, epoch: 0 });
    expect(c.store.getState().offer).toBeNull();
  });

  it('downloads a run file and clears busy; a bad file clears busy too', () => {
    const { store, sent, downloads, ev } = setup();
    store.getState().saveRun();
    expect(sent.at(-1)).toEqual({ type: 'saveRun' });
    expect(store.getState().busy).toBe('saving');
    ev({ type: 'runFile', name: 'ring8-mlp2d-step20.ganrun', step: 20, bytes: new ArrayBuffer(12) });
    expect(downloads).toEqual([['ring8-mlp2d-step20.ganrun', 12]]);
    expect(store.getState().busy).toBeNull();
    store.getState().openRecent('x');
    ev({ type: 'error', code: 'bad-run-file', source: 'openRecent', message: 'gone' });
    expect(store.getState().busy).toBeNull();
  });

  it('reads an opened file and sends its bytes with its name', async () => {
    const { store, sent } = setup();
    const file = Object.assign(new Blob([new Uint8Array([1, 2, 3])]), { name: 'a.ganrun' });
    await store.getState().openFile(file);
    const cmd = sent.at(-1) as Extract<Command, { type: 'openRun' }>;
    expect(cmd.type).toBe('openRun');
    expect(cmd.name).toBe('a.ganrun');
    expect(Array.from(new Uint8Array(cmd.bytes))).toEqual([1, 2, 3]);
  });

  it('keeps the storage note until dismissed; deleting the offered run withdraws the offer', () => {
    const { store, sent, ev } = setup();
    ev({ type: 'storageNote', message: 'full' });
    expect(store.getState().storageNote).toBe('full');
    store.getState().dismissStorageNote();
    expect(store.getState().storageNote).toBeNull();
    ev(ready);
    ev({ type: 'recentRuns', runs: [run('x', 50)] });
    store.getState().deleteRecent('x');
    expect(sent.at(-1)).toEqual({ type: 'deleteRecent', id: 'x' });
    expect(store.getState().offer).toBeNull();
  });

  it('says when a run was saved', () => {
    const min = 60_000;
    expect(timeAgo(0, 10_000)).toBe('just now');
    expect(timeAgo(0, 60_000)).toBe('1 minute ago');
    expect(timeAgo(0, 2 * min)).toBe('2 minutes ago');
    expect(timeAgo(0, 59 * min)).toBe('59 minutes ago');
    expect(timeAgo(0, 3 * 60 * min)).toBe('3 hours ago');
    expect(timeAgo(0, 5 * 24 * 60 * min)).toBe('5 days ago');
    expect(resumeLabel(run('x', 4200, 0), 2 * min)).toBe('Resume the ring8 run from step 4,200 (saved 2 minutes ago)');
  });

  it('says it in Chinese too (ICU plurals: Chinese has one form)', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      expect(timeAgo(0, 10_000)).toBe('刚刚');
      expect(timeAgo(0, 60_000)).toBe('1 分钟前');
      expect(timeAgo(0, 5 * 24 * 3_600_000)).toBe('5 天前');
      expect(resumeLabel(run('x', 4200, 0), 120_000)).toBe('从第 4,200 步继续 ring8 的训练（2 分钟前保存）');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
