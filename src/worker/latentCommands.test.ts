import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageDataset, pointsDataset } from '../core/testing/fixtures';
import { gifFrames } from '../core/testing/gifFrames';
import { imageGridRGBA } from '../core/sampleGrid';
import type { DatasetSource } from '../core/data/types';
import type { WorkerEvent } from './protocol';
import { FRAMES_PER_SLICE, nudgeDirections } from './latentCommands';
import { cpuSession } from './testing/cpuSession';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const images = imageDataset([28, 28, 1], 64);
const imageSource: DatasetSource = {
  info: { ...images.info, id: 'imgs', recommended: { model: 'dcgan28-small', batchSize: 16, latentDim: 16 } },
  load: async () => ({ ...images, info: imageSource.info }),
};
const labelledSource: DatasetSource = {
  info: { ...imageSource.info, id: 'labelled', classNames: ['a', 'b'] },
  load: async () => ({ ...images, info: labelledSource.info, labels: Uint8Array.from({ length: 64 }, (_, i) => i % 2) }),
};
const points = pointsDataset(64);
const pointSource: DatasetSource = {
  info: { ...points.info, id: 'pts', recommended: { model: 'mlp2d', batchSize: 16, latentDim: 4 } },
  load: async () => points,
};

const harness = () => cpuSession([imageSource, labelledSource, pointSource]);

/** Frame `i` of a request's `latentFrames` events, as RGBA bytes. */
function frameOf(evs: Extract<WorkerEvent, { type: 'latentFrames' }>[], i: number): Uint8ClampedArray {
  const ev = evs.find((e) => i >= e.offset && i < e.offset + e.pixels.length / (e.width * e.height * 4))!;
  const size = ev.width * ev.height * 4;
  return ev.pixels.slice((i - ev.offset) * size, (i - ev.offset + 1) * size);
}

/** Grid tile `i` (8×8 tiles of 28×28, 2-pixel gaps) of a samples event, as RGBA bytes. */
function tileOf(ev: Extract<WorkerEvent, { type: 'samples' }>, i: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(28 * 28 * 4);
  const ox = (i % 8) * 30;
  const oy = Math.floor(i / 8) * 30;
  for (let y = 0; y < 28; y++) out.set(ev.pixels.subarray(((oy + y) * ev.width + ox) * 4, ((oy + y) * ev.width + ox + 28) * 4), y * 28 * 4);
  return out;
}

