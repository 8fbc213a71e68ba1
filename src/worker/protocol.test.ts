import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, transferablesOf } from './protocol';

describe('parseCommand', () => {
  it('accepts each well-formed command', () => {
    expect(parseCommand({ type: 'init', config: {}, backend: 'wasm' }).ok).toBe(true);
    expect(parseCommand({ type: 'step', count: 10 })).toEqual({ ok: true, value: { type: 'step', count: 10 } });
    expect(parseCommand({ type: 'reset' })).toEqual({ ok: true, value: { type: 'reset', config: undefined } });
    expect(parseCommand({ type: 'setHyperparams', values: { lrG: 0.1 } }).ok).toBe(true);
    for (const type of ['start', 'pause', 'requestSamples']) expect(parseCommand({ type })).toEqual({ ok: true, value: { type } });
  });

  it('start, pause, reset and saveRun take an optional run (A, B or both) for twins', () => {
    for (const type of ['start', 'pause', 'saveRun']) {
      expect(parseCommand({ type })).toEqual({ ok: true, value: { type } });
      for (const run of ['A', 'B', 'both']) expect(parseCommand({ type, run })).toEqual({ ok: true, value: { type, run } });
      expect(parseCommand({ type, run: 'C' })).toEqual({ ok: false, type, message: `${type}: "run" must be A, B or both when given` });
    }
    expect(parseCommand({ type: 'reset', run: 'B' })).toEqual({ ok: true, value: { type: 'reset', config: undefined, run: 'B' } });
    expect(parseCommand({ type: 'reset', run: 2 })).toMatchObject({ ok: false, message: 'reset: "run" must be A, B or both when given' });
  });

  it('start takes an optional untilStep (a lesson cap): a whole number of steps', () => {
    expect(parseCommand({ type: 'start', untilStep: 3000 })).toEqual({ ok: true, value: { type: 'start', untilStep: 3000 } });
    expect(parseCommand({ type: 'start', run: 'A', untilStep: 0 })).toEqual({ ok: true, value: { type: 'start', run: 'A', untilStep: 0 } });
    for (const untilStep of [-1, 1.5, '100', null])
      expect(parseCommand({ type: 'start', untilStep })).toMatchObject({ ok: false, message: expect.stringMatching(/untilStep/) });
    // Pause ignores it.
    expect(parseCommand({ type: 'pause', untilStep: 5 })).toEqual({ ok: true, value: { type: 'pause' } });
  });

  it('rejects malformed ones with a reason', () => {
    expect(parseCommand(undefined)).toEqual({ ok: false, message: 'message must be an object with a string "type"' });
    expect(parseCommand({ type: 'step', count: 1e9 })).toMatchObject({ ok: false, message: expect.stringMatching(/count/) });
    expect(parseCommand({ type: 'reset', config: 'x' })).toMatchObject({ ok: false });
    expect(parseCommand({ type: 'setHyperparams', values: { seed: 1 } })).toMatchObject({ ok: false, message: expect.stringMatching(/seed/) });
    expect(parseCommand({ type: 'previewDataset', id: 7 })).toMatchObject({ ok: false, type: 'previewDataset' });
    expect(parseCommand({ type: 'uploadImages', files: [{ name: 'a.png' }], target: 'grey28' })).toMatchObject({
      ok: false,
      type: 'uploadImages',
      message: expect.stringMatching(/files\[0\]/),
    });
    expect(parseCommand({ type: 'uploadImages', files: [], target: 'rgb99' })).toMatchObject({ ok: false, message: expect.stringMatching(/target/) });
    expect(parseCommand({ type: 'useDrawnPoints', points: [1, 2] })).toMatchObject({
      ok: false,
      type: 'useDrawnPoints',
      message: expect.stringMatching(/Float32Array/),
    });
    expect(parseCommand({ type: 'explode' })).toEqual({ ok: false, message: 'unknown message type "explode"' });
  });

  it('rejects malformed previewDataset, useDrawnPoints and uploadImages', () => {
    expect(parseCommand({ type: 'previewDataset' })).toMatchObject({ ok: false, message: expect.stringMatching(/"id"/) });
    expect(parseCommand({ type: 'previewDataset', id: 'x'.repeat(65) })).toMatchObject({ ok: false, message: expect.stringMatching(/"id"/) });
    expect(parseCommand({ type: 'previewDataset', id: 'ring8' })).toEqual({ ok: true, value: { type: 'previewDataset', id: 'ring8' } });

    expect(parseCommand({ type: 'useDrawnPoints', points: [0, 1] })).toMatchObject({ ok: false, message: expect.stringMatching(/Float32Array/) });
    expect(parseCommand({ type: 'useDrawnPoints', points: new Float64Array(2) })).toMatchObject({ ok: false, message: expect.stringMatching(/Float32Array/) });
    expect(parseCommand({ type: 'useDrawnPoints', points: new Float32Array(2) }).ok).toBe(true);

    const file = { name: 'a.png', type: 'image/png', size: 3, arrayBuffer: async () => new ArrayBuffer(3) };
    expect(parseCommand({ type: 'uploadImages', files: 'a.png', target: 'grey28' })).toMatchObject({ ok: false, message: expect.stringMatching(/"files"/) });
    expect(parseCommand({ type: 'uploadImages', files: [file, { name: 'b.png', size: 1 }], target: 'grey28' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/files\[1\] is not a file/),
    });
    expect(parseCommand({ type: 'uploadImages', files: [file], target: 'huge' })).toMatchObject({ ok: false, message: expect.stringMatching(/"target"/) });
    expect(parseCommand({ type: 'uploadImages', files: [file], target: 'grey28' })).toMatchObject({
      ok: true,
      value: { files: [file], target: 'grey28', invert: false },
    });
  });

  it('lists the buffers of events that carry arrays', () => {
    const data = new Float64Array(4);
    expect(transferablesOf({ type: 'metrics', keys: [], data, imagesPerSec: 0, stepsPerSec: 0, elapsedMs: 0 })).toEqual([data.buffer]);
    expect(transferablesOf({ type: 'state', running: false, step: 0, epoch: 0 })).toEqual([]);
  });
});

describe('protocol.ts imports', () => {
  it('reaches no TF.js file through any chain of imports, types included', () => {
    const seen = new Map<string, string[]>();
    const visit = (file: string, chain: string[]) => {
      if (seen.has(file)) return;
      const specs = [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map(
        (m) => m[1] ?? m[2],
      );
      seen.set(file, specs);
      for (const spec of specs) {
        expect(spec.startsWith('@tensorflow'), `${[...chain, file].join(' → ')} imports ${spec}`).toBe(false);
        if (spec.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`), [...chain, file]);
      }
    };
    visit(resolve(__dirname, 'protocol.ts'), []);
    expect(seen.size).toBeGreaterThan(3);
  });
});
