/** Conditional runs in run files (docs/run-file-format.md, "Conditional runs"): version 3; older files open unconditional. */
import { describe, expect, it } from 'vitest';
import { MNIST_COUNT } from '../data/mnist';
import { fakeRunSnapshot } from '../testing/fakeRunSnapshot';
import { RUN_FILE_PREAMBLE_BYTES, decodeRunFile, encodeRunFile } from './runFile';

const mnistConfig = { dataset: 'mnist', model: 'resize28-small' as const, latentDim: 64, spectralNorm: 1 };

function encode(conditional: boolean): Uint8Array {
  const r = encodeRunFile({ snapshot: fakeRunSnapshot({ ...mnistConfig, conditional }, 200, MNIST_COUNT), savedAt: '2026-12-07T06:00:00.000Z' });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const version = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
const headerOf = (bytes: Uint8Array) => {
  const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(RUN_FILE_PREAMBLE_BYTES, RUN_FILE_PREAMBLE_BYTES + n))) as { config: Record<string, unknown> };
};

describe('conditional run files', () => {
  it('a conditional run is version 3 and reads back conditional, with its class embeddings', () => {
    const bytes = encode(true);
    expect(version(bytes)).toBe(3);
    const r = decodeRunFile(bytes);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.snapshot.config.conditional).toBe(true);
    const names = r.value.snapshot.generator.map((t) => t.name);
    expect(names[0]).toBe('embed0/table');
    expect(r.value.snapshot.generator[0].shape).toEqual([10, 16]);
    const head = r.value.snapshot.discriminator.slice(-3);
    expect(head.map((t) => t.name.replace(/\d+/, 'N'))).toEqual(['projectionN/kernel', 'projectionN/bias', 'projectionN/embed']);
    expect(head[2].shape).toEqual([10, head[0].shape[0]]);
  });

  it('an unconditional run stays version 1 with no `conditional` field (what older builds wrote) and reads back unconditional', () => {
    const bytes = encode(false);
    expect(version(bytes)).toBe(1);
    expect('conditional' in headerOf(bytes).config).toBe(false);
    const r = decodeRunFile(bytes);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.snapshot.config.conditional).toBe(false);
    expect(r.value.snapshot.generator[0].name).toBe('dense0/kernel');
  });

  it('refuses a version-1 file that claims to be conditional, and a conditional run on a dataset without labels', () => {
    const bytes = encode(true);
    new DataView(bytes.buffer).setUint32(8, 1, true);
    const r = decodeRunFile(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/conditional but its format version is 1/);
    const ring = encodeRunFile({ snapshot: fakeRunSnapshot({ conditional: false }), savedAt: '2026-12-07T06:00:00.000Z' });
    if (!ring.ok) throw new Error(ring.message);
    const n = new DataView(ring.value.buffer).getUint32(12, true);
    const json = new TextDecoder().decode(ring.value.subarray(RUN_FILE_PREAMBLE_BYTES, RUN_FILE_PREAMBLE_BYTES + n));
    // A ring-of-8 header made conditional: the config check refuses it before any tensor is read.
    const edited = json.replace('"holdout":0', '"holdout":0,"conditional":true');
    const header = new TextEncoder().encode(edited);
    const out = new Uint8Array(ring.value.length + 64);
    out.set(ring.value.subarray(0, 8));
    const view = new DataView(out.buffer);
    view.setUint32(8, 3, true);
    view.setUint32(12, header.length, true);
    out.set(header, RUN_FILE_PREAMBLE_BYTES);
    const r2 = decodeRunFile(out);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.message).toMatch(/no labels/);
  });
});
