import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { RING8_COUNT } from '../data/ring8';
import { Random } from '../random';
import {
  RUN_FILE_ALIGN,
  RUN_FILE_MAX_BYTES,
  RUN_FILE_PREAMBLE_BYTES,
  decodeRunFile,
  encodeRunFile,
  runFileName,
  runFileSizeProblem,
  type RunFileContents,
  type RunHistory,
} from './runFile';
import type { RunSnapshot } from './runSnapshot';
import { snapshotDatasetSource } from './snapshotDataset';
import { fakeRunSnapshot } from '../testing/fakeRunSnapshot';

/**
 * The shared fake snapshot (src/core/testing/fakeRunSnapshot.ts) with every optional counter set
 * away from its default, so a field the codec drops shows up as a difference.
 */
function fakeSnapshot(overrides: Partial<TrainConfig> = {}, count = RING8_COUNT): RunSnapshot {
  const s = fakeRunSnapshot(overrides, 200, count);
  return { ...s, live: { ...s.live, lrG: 5e-4 }, rng: { state: 123456789, spareNormal: 0.25 }, dUpdates: 400, lastR1: 0.0123, noiseStartStep: 120 };
}

function history(): RunHistory {
  return {
    metrics: { keys: ['step', 'dLoss'], rows: Float64Array.from([1, 0.7, 2, Number.NaN]) },
    quality: { labels: { modesCovered: 'Modes covered' }, points: [{ step: 100, epoch: 1, values: { modesCovered: 7 } }] },
    sampleFrames: [{ step: 100, epoch: 1, width: 2, height: 3, pixels: Uint8Array.from({ length: 24 }, (_, i) => i * 10) }],
    pointsFrames: [
      {
        step: 100,
        epoch: 1,
        real: Float32Array.from([1, 2, 3, 4]),
        fake: Float32Array.from([5, 6]),
        heatmap: Float32Array.from([0.1, 0.2, 0.3, 0.4]),
        gridSize: 2,
        extent: [-1, 1, -2, 2],
      },
    ],
  };
}

function encode(contents: RunFileContents): Uint8Array {
  const r = encodeRunFile(contents);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const good = () => encode({ snapshot: fakeSnapshot(), savedAt: '2026-12-01T21:00:00.000Z' });

function message(bytes: Uint8Array): string {
  const r = decodeRunFile(bytes);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.message;
}

/** Rewrites the JSON header (the data section is kept as it is). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into arbitrary header fields to break them
function editHeader(bytes: Uint8Array, edit: (h: Record<string, any>) => void): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const len = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + len)));
  const data = bytes.subarray(Math.ceil((16 + len) / RUN_FILE_ALIGN) * RUN_FILE_ALIGN);
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((16 + json.length) / RUN_FILE_ALIGN) * RUN_FILE_ALIGN;
  const out = new Uint8Array(start + data.length);
  out.set(bytes.subarray(0, 12));
  new DataView(out.buffer).setUint32(12, json.length, true);
  out.set(json, 16);
  out.set(data, start);
  return out;
}

/** Writes a float32 into the named tensor's data. */
function poke(bytes: Uint8Array, tensor: string, value: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const len = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(out.subarray(16, 16 + len)));
  const entry = header.tensors.find((t: { name: string }) => t.name === tensor);
  view.setFloat32(Math.ceil((16 + len) / RUN_FILE_ALIGN) * RUN_FILE_ALIGN + entry.offset + 4, value, true);
  return out;
}