const maxDiff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('latent explorer (worker side, in Node)', () => {
  it('interpolates 10 frames between two grid samples: the ends are those samples; tensors stay flat', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    await h.session.handle({ type: 'requestSamples' });
    const grid = h.of('samples').at(-1)!;
    const before = tf.memory().numTensors;
    await h.session.handle({ type: 'latentFrames', id: 1, request: { kind: 'interpolate', from: 3, to: 42, frames: 10 } });
    expect(tf.memory().numTensors).toBe(before);
    expect(h.of('error')).toEqual([]);
    const evs = h.of('latentFrames').filter((e) => e.id === 1);
    // Drawn in slices of a few frames, not all at once.
    expect(evs.map((e) => e.offset)).toEqual([0, FRAMES_PER_SLICE]);
    expect(evs.every((e) => e.kind === 'interpolate' && e.total === 10 && e.width === 28 && e.height === 28)).toBe(true);
    expect(evs.reduce((n, e) => n + e.pixels.length, 0)).toBe(10 * 28 * 28 * 4);
    // The ends are the grid's own samples 3 and 42 (one byte of rounding at most), the middle is neither.
    expect(maxDiff(frameOf(evs, 0), tileOf(grid, 3))).toBeLessThanOrEqual(1);
    expect(maxDiff(frameOf(evs, 9), tileOf(grid, 42))).toBeLessThanOrEqual(1);
    expect(maxDiff(frameOf(evs, 5), tileOf(grid, 3))).toBeGreaterThan(1);
    // Neighbouring frames are closer to each other than the two ends are.
    const meanDiff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / a.length;
    expect(meanDiff(frameOf(evs, 4), frameOf(evs, 5))).toBeLessThan(meanDiff(frameOf(evs, 0), frameOf(evs, 9)));
  });

  it('walks in a loop, nudges a sample a little, and encodes a GIF with one frame per picture', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    const before = tf.memory().numTensors;
    await h.session.handle({ type: 'latentFrames', id: 2, request: { kind: 'walk', seed: 5, stops: 3, framesPerLeg: 4 } });
    const walk = h.of('latentFrames').filter((e) => e.id === 2);
    expect(walk.reduce((n, e) => n + e.pixels.length / (28 * 28 * 4), 0)).toBe(12);

    await h.session.handle({ type: 'latentFrames', id: 3, request: { kind: 'explore', index: 7, nudges: [0, 0, 0] } });
    await h.session.handle({ type: 'latentFrames', id: 4, request: { kind: 'explore', index: 7, nudges: [0.1, 0, 0] } });
    await h.session.handle({ type: 'latentFrames', id: 5, request: { kind: 'explore', index: 7, nudges: [1, -1, 1] } });
    const [still, near, far] = [3, 4, 5].map((id) => h.of('latentFrames').find((e) => e.id === id)!.pixels);
    const meanDiff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / a.length;
    expect(meanDiff(still, near)).toBeLessThan(meanDiff(still, far));
    expect(tf.memory().numTensors).toBe(before);

    const frames = Array.from({ length: 12 }, (_, i) => ({ width: 28, height: 28, pixels: frameOf(walk, i) }));
    await h.session.handle({ type: 'latentGif', id: 6, frames, delayMs: 100, scale: 2 });
    const progress = h.of('latentGifProgress').map((e) => e.fraction);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    const info = gifFrames(h.of('latentGif')[0].bytes);
    expect(info.frames).toHaveLength(12);
    expect([info.width, info.height]).toEqual([56, 56]);
    expect(info.loops).toBe(true);
  });

  it('nudge directions are fixed per sample and run seed, unit length, and differ between samples', () => {
    const a = nudgeDirections(1, 7, 16, 3);
    expect(nudgeDirections(1, 7, 16, 3)).toEqual(a);
    for (const u of a) expect(Math.hypot(...u)).toBeCloseTo(1, 5);
    expect(nudgeDirections(1, 8, 16, 3)[0]).not.toEqual(a[0]);
  });

  it('a newer request of the same kind replaces one still drawing; a stop ends it', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    const first = h.session.handle({ type: 'latentFrames', id: 10, request: { kind: 'walk', seed: 1, stops: 4, framesPerLeg: 8 } });
    const second = h.session.handle({ type: 'latentFrames', id: 11, request: { kind: 'walk', seed: 2, stops: 2, framesPerLeg: 4 } });
    await Promise.all([first, second]);
    expect(h.of('latentFrames').filter((e) => e.id === 10).length).toBeLessThan(32 / FRAMES_PER_SLICE);
    expect(h.of('latentFrames').filter((e) => e.id === 11)).toHaveLength(1);
    const third = h.session.handle({ type: 'latentFrames', id: 12, request: { kind: 'walk', seed: 3, stops: 4, framesPerLeg: 8 } });
    await h.session.handle({ type: 'latentStop', kind: 'walk' });
    await third;
    expect(h.of('latentFrames').filter((e) => e.id === 12).length).toBeLessThan(32 / FRAMES_PER_SLICE);
  });

  it('a reset during a walk ends the walk quietly: no error, no frames of the old run after it', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    const walking = h.session.handle({ type: 'latentFrames', id: 20, request: { kind: 'walk', seed: 1, stops: 8, framesPerLeg: 8 } });
    await h.session.handle({ type: 'reset' });
    await walking;
    expect(h.of('error')).toEqual([]);
    const ready = h.events.findLastIndex((e) => e.type === 'ready');
    expect(h.events.slice(ready).some((e) => e.type === 'latentFrames')).toBe(false);
    expect(h.of('latentFrames').length).toBeLessThan(64 / FRAMES_PER_SLICE);
  });

  it('answers bad requests with an error event naming the command, and the run goes on', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    for (const msg of [
      { type: 'latentFrames', id: 1, request: { kind: 'interpolate', from: 3, to: 3, frames: 10 } },
      { type: 'latentFrames', id: 1, request: { kind: 'interpolate', from: 3, to: 4, frames: 1 } },
      { type: 'latentFrames', id: 1, request: { kind: 'interpolate', from: 3, to: 99, frames: 10 } },
      { type: 'latentFrames', id: 1, request: { kind: 'teleport' } },
      { type: 'latentFrames', id: 1, request: { kind: 'walk', seed: 1, stops: 16, framesPerLeg: 64 } },
      { type: 'latentFrames', id: 1, request: { kind: 'explore', index: 1, nudges: [2] } },
      { type: 'latentStop', kind: 'sideways' },
      { type: 'latentGif', id: 1, frames: [], delayMs: 100, scale: 1 },
      {
        type: 'latentGif',
        id: 1,
        frames: [
          { width: 2, height: 2, pixels: new Uint8ClampedArray(16) },
          { width: 3, height: 2, pixels: new Uint8ClampedArray(24) },
        ],
        delayMs: 100,
        scale: 1,
      },
    ])
      await h.session.handle(msg);
    const errors = h.of('error');
    expect(errors.map((e) => e.source)).toEqual([...Array(6).fill('latentFrames'), 'latentStop', 'latentGif', 'latentGif']);
    expect(errors[0].message).toMatch(/two different samples/);
    expect(errors[2].message).toMatch(/numbered 0 to 63/);
    expect(errors[8].code).toBe('export-failed');
    expect(h.of('latentFrames')).toEqual([]);
    const grids = h.of('samples').length;
    await h.session.handle({ type: 'requestSamples' });
    expect(h.of('samples')).toHaveLength(grids + 1);
  });

  it('refuses a run of points: the explorer is for images', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'pts' }, backend: 'cpu' });
    await h.session.handle({ type: 'latentFrames', id: 1, request: { kind: 'walk', seed: 1, stops: 2, framesPerLeg: 2 } });
    expect(h.of('error').at(-1)?.message).toMatch(/needs an image run/);
  });

  it('draws a conditional run: the strip between two samples of different rows ends on those grid samples; tensors stay flat', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    await h.session.handle({ type: 'requestSamples' });
    const grid = h.of('samples').at(-1)!;
    const before = tf.memory().numTensors;
    // Sample 3 is in row 0 (class 0), sample 12 in row 1 (class 1): each end keeps its sample's class.
    await h.session.handle({ type: 'latentFrames', id: 1, request: { kind: 'interpolate', from: 3, to: 12, frames: 10 } });
    await h.session.handle({ type: 'latentFrames', id: 2, request: { kind: 'interpolate', from: 3, to: 12, frames: 10, classes: [0, 1] } });
    expect(h.of('error')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    const evs = h.of('latentFrames').filter((e) => e.id === 1);
    expect(evs.reduce((n, e) => n + e.pixels.length, 0)).toBe(10 * 28 * 28 * 4);
    expect(maxDiff(frameOf(evs, 0), tileOf(grid, 3))).toBeLessThanOrEqual(1);
    expect(maxDiff(frameOf(evs, 9), tileOf(grid, 12))).toBeLessThanOrEqual(1);
    // Leaving the classes out means the grid's classes.
    const explicit = h.of('latentFrames').filter((e) => e.id === 2);
    for (let i = 0; i < 10; i++) expect(frameOf(explicit, i)).toEqual(frameOf(evs, i));
    // Asking for the other class at the ends changes the picture: the class reaches G.
    await h.session.handle({ type: 'latentFrames', id: 3, request: { kind: 'interpolate', from: 3, to: 12, frames: 10, classes: [1, 0] } });
    const swapped = h.of('latentFrames').filter((e) => e.id === 3);
    expect(maxDiff(frameOf(swapped, 0), tileOf(grid, 3))).toBeGreaterThan(1);
  });

  it('walks the class embedding: frame 0 is the sample drawn as class a, the last as class b, same z', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    const before = tf.memory().numTensors;
    await h.session.handle({ type: 'latentFrames', id: 1, request: { kind: 'interpolate', along: 'class', index: 5, frames: 10, classes: [0, 1] } });
    await h.session.handle({ type: 'latentFrames', id: 2, request: { kind: 'explore', index: 5, nudges: [], classIndex: 0 } });
    await h.session.handle({ type: 'latentFrames', id: 3, request: { kind: 'explore', index: 5, nudges: [], classIndex: 1 } });
    // Explore without a class draws the sample's grid class (row 0: class 0).
    await h.session.handle({ type: 'latentFrames', id: 4, request: { kind: 'explore', index: 5, nudges: [] } });
    expect(h.of('error')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    const strip = h.of('latentFrames').filter((e) => e.id === 1);
    expect(strip.every((e) => e.kind === 'interpolate' && e.total === 10)).toBe(true);
    const [asA, asB, asGrid] = [2, 3, 4].map((id) => h.of('latentFrames').find((e) => e.id === id)!.pixels);
    expect(maxDiff(frameOf(strip, 0), asA)).toBeLessThanOrEqual(1);
    expect(maxDiff(frameOf(strip, 9), asB)).toBeLessThanOrEqual(1);
    expect(asGrid).toEqual(asA);
    expect(maxDiff(asA, asB)).toBeGreaterThan(1);
  });

  it("a conditional run's walk is of the class asked for, and needs one", async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    await h.session.handle({ type: 'latentFrames', id: 1, request: { kind: 'walk', seed: 5, stops: 2, framesPerLeg: 4, classIndex: 0 } });
    await h.session.handle({ type: 'latentFrames', id: 2, request: { kind: 'walk', seed: 5, stops: 2, framesPerLeg: 4, classIndex: 1 } });
    expect(h.of('error')).toEqual([]);
    const [w0, w1] = [1, 2].map((id) => h.of('latentFrames').filter((e) => e.id === id));
    expect(w0.reduce((n, e) => n + e.pixels.length / (28 * 28 * 4), 0)).toBe(8);
    expect(maxDiff(frameOf(w0, 0), frameOf(w1, 0))).toBeGreaterThan(1);
    await h.session.handle({ type: 'latentFrames', id: 3, request: { kind: 'walk', seed: 5, stops: 2, framesPerLeg: 4 } });
    expect(h.of('error').at(-1)?.message).toMatch(/walk needs a class/);
  });

  it('answers a broken or mismatched class with a message naming it, draws nothing, and training goes on', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'labelled', conditional: true }, backend: 'cpu' });
    await h.session.handle({ type: 'step', count: 1 });
    for (const request of [
      { kind: 'explore', index: 1, nudges: [], classIndex: 2 },
      { kind: 'explore', index: 1, nudges: [], classIndex: 1.5 },
      { kind: 'explore', index: 1, nudges: [], classIndex: NaN },
      { kind: 'walk', seed: 1, stops: 2, framesPerLeg: 2, classIndex: -1 },
      { kind: 'interpolate', from: 1, to: 2, frames: 10, classes: [0, 7] },
      { kind: 'interpolate', along: 'class', index: 1, frames: 10, classes: [0, '1'] },
      { kind: 'interpolate', along: 'class', index: 1, frames: 10, classes: [9, 1] },
      { kind: 'interpolate', along: 'sideways', from: 1, to: 2, frames: 10 },
    ])
      await h.session.handle({ type: 'latentFrames', id: 1, request });
    const messages = h.of('error').map((e) => `${e.source}: ${e.message}`);
    expect(messages).toEqual([
      'latentFrames: latentFrames: class 2 is out of range: this run has classes 0–1',
      'latentFrames: latentFrames: "classIndex" must be a class number (a whole number, 0 or more); got 1.5',
      'latentFrames: latentFrames: "classIndex" must be a class number (a whole number, 0 or more); got NaN',
      'latentFrames: latentFrames: "classIndex" must be a class number (a whole number, 0 or more); got -1',
      'latentFrames: latentFrames: class 7 is out of range: this run has classes 0–1',
      'latentFrames: latentFrames: "classes" must be a class number (a whole number, 0 or more); got 1',
      'latentFrames: latentFrames: class 9 is out of range: this run has classes 0–1',
      'latentFrames: latentFrames: "along" must be "z" or "class"',
    ]);
    expect(h.of('latentFrames')).toEqual([]);
    await h.session.handle({ type: 'step', count: 1 });
    expect(h.of('state').at(-1)?.step).toBe(2);
  });

  it('refuses classes on an unconditional run', async () => {
    const h = harness();
    await h.session.handle({ type: 'init', config: { dataset: 'imgs' }, backend: 'cpu' });
    await h.session.handle({ type: 'latentFrames', id: 1, request: { kind: 'explore', index: 1, nudges: [], classIndex: 0 } });
    await h.session.handle({ type: 'latentFrames', id: 2, request: { kind: 'interpolate', along: 'class', index: 1, frames: 4, classes: [0, 1] } });
    expect(h.of('error').map((e) => e.message)).toEqual([
      'latentFrames: this run is not conditional: it has no classes to ask for',
      'latentFrames: this run is not conditional: only a conditional run has a class embedding to walk',
    ]);
  });

  it('keeps the imageGridRGBA tile layout the tile reader above assumes', () => {
    const one = imageGridRGBA(new Float32Array(64 * 28 * 28), [28, 28, 1], 8);
    expect(one.width).toBe(8 * 28 + 7 * 2);
  });
});
