import { describe, expect, it } from 'vitest';
import type { Command, WorkerEvent } from '../../worker/protocol';
import type { ExportedFile } from '../lib/exports';
import { createAppStore } from './appStore';
import { INTERPOLATION_FRAMES, latentGifName } from './latent';

function setup() {
  const sent: Command[] = [];
  const files: ExportedFile[] = [];
  const store = createAppStore((c) => sent.push(c), { chartIntervalMs: 0, onExportFile: (f) => files.push(f) });
  return { s: () => store.getState(), sent, files, store };
}

/** A conditional MNIST-like run: the grid's classes (row r is class r) and 10 class names. */
function conditional() {
  const h = setup();
  h.store.setState({
    sampleClasses: Array.from({ length: 64 }, (_, i) => Math.floor(i / 8)),
    dataset: { classNames: Array.from({ length: 10 }, (_, k) => String(k)) } as never,
  });
  return h;
}

/** `count` 1×1 frames from `offset` of request `id`. */
const frames = (id: number, kind: 'interpolate' | 'walk' | 'explore', offset: number, count: number, total: number): WorkerEvent => ({
  type: 'latentFrames',
  id,
  kind,
  step: 7,
  offset,
  total,
  width: 1,
  height: 1,
  pixels: new Uint8ClampedArray(count * 4).fill(offset + 1),
});