describe('run files', () => {
  it('round-trip a snapshot exactly, with its history', () => {
    const snap = fakeSnapshot({ spectralNorm: 1, r1Gamma: 1, r1Every: 4 });
    const bytes = encode({ snapshot: snap, history: history(), savedAt: '2026-12-01T21:00:00.000Z' });
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('GANRUN');
    const r = decodeRunFile(bytes);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.snapshot).toEqual(snap);
    expect(r.value.snapshot.order).toBeInstanceOf(Int32Array);
    expect(r.value.snapshot.generator[0].values).toBeInstanceOf(Float32Array);
    expect(r.value.history).toEqual(history());
    expect(r.value.savedAt).toBe('2026-12-01T21:00:00.000Z');
    // An ArrayBuffer works too, and the decoded arrays do not alias the file's bytes.
    const again = decodeRunFile(bytes.slice().buffer);
    expect(again.ok).toBe(true);
    bytes.fill(0);
    expect(r.value.snapshot.generator[0].values).toEqual(snap.generator[0].values);
  });

  it("stores a drawing's points, and refuses a drawing without them or uploaded images", () => {
    const points = Float32Array.from([0, 0, 1, 1, 2, 0.5]);
    const snap = { ...fakeSnapshot({ dataset: 'drawn' }, 3 * 20), datasetPayload: { kind: 'drawn' as const, points } };
    const r = decodeRunFile(encode({ snapshot: snap }));
    if (!r.ok) throw new Error(r.message);
    expect(r.value.snapshot.datasetPayload).toEqual({ kind: 'drawn', points });
    const noPoints = encodeRunFile({ snapshot: fakeSnapshot({ dataset: 'drawn' }, 60) });
    expect(noPoints.ok).toBe(false);
    const upload = encodeRunFile({ snapshot: fakeSnapshot({ dataset: 'upload' as string }) });
    expect(upload).toMatchObject({ ok: false, message: expect.stringMatching(/uploaded images cannot be saved/) });
    const stripped = editHeader(encode({ snapshot: snap }), (h) => (h.tensors = h.tensors.filter((t: { name: string }) => t.name !== 'drawnPoints')));
    expect(message(stripped)).toMatch(/drawing, but the file does not hold the drawn points/);
  });

  it('rebuilds the dataset a run names: by id, or a drawing from its stored points', () => {
    const drawn = snapshotDatasetSource({
      config: { ...DEFAULT_CONFIG, dataset: 'drawn' },
      datasetPayload: { kind: 'drawn', points: Float32Array.from([0, 0, 1, 1, 2, 0.5]) },
    });
    expect(drawn.ok && drawn.value.info).toMatchObject({ id: 'drawn', count: 60 });
    const ring = snapshotDatasetSource({ config: DEFAULT_CONFIG });
    expect(ring.ok && ring.value.info.id).toBe('ring8');
    expect(snapshotDatasetSource({ config: { ...DEFAULT_CONFIG, dataset: 'nope' } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"nope" is not in this build/),
    });
  });

  it('names files dataset-model-stepN.ganrun', () => {
    expect(runFileName({ config: { ...DEFAULT_CONFIG, dataset: 'ring8', model: 'mlp2d' }, step: 4200 })).toBe('ring8-mlp2d-step4200.ganrun');
    expect(runFileName({ config: { ...DEFAULT_CONFIG, dataset: 'mnist', model: 'dcgan28-small' }, step: 0 })).toBe('mnist-dcgan28-small-step0.ganrun');
  });

  describe('refuses bad files with a message, never throwing', () => {
    it('0 bytes', () => expect(message(new Uint8Array(0))).toMatch(/empty \(0 bytes\)/));
    it('not a run file', () => {
      expect(message(new TextEncoder().encode('step,epoch,dLoss\n1,0,0.69\n'))).toMatch(/not a GAN Playground run file/);
      expect(message(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toMatch(/not a GAN Playground run file/);
    });
    it('truncated in the header', () => expect(message(good().subarray(0, 200))).toMatch(/truncated: it ends inside its header/));
    it('truncated in the tensors', () => {
      const bytes = good();
      expect(message(bytes.subarray(0, bytes.length - 100))).toMatch(/truncated: it should be \d+ bytes but is \d+/);
    });
    it('trailing bytes', () => {
      const bytes = good();
      const longer = new Uint8Array(bytes.length + 8);
      longer.set(bytes);
      expect(message(longer)).toMatch(/8 bytes follow its last tensor/);
    });
    it('a newer format version', () => {
      const bytes = good();
      new DataView(bytes.buffer).setUint32(8, 4, true);
      expect(message(bytes)).toMatch(/newer GAN Playground \(format version 4; this build reads up to 3\)/);
    });
    it('a model this build does not have', () => {
      expect(message(editHeader(good(), (h) => (h.config.model = 'stylegan9')))).toMatch(/model "stylegan9", which this build of GAN Playground does not have/);
    });
    it('a dataset this build does not have, or uploaded images', () => {
      expect(message(editHeader(good(), (h) => (h.config.dataset = 'cifar10')))).toMatch(/dataset "cifar10", which this build of GAN Playground does not have/);
      expect(message(editHeader(good(), (h) => (h.config.dataset = 'upload')))).toMatch(/uploaded images, which run files do not hold/);
    });
    it('shapes that do not match the model', () => {
      // The file's weights were saved for latent dimension 8; the header now claims 4.
      expect(message(editHeader(good(), (h) => (h.config.latentDim = 4)))).toMatch(
        /The saved G weights do not match mlp2d: g\/dense0\/kernel is \[8, 128\] in the file; the model needs \[4, 128\]/,
      );
      const swapped = editHeader(good(), (h) => (h.tensors.find((t: { name: string }) => t.name === 'd/dense0/kernel').shape = [128, 2]));
      expect(message(swapped)).toMatch(/The saved D weights do not match mlp2d: d\/dense0\/kernel is \[128, 2\]/);
    });
    it('a model that does not fit the dataset', () => {
      expect(message(editHeader(good(), (h) => (h.config.model = 'dcgan28')))).toMatch(/dcgan28 makes \[28, 28, 1\] but its dataset ring8 is \[2\]/);
    });
    it('NaN or infinite weights and optimizer state', () => {
      expect(message(poke(good(), 'g/dense0/kernel', Number.NaN))).toMatch(/NaN or infinite values in g\/dense0\/kernel/);
      expect(message(poke(good(), 'optD.v/dense2/bias', Number.POSITIVE_INFINITY))).toMatch(/NaN or infinite values in optD\.v\/dense2\/bias/);
      expect(message(poke(good(), 'optD.v/dense2/kernel', -1))).toMatch(/negative second moment/);
    });
    it('an absurd size or offset field', () => {
      expect(message(editHeader(good(), (h) => (h.tensors[3].offset = 2 ** 40)))).toMatch(/lies outside the file's data/);
      expect(message(editHeader(good(), (h) => (h.tensors[3].offset = 3)))).toMatch(/lies outside the file's data \(offset 3/);
      expect(message(editHeader(good(), (h) => (h.dataBytes = 1e15)))).toMatch(/declares 1000000000000000 bytes/);
      expect(message(editHeader(good(), (h) => (h.tensors[0].shape = [1e9, 1e9])))).toMatch(/invalid shape|outside the file/);
      const huge = good();
      new DataView(huge.buffer).setUint32(12, 0xffffffff, true);
      expect(message(huge)).toMatch(/declares a header of 4294967295 bytes/);
    });
    it('a file over 1 GB, from its size before reading', () => {
      expect(runFileSizeProblem(RUN_FILE_MAX_BYTES + 1)).toMatch(/1024 MB; run files over 1 GB are not opened/);
      expect(runFileSizeProblem(RUN_FILE_MAX_BYTES)).toBeNull();
      expect(runFileSizeProblem(0)).toMatch(/empty/);
      expect(runFileSizeProblem(RUN_FILE_PREAMBLE_BYTES - 1)).toMatch(/only 15 bytes/);
      expect(runFileSizeProblem(Number.NaN)).toMatch(/unknown/);
    });
    it('an invalid JSON header', () => {
      const bytes = good();
      bytes[RUN_FILE_PREAMBLE_BYTES] = 0x7b + 1; // '{' → '|'
      expect(message(bytes)).toMatch(/header is not valid JSON/);
      const notUtf8 = good();
      notUtf8[RUN_FILE_PREAMBLE_BYTES + 5] = 0xff;
      expect(message(notUtf8)).toMatch(/header is not valid JSON/);
    });
    it('config and live values out of range', () => {
      expect(message(editHeader(good(), (h) => (h.config.lrG = 7)))).toMatch(/settings are invalid: lrG must be in \[1e-6, 1\]; got 7/);
      expect(message(editHeader(good(), (h) => (h.config.surprise = 1)))).toMatch(/unknown config field "surprise"/);
      expect(message(editHeader(good(), (h) => (h.live.r1Every = 0)))).toMatch(/live values are invalid: r1Every must be/);
      expect(message(editHeader(good(), (h) => delete h.live.lrD))).toMatch(/live values are incomplete/);
    });
    it('counters, random state and data order that no run can have', () => {
      expect(message(editHeader(good(), (h) => (h.counters.step = -1)))).toMatch(/its step counter is -1/);
      expect(message(editHeader(good(), (h) => (h.counters.cursor = 1e6)))).toMatch(/cursor 1000000 is past the dataset's 10000 examples/);
      expect(message(editHeader(good(), (h) => (h.rng.state = 2 ** 33)))).toMatch(/random generator state is invalid/);
      expect(message(poke(good(), 'order', 0))).toMatch(/data order is not a permutation/);
      expect(message(editHeader(good(), (h) => h.tensors.push({ name: 'g/dense9/kernel', dtype: 'float32', shape: [1], offset: 0 })))).toMatch(
        /unknown tensor g\/dense9\/kernel/,
      );
      expect(message(editHeader(good(), (h) => (h.tensors = h.tensors.filter((t: { name: string }) => t.name !== 'fixedNoise'))))).toMatch(
        /lacks the tensor fixedNoise/,
      );
    });
    it('a damaged history', () => {
      const withHistory = encode({ snapshot: fakeSnapshot(), history: history() });
      expect(message(editHeader(withHistory, (h) => (h.history.quality.points[0].step = 'x')))).toMatch(/quality history is invalid/);
      expect(message(editHeader(withHistory, (h) => (h.history.sampleFrames[0].width = 3)))).toMatch(
        /A saved sample frame is damaged: history\/samples\/0 is \[3, 2, 4\] in the file; its header says \[3, 3, 4\]/,
      );
      expect(message(editHeader(withHistory, (h) => (h.history.metrics.keys = ['step'])))).toMatch(/metric history has the wrong width/);
    });
    it('random garbage after a valid magic', () => {
      const bytes = good().slice(0, 4096);
      const rng = new Random(9);
      for (let i = 8; i < bytes.length; i++) bytes[i] = rng.int(256);
      expect(() => decodeRunFile(bytes)).not.toThrow();
      expect(decodeRunFile(bytes).ok).toBe(false);
    });
  });

  it('the codec, its types and the dataset rebuild reach no TF.js file through any chain of imports', () => {
    const seen = new Set<string>();
    const visit = (file: string, chain: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      const specs = [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map(
        (m) => m[1] ?? m[2],
      );
      for (const spec of specs) {
        expect(spec.startsWith('@tensorflow'), `${[...chain, file].join(' → ')} imports ${spec}`).toBe(false);
        if (spec.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`), [...chain, file]);
      }
    };
    for (const f of ['runFile.ts', 'runSnapshot.ts', 'snapshotDataset.ts']) visit(resolve(__dirname, f), []);
    expect(seen.size).toBeGreaterThan(8);
  });
});

describe('twin run files (format version 2: run B beside A)', () => {
  const twinB = (): RunSnapshot => {
    const a = fakeSnapshot();
    const b = fakeSnapshot();
    // A fork that went on: its own live values, counters, stream and weights.
    return {
      ...b,
      live: { ...b.live, l2D: 0.01 },
      step: 260,
      cursor: 33,
      rng: { state: 42, spareNormal: null },
      generator: b.generator.map((t) => ({ ...t, values: t.values.map((x) => x + 1) })),
      config: a.config,
    };
  };
  const twinFile = () =>
    encode({
      snapshot: fakeSnapshot(),
      history: history(),
      twin: { snapshot: twinB(), history: history(), forkStep: 200 },
      savedAt: '2026-12-01T21:00:00.000Z',
    });
  const version = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);

  it('round-trip both runs, their histories and the fork step; a single run stays version 1', () => {
    const bytes = twinFile();
    expect(version(bytes)).toBe(2);
    expect(version(good())).toBe(1);
    const r = decodeRunFile(bytes);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.snapshot).toEqual(fakeSnapshot());
    expect(r.value.twin?.snapshot).toEqual(twinB());
    expect(r.value.twin?.forkStep).toBe(200);
    expect(r.value.twin?.history).toEqual(history());
    expect(r.value.twin?.snapshot.live.l2D).toBe(0.01);
    // An older file (no B) opens as before, with no twin.
    const single = decodeRunFile(good());
    expect(single.ok && single.value.twin).toBeUndefined();
  });

  it('stores a drawing once, with A; B trains on it too', () => {
    const points = Float32Array.from([0, 0, 1, 1, 2, 0.5]);
    const a = { ...fakeSnapshot({ dataset: 'drawn' }, 60), datasetPayload: { kind: 'drawn' as const, points } };
    const b = { ...fakeSnapshot({ dataset: 'drawn' }, 60), live: { ...a.live, l1G: 0.1 } };
    const r = decodeRunFile(encode({ snapshot: a, twin: { snapshot: b, forkStep: 0 } }));
    if (!r.ok) throw new Error(r.message);
    expect(r.value.snapshot.datasetPayload?.points).toEqual(points);
    expect(r.value.twin?.snapshot).toEqual(b);
  });

  it('refuses to save a B with other structural settings than A', () => {
    const r = encodeRunFile({ snapshot: fakeSnapshot(), twin: { snapshot: { ...twinB(), config: { ...fakeSnapshot().config, batchSize: 7 } }, forkStep: 0 } });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/other structural settings than A/) });
  });

  describe('a bad B section refuses the whole file with a message naming run B', () => {
    it("NaN in B's weights", () => {
      expect(message(poke(twinFile(), 'B/g/dense0/kernel', Number.NaN))).toMatch(
        /^Run B of this twin file cannot be read: .*NaN or infinite values in g\/dense0\/kernel/,
      );
    });
    it("B's counters or stream missing, or a bad fork step", () => {
      expect(message(editHeader(twinFile(), (h) => delete h.twin.counters))).toMatch(
        /^Run B of this twin file cannot be read: The run file is damaged: it holds no counters/,
      );
      expect(message(editHeader(twinFile(), (h) => (h.twin.rng = { state: -1 })))).toMatch(/^Run B .*random generator state is invalid/);
      expect(message(editHeader(twinFile(), (h) => (h.twin.forkStep = 'soon')))).toMatch(/fork step is invalid/);
      expect(message(editHeader(twinFile(), (h) => (h.twin = [])))).toMatch(/twin section is not an object/);
    });
    it('a tensor of B missing', () => {
      const stripped = editHeader(twinFile(), (h) => (h.tensors = h.tensors.filter((t: { name: string }) => t.name !== 'B/optD.v/dense0/kernel')));
      expect(message(stripped)).toMatch(/^Run B .*lacks the tensor optD\.v\/dense0\/kernel/);
    });
    it("truncated inside B's tensors", () => {
      const bytes = twinFile();
      expect(message(bytes.subarray(0, bytes.length - 64))).toMatch(/truncated: it should be \d+ bytes but is \d+/);
    });
    it("B's tensors in a version-1 file are unknown tensors", () => {
      const v1 = twinFile();
      new DataView(v1.buffer).setUint32(8, 1, true);
      expect(message(v1)).toMatch(/unknown tensor B\//);
    });
  });
});
