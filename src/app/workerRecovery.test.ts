import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from './i18n/i18n';
import type { Command, WorkerEvent } from '../worker/protocol';
import { CHECKPOINT_NAME, createRecovery } from './workerRecovery';

function setup(running = true) {
  const sent: Command[] = [];
  const notices: string[] = [];
  const recovery = createRecovery({
    send: (c) => sent.push(c),
    running: () => running,
    config: () => ({ dataset: 'ring8', batchSize: 64 }),
    backend: () => 'wasm',
    notice: (m) => notices.push(m),
  });
  return { sent, notices, recovery };
}

const checkpoint = (step: number): WorkerEvent => ({ type: 'checkpoint', step, bytes: new Uint8Array([1, 2, step]).buffer });

describe('worker recovery', () => {
  it('re-initialises the new worker, opens the newest checkpoint and resumes training', () => {
    const { sent, notices, recovery } = setup(true);
    expect(recovery.observe(checkpoint(100))).toBe(true);
    expect(recovery.observe(checkpoint(250))).toBe(true);
    recovery.restarted({ kind: 'crashed', detail: 'boom' });
    expect(sent[0]).toEqual({ type: 'init', config: { dataset: 'ring8', batchSize: 64 }, backend: 'wasm' });
    expect(sent[1].type).toBe('openRun');
    const open = sent[1] as Extract<Command, { type: 'openRun' }>;
    expect(open.name).toBe(CHECKPOINT_NAME);
    expect([...new Uint8Array(open.bytes)]).toEqual([1, 2, 250]);
    // The fresh run's ready is not the restore: wait for the file.
    recovery.observe({ type: 'state', running: false, step: 0, epoch: 0 });
    expect(notices).toEqual([]);
    recovery.observe({ type: 'runOpened', from: 'file', name: CHECKPOINT_NAME, dataset: 'ring8', step: 250 });
    expect(notices).toEqual(['The training worker stopped (it failed: boom); restored from step 250.']);
    expect(sent[2]).toEqual({ type: 'start' });
    // The held copy survives the transfer, for a second crash.
    expect(recovery.heldStep()).toBe(250);
    recovery.restarted({ kind: 'unreadable' });
    expect([...new Uint8Array((sent[4] as Extract<Command, { type: 'openRun' }>).bytes)]).toEqual([1, 2, 250]);
  });

  it('without a checkpoint restarts the same config from step 0, paused if it was paused', () => {
    const { sent, notices, recovery } = setup(false);
    recovery.restarted({ kind: 'silent', seconds: 8 });
    expect(sent).toHaveLength(1);
    expect(sent[0].type).toBe('init');
    expect(recovery.observe({ type: 'pong' })).toBe(true);
    recovery.observe({ type: 'ready' } as WorkerEvent);
    expect(notices).toEqual(['The training worker stopped (it stopped answering for 8 s); restored from step 0.']);
    expect(sent).toHaveLength(1);
  });

  it('an ordinary Open run is not taken for a restore', () => {
    const { sent, notices, recovery } = setup(true);
    recovery.observe({ type: 'runOpened', from: 'file', name: 'x.ganrun', dataset: 'ring8', step: 9 });
    expect(notices).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('words why the worker stopped in the page’s language; a crash’s own error text stays as it came', async () => {
    await i18n.changeLanguage('zh-CN');
    const { notices, recovery } = setup(false);
    recovery.restarted({ kind: 'silent', seconds: 8 });
    recovery.observe({ type: 'ready' } as WorkerEvent);
    recovery.restarted({ kind: 'crashed', detail: 'RangeError: boom' });
    recovery.observe({ type: 'ready' } as WorkerEvent);
    recovery.restarted({ kind: 'crashed', detail: '' });
    recovery.observe({ type: 'ready' } as WorkerEvent);
    expect(notices).toEqual([
      '训练线程停止了（它已经 8 秒没有响应），已从第 0 步恢复。',
      '训练线程停止了（它出错了：RangeError: boom），已从第 0 步恢复。',
      '训练线程停止了（它出现了未捕获的错误），已从第 0 步恢复。',
    ]);
  });
});

afterEach(() => i18n.changeLanguage('en'));