describe('latent explorer state', () => {
  it("a conditional run: the strip keeps each sample's class (the Generate class when one is shown); explore and walk carry a class", () => {
    const { s, sent, store } = conditional();
    s().toggleLatentSample(3); // row 0
    s().toggleLatentSample(42); // row 5
    s().interpolate();
    expect((sent.at(-1) as Extract<Command, { type: 'latentFrames' }>).request).toEqual({
      kind: 'interpolate',
      from: 3,
      to: 42,
      frames: INTERPOLATION_FRAMES,
      classes: [0, 5],
    });
    s().explore(42);
    expect((sent.at(-1) as Extract<Command, { type: 'latentFrames' }>).request).toMatchObject({ kind: 'explore', index: 42, classIndex: 5 });
    s().nudge(0, 0.5);
    s().handleEvent(frames((sent.at(-1) as { id: number }).id, 'explore', 0, 1, 1));
    // The walk's class: the newest pick's row until one is chosen.
    s().walk();
    expect((sent.at(-1) as Extract<Command, { type: 'latentFrames' }>).request).toMatchObject({ kind: 'walk', classIndex: 5 });
    s().setLatentWalkClass(9);
    expect((sent.at(-1) as Extract<Command, { type: 'latentFrames' }>).request).toMatchObject({ kind: 'walk', classIndex: 9 });
    store.setState({ gridClass: 7 });
    s().interpolate();
    expect((sent.at(-1) as Extract<Command, { type: 'latentFrames' }>).request).toMatchObject({ classes: [7, 7] });
  });

  it('a conditional run: "Walk class a → b" keeps the newest pick\'s z and sends the two classes (3 → 8 until chosen)', () => {
    const { s, sent } = conditional();
    s().setLatentAlong('class');
    s().interpolate();
    expect(sent).toEqual([]); // no pick yet
    s().toggleLatentSample(20);
    s().interpolate();
    expect((sent.at(-1) as Extract<Command, { type: 'latentFrames' }>).request).toEqual({
      kind: 'interpolate',
      along: 'class',
      index: 20,
      frames: INTERPOLATION_FRAMES,
      classes: [3, 8],
    });
    expect(s().latentStrip?.classPair).toEqual([3, 8]);
    s().setLatentClassEnd(1, 5);
    s().interpolate();
    expect((sent.at(-1) as Extract<Command, { type: 'latentFrames' }>).request).toMatchObject({ classes: [3, 5] });
  });

  it('an unconditional run sends no classes', () => {
    const { s, sent } = setup();
    s().setLatentAlong('class'); // ignored without classes
    s().toggleLatentSample(1);
    s().toggleLatentSample(2);
    s().interpolate();
    s().explore(2);
    s().walk();
    const requests = sent.map((c) => (c as Extract<Command, { type: 'latentFrames' }>).request);
    expect(requests.every((r) => !('classes' in r) && !('classIndex' in r))).toBe(true);
  });

  it('keeps the two newest selected samples, toggles, and interpolates between them', () => {
    const { s, sent } = setup();
    s().toggleLatentSample(3);
    s().interpolate();
    expect(sent).toEqual([]); // one sample is not enough
    s().toggleLatentSample(9);
    s().toggleLatentSample(12);
    expect(s().latentSelected).toEqual([9, 12]);
    s().toggleLatentSample(9);
    expect(s().latentSelected).toEqual([12]);
    s().toggleLatentSample(1);
    s().interpolate();
    expect(sent.at(-1)).toEqual({ type: 'latentFrames', id: 1, request: { kind: 'interpolate', from: 12, to: 1, frames: INTERPOLATION_FRAMES } });
    s().handleEvent(frames(1, 'interpolate', 0, 8, 10));
    expect(s().latentStrip?.complete).toBe(false);
    expect(s().latentStrip?.frames.filter(Boolean)).toHaveLength(8);
    s().handleEvent(frames(1, 'interpolate', 8, 2, 10));
    expect(s().latentStrip?.complete).toBe(true);
    expect(s().latentStrip?.frames[9]?.[0]).toBe(9);
    // A stale request's frames are ignored.
    s().handleEvent(frames(99, 'interpolate', 0, 1, 10));
    expect(s().latentStrip?.id).toBe(1);
  });

  it('a redrawn walk keeps its old frames until new ones arrive; a worker error is shown on the strip', () => {
    const { s, sent } = setup();
    s().walk();
    const first = sent.at(-1) as Extract<Command, { type: 'latentFrames' }>;
    const total = first.request.kind === 'walk' ? first.request.stops * first.request.framesPerLeg : 0;
    for (let o = 0; o < total; o += 8) s().handleEvent(frames(first.id, 'walk', o, 8, total));
    expect(s().latentWalk?.complete).toBe(true);
    s().walk();
    const second = sent.at(-1) as Extract<Command, { type: 'latentFrames' }>;
    expect(second.request).toEqual(first.request);
    expect(s().latentWalk?.frames.every(Boolean)).toBe(true);
    expect(s().latentWalk?.complete).toBe(false);
    s().handleEvent({ type: 'error', code: 'internal', source: 'latentFrames', message: 'it broke' });
    expect(s().latentWalk?.error).toBe('it broke');
    s().stopWalk();
    expect(sent.at(-1)).toEqual({ type: 'latentStop', kind: 'walk' });
    expect(s().latentWalk).toBeNull();
  });

  it('explore sends one request at a time and the newest nudges after it answers', () => {
    const { s, sent } = setup();
    s().explore(5);
    expect(sent).toHaveLength(1);
    s().nudge(0, 0.2);
    s().nudge(0, 0.4);
    s().nudge(2, -3);
    expect(sent).toHaveLength(1);
    s().handleEvent(frames(1, 'explore', 0, 1, 1));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ request: { kind: 'explore', index: 5, nudges: [0.4, 0, -1] } });
  });

  it('exports a complete strip as a GIF: progress, then a download named after the run', () => {
    const { s, sent, files } = setup();
    s().toggleLatentSample(0);
    s().toggleLatentSample(1);
    s().interpolate();
    s().exportLatentGif('interpolate');
    expect(sent).toHaveLength(1); // not complete yet
    s().handleEvent(frames(1, 'interpolate', 0, 10, 10));
    s().exportLatentGif('interpolate');
    const gif = sent.at(-1) as Extract<Command, { type: 'latentGif' }>;
    expect(gif.frames).toHaveLength(10);
    s().handleEvent({ type: 'latentGifProgress', id: gif.id, fraction: 0.5 });
    expect(s().latentGif?.fraction).toBe(0.5);
    s().handleEvent({ type: 'latentGif', id: gif.id, bytes: new Uint8Array([1]) });
    expect(s().latentGif).toBeNull();
    expect(files).toEqual([{ name: 'gan-step7-interpolation.gif', mime: 'image/gif', bytes: new Uint8Array([1]) }]);
    expect(latentGifName({ dataset: 'mnist', model: 'dcgan28' }, 12.4, 'walk')).toBe('mnist-dcgan28-step12-walk.gif');
  });
});
