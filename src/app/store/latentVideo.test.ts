import { afterEach, describe, expect, it } from 'vitest';
import type { Command, WorkerEvent } from '../../worker/protocol';
import { i18n } from '../i18n/i18n';
import type { ExportedFile } from '../lib/exports';
import { createAppStore } from './appStore';
import { WALK } from './latent';
import { latentWebmName, WEBM_FPS, WEBM_SCALE, webmSupported } from './latentVideo';

afterEach(() => i18n.changeLanguage('en'));

function setup() {
  const sent: Command[] = [];
  const files: ExportedFile[] = [];
  const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0, onExportFile: (f) => files.push(f) });
  return { s: () => store.getState(), sent, files, store };
}

const TOTAL = WALK.stops * WALK.framesPerLeg;

/** A walk with every frame drawn (1×1 pictures, step 12). */
function walked() {
  const h = setup();
  h.s().walk();
  const id = (h.sent.at(-1) as Extract<Command, { type: 'latentFrames' }>).id;
  h.s().handleEvent({
    type: 'latentFrames',
    id,
    kind: 'walk',
    step: 12,
    offset: 0,
    total: TOTAL,
    width: 1,
    height: 1,
    pixels: new Uint8ClampedArray(TOTAL * 4),
  });
  return h;
}

const webmCommand = (sent: Command[]) => sent.filter((c): c is Extract<Command, { type: 'latentWebm' }> => c.type === 'latentWebm').at(-1)!;

describe('the walk’s WebM export (store)', () => {
  it('sends the walk’s frames; progress counts frames; the file downloads as .webm', () => {
    const { s, sent, files } = walked();
    s().exportLatentWebm();
    const cmd = webmCommand(sent);
    expect(cmd.frames).toHaveLength(TOTAL);
    expect([cmd.fps, cmd.scale]).toEqual([WEBM_FPS, WEBM_SCALE]);
    expect(s().latentWebm).toEqual({ id: cmd.id, encoded: 0, total: TOTAL });
    // A second click while it encodes sends nothing.
    s().exportLatentWebm();
    expect(sent.filter((c) => c.type === 'latentWebm')).toHaveLength(1);

    s().handleEvent({ type: 'latentWebmProgress', id: cmd.id, encoded: 20, total: TOTAL });
    expect(s().latentWebm).toMatchObject({ encoded: 20, total: TOTAL });
    s().handleEvent({ type: 'latentWebmProgress', id: cmd.id + 99, encoded: 50, total: TOTAL });
    expect(s().latentWebm?.encoded).toBe(20);
    s().handleEvent({ type: 'latentWebm', id: cmd.id, bytes: new Uint8Array([0x1a]) });
    expect(s().latentWebm).toBeNull();
    expect(files).toEqual([{ name: 'gan-step12-walk.webm', mime: 'video/webm', bytes: new Uint8Array([0x1a]) }]);
  });

  it('Cancel tells the worker and forgets the export; a late file is not downloaded', () => {
    const { s, sent, files } = walked();
    s().exportLatentWebm();
    const { id } = webmCommand(sent);
    s().cancelLatentWebm();
    expect(sent.at(-1)).toEqual({ type: 'latentWebmCancel', id });
    expect(s().latentWebm).toBeNull();
    s().handleEvent({ type: 'latentWebm', id, bytes: new Uint8Array([1]) });
    expect(files).toEqual([]);
  });

  it('a worker refusal shows its reason in the page’s language; the export can be tried again', async () => {
    const { s, sent } = walked();
    s().exportLatentWebm();
    const refusal: WorkerEvent = {
      type: 'error',
      code: 'export-failed',
      source: 'latentWebm',
      message: 'WebM export is not possible in this browser (no encoder); export a GIF instead',
      key: 'webmUnsupported',
      values: { detail: 'no encoder' },
    };
    s().handleEvent(refusal);
    expect(s().latentWebm?.error).toBe('WebM export is not possible in this browser (no encoder); export a GIF instead');
    await i18n.changeLanguage('zh-CN');
    s().exportLatentWebm();
    s().handleEvent(refusal);
    expect(s().latentWebm?.error).toBe('这个浏览器无法导出 WebM（no encoder）；请改为导出 GIF');
    expect(sent.filter((c) => c.type === 'latentWebm')).toHaveLength(2);
  });

  it('nothing to export before the walk is drawn; names and support', () => {
    const { s, sent } = setup();
    s().exportLatentWebm();
    expect(sent.filter((c) => c.type === 'latentWebm')).toEqual([]);
    expect(latentWebmName({ dataset: 'mnist', model: 'dcgan28-small' }, 4200)).toBe('mnist-dcgan28-small-step4200-walk.webm');
    expect(webmSupported({})).toBe(false);
    expect(webmSupported({ VideoEncoder: class {} })).toBe(true);
  });
});
