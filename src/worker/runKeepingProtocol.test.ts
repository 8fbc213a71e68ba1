import { describe, expect, it } from 'vitest';
import { MAX_RUN_FILE_BYTES, parseCommand, transferablesOf } from './protocol';

describe('protocol: run files and recent runs', () => {
  it('accepts the run-keeping commands', () => {
    const bytes = new ArrayBuffer(8);
    expect(parseCommand({ type: 'saveRun' })).toEqual({ ok: true, value: { type: 'saveRun' } });
    expect(parseCommand({ type: 'listRecent' })).toEqual({ ok: true, value: { type: 'listRecent' } });
    expect(parseCommand({ type: 'pageHidden', extra: 1 })).toEqual({ ok: true, value: { type: 'pageHidden' } });
    expect(parseCommand({ type: 'openRun', bytes, name: 'a.ganrun' })).toEqual({ ok: true, value: { type: 'openRun', bytes, name: 'a.ganrun' } });
    expect(parseCommand({ type: 'openRecent', id: 'run-1' })).toEqual({ ok: true, value: { type: 'openRecent', id: 'run-1' } });
    expect(parseCommand({ type: 'deleteRecent', id: 'run-1' })).toEqual({ ok: true, value: { type: 'deleteRecent', id: 'run-1' } });
  });

  it('rejects malformed ones with a message naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'openRun', name: 'a.ganrun' }, /openRun: "bytes" must be an ArrayBuffer/],
      [{ type: 'openRun', bytes: new Uint8Array(4), name: 'a.ganrun' }, /"bytes" must be an ArrayBuffer/],
      [{ type: 'openRun', bytes: new ArrayBuffer(4) }, /"name" must be a file name/],
      [{ type: 'openRun', bytes: { byteLength: MAX_RUN_FILE_BYTES + 1 }, name: 'x' }, /"bytes" must be an ArrayBuffer/],
      [{ type: 'openRecent' }, /openRecent: "id" must be a saved run's id/],
      [{ type: 'openRecent', id: '' }, /"id"/],
      [{ type: 'deleteRecent', id: 7 }, /deleteRecent: "id"/],
      [{ type: 'deleteRecent', id: 'x'.repeat(200) }, /"id"/],
    ];
    for (const [msg, why] of cases) {
      const parsed = parseCommand(msg);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(why);
    }
  });

  it("transfers a run file's bytes", () => {
    const bytes = new ArrayBuffer(16);
    expect(transferablesOf({ type: 'runFile', name: 'a.ganrun', step: 3, bytes })).toEqual([bytes]);
    expect(transferablesOf({ type: 'recentRuns', runs: [] })).toEqual([]);
  });
});
