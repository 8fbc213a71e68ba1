/**
 * Encodes and decodes `.ganrun` files (layout: docs/run-file-format.md). Pure: no DOM, no TF.js.
 * Decoding checks everything it reads against this build's models and datasets and never throws:
 * a bad file gives `{ ok: false, message }` with a message for the user.
 */
import { expectedTensors, headerProblem, type RunHeader } from './runFileChecks';
import {
  DTYPE_BYTES,
  RUN_FILE_ALIGN,
  RUN_FILE_MAGIC,
  RUN_FILE_MAX_BYTES,
  RUN_FILE_MAX_HEADER_BYTES,
  RUN_FILE_PREAMBLE_BYTES,
  RUN_FILE_CONDITIONAL_VERSION,
  RUN_FILE_TWIN_VERSION,
  RUN_FILE_VERSION,
  TWIN_TENSOR_PREFIX,
  runFileSizeProblem,
  type RunFileContents,
  type RunFileResult,
  type RunHistory,
  type TensorDtype,
  type TwinRunContents,
  type TensorEntry,
} from './runFileFormat';
import type { NamedTensor, RunSnapshot } from './runSnapshot';

export * from './runFileFormat';

type Typed = Float32Array | Int32Array | Float64Array | Uint8Array;
const CTORS = { float32: Float32Array, int32: Int32Array, float64: Float64Array, uint8: Uint8Array } as const;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const dtypeOf = (x: Typed): TensorDtype =>
  x instanceof Float32Array ? 'float32' : x instanceof Int32Array ? 'int32' : x instanceof Float64Array ? 'float64' : 'uint8';
const align = (n: number) => Math.ceil(n / RUN_FILE_ALIGN) * RUN_FILE_ALIGN;

/** Every tensor of a run, in file order, with its directory name. */
function collectTensors(c: Pick<RunFileContents, 'snapshot' | 'history'>): { name: string; shape: number[]; data: Typed }[] {
  type Item = { name: string; shape: number[]; data: Typed };
  const s = c.snapshot;
  const named = (prefix: string, list: NamedTensor[]) => list.map((x) => ({ name: `${prefix}/${x.name}`, shape: x.shape, data: x.values }));
  const moments = (prefix: string, net: NamedTensor[], m: Float32Array[], v: Float32Array[]) => [
    ...net.map((x, i) => ({ name: `${prefix}.m/${x.name}`, shape: x.shape, data: m[i] })),
    ...net.map((x, i) => ({ name: `${prefix}.v/${x.name}`, shape: x.shape, data: v[i] })),
  ];
  const out: Item[] = [
    ...named('g', s.generator),
    ...named('d', s.discriminator),
    ...moments('optG', s.generator, s.optG.m, s.optG.v),
    ...moments('optD', s.discriminator, s.optD.m, s.optD.v),
    ...named('sn', s.spectral),
    ...named('gEma', s.generatorEma ?? []),
    { name: 'fixedNoise', shape: [s.fixedNoise.length / s.config.latentDim, s.config.latentDim], data: s.fixedNoise },
    { name: 'order', shape: [s.order.length], data: s.order },
  ];
  if (s.datasetPayload) out.push({ name: 'drawnPoints', shape: [s.datasetPayload.points.length / 2, 2], data: s.datasetPayload.points });
  const h = c.history;
  if (h?.metrics)
    out.push({ name: 'history/metrics', shape: [h.metrics.rows.length / Math.max(1, h.metrics.keys.length), h.metrics.keys.length], data: h.metrics.rows });
  h?.sampleFrames?.forEach((f, i) => out.push({ name: `history/samples/${i}`, shape: [f.height, f.width, 4], data: f.pixels }));
  h?.pointsFrames?.forEach((f, i) => {
    out.push({ name: `history/points/${i}/real`, shape: [f.real.length / 2, 2], data: f.real });
    out.push({ name: `history/points/${i}/fake`, shape: [f.fake.length / 2, 2], data: f.fake });
    out.push({ name: `history/points/${i}/heatmap`, shape: [f.gridSize, f.gridSize], data: f.heatmap });
  });
  return out;
}

function historyHeader(h: RunHistory | undefined): RunHeader['history'] {
  if (!h) return undefined;
  return {
    metrics: h.metrics ? { keys: h.metrics.keys } : undefined,
    quality: h.quality,
    sampleFrames: h.sampleFrames?.map(({ step, epoch, width, height }) => ({ step, epoch, width, height })),
    pointsFrames: h.pointsFrames?.map(({ step, epoch, gridSize, extent }) => ({ step, epoch, gridSize, extent })),
  };
}

/** The file's bytes, or why this run cannot be saved (uploaded images, a drawing without its points). */
export function encodeRunFile(contents: RunFileContents): RunFileResult<Uint8Array> {
  const s = contents.snapshot;
  if (s.config.dataset === 'upload')
    return {
      ok: false,
      message: 'Runs on uploaded images cannot be saved: run files do not hold your pictures. Save runs on the built-in datasets or a drawing.',
    };
  if (s.config.dataset === 'drawn' && !s.datasetPayload)
    return { ok: false, message: 'This run is on a drawing, but the drawn points were not given to the saver.' };
  const tensors = collectTensors(contents);
  const tw = contents.twin;
  if (tw) {
    // B is a fork of A: the same structural settings and dataset (its drawing is A's), other live values.
    if (JSON.stringify(tw.snapshot.config) !== JSON.stringify(s.config))
      return { ok: false, message: 'Run B of this twin has other structural settings than A; it cannot be saved with A.' };
    const b = collectTensors({ snapshot: { ...tw.snapshot, datasetPayload: undefined }, history: tw.history });
    tensors.push(...b.map((t) => ({ ...t, name: TWIN_TENSOR_PREFIX + t.name })));
  }
  let offset = 0;
  const entries: TensorEntry[] = tensors.map((t) => {
    const entry = { name: t.name, dtype: dtypeOf(t.data), shape: [...t.shape], offset };
    offset = align(offset + t.data.byteLength);
    return entry;
  });
  const header: RunHeader = {
    format: 'gan-playground-run',
    savedAt: contents.savedAt ?? new Date().toISOString(),
    config: configOf(s.config),
    live: s.live,
    counters: countersOf(s),
    rng: s.rng,
    dataBytes: offset,
    tensors: entries,
    history: historyHeader(contents.history),
    ...(tw
      ? { twin: { forkStep: tw.forkStep, live: tw.snapshot.live, counters: countersOf(tw.snapshot), rng: tw.snapshot.rng, history: historyHeader(tw.history) } }
      : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align(RUN_FILE_PREAMBLE_BYTES + json.length);
  const total = dataStart + offset;
  if (total > RUN_FILE_MAX_BYTES)
    return { ok: false, message: `This run would make a ${(total / 1024 ** 3).toFixed(1)} GB file; run files are limited to 1 GB.` };
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(RUN_FILE_MAGIC, 0);
  // A single run stays version 1, so older builds keep opening it; only a conditional run needs 3.
  view.setUint32(8, s.config.conditional ? RUN_FILE_CONDITIONAL_VERSION : tw ? RUN_FILE_TWIN_VERSION : 1, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, RUN_FILE_PREAMBLE_BYTES);
  tensors.forEach((t, i) => writeLE(view, dataStart + entries[i].offset, t.data));
  return { ok: true, value: bytes };
}

/**
 * The config as the header holds it: an unconditional run's without the `conditional` field and a
 * run on the whole set without `trainLimit`, so its file is byte for byte what builds before those
 * fields wrote (and they can open it).
 */
function configOf(config: RunSnapshot['config']): RunSnapshot['config'] {
  // Reading it back fills `conditional: false` and `trainLimit: 0` from the defaults (validateConfig).
  const { conditional, trainLimit, ...rest } = config;
  return { ...rest, ...(trainLimit ? { trainLimit } : {}), ...(conditional ? { conditional } : {}) } as RunSnapshot['config'];
}

function countersOf(s: RunSnapshot): RunHeader['counters'] {
  return {
    step: s.step,
    epoch: s.epoch,
    cursor: s.cursor,
    dUpdates: s.dUpdates,
    noiseStartStep: s.noiseStartStep,
    lastR1: s.lastR1,
    optGT: s.optG.t,
    optDT: s.optD.t,
  };
}

function writeLE(view: DataView, at: number, data: Typed): void {
  if (LITTLE_ENDIAN || data instanceof Uint8Array) {
    new Uint8Array(view.buffer, at, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return;
  }
  const step = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) view.setFloat32(at + i * step, data[i], true);
    else if (data instanceof Float64Array) view.setFloat64(at + i * step, data[i], true);
    else view.setInt32(at + i * step, data[i], true);
  }
}

function readLE(bytes: Uint8Array, at: number, dtype: TensorDtype, count: number): Typed {
  const size = DTYPE_BYTES[dtype];
  const copy = bytes.slice(at, at + count * size);
  if (LITTLE_ENDIAN || dtype === 'uint8') return new CTORS[dtype](copy.buffer, 0, count);
  const view = new DataView(copy.buffer);
  const out = new CTORS[dtype](count);
  for (let i = 0; i < count; i++)
    out[i] = dtype === 'float32' ? view.getFloat32(i * 4, true) : dtype === 'float64' ? view.getFloat64(i * 8, true) : view.getInt32(i * 4, true);
  return out;
}

const NOT_A_RUN_FILE = 'This is not a GAN Playground run file (.ganrun).';

/** Reads a run file; `{ ok: false, message }` names what is wrong with a bad one. */
export function decodeRunFile(input: Uint8Array | ArrayBuffer): RunFileResult<RunFileContents> {
  try {
    return decode(input instanceof Uint8Array ? input : new Uint8Array(input));
  } catch (e) {
    // Every check above should have caught a bad file first; this keeps the promise never to throw.
    return { ok: false, message: `The run file could not be read: ${(e as Error).message}` };
  }
}

function decode(bytes: Uint8Array): RunFileResult<RunFileContents> {
  const fail = (message: string) => ({ ok: false as const, message });
  const sizeProblem = runFileSizeProblem(bytes.length);
  if (sizeProblem) return fail(sizeProblem);
  if (!RUN_FILE_MAGIC.every((b, i) => bytes[i] === b)) return fail(NOT_A_RUN_FILE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version === 0) return fail('The run file is damaged: its format version is 0.');
  if (version > RUN_FILE_VERSION) {
    return fail(
      `This run file was saved by a newer GAN Playground (format version ${version}; this build reads up to ${RUN_FILE_VERSION}). Open it in a newer version of the app.`,
    );
  }
  const headerBytes = view.getUint32(12, true);
  if (headerBytes > RUN_FILE_MAX_HEADER_BYTES) return fail(`The run file is damaged: it declares a header of ${headerBytes} bytes.`);
  if (RUN_FILE_PREAMBLE_BYTES + headerBytes > bytes.length)
    return fail(`The run file is truncated: it ends inside its header (${bytes.length} of ${RUN_FILE_PREAMBLE_BYTES + headerBytes} header bytes present).`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(RUN_FILE_PREAMBLE_BYTES, RUN_FILE_PREAMBLE_BYTES + headerBytes)));
  } catch {
    return fail('The run file is damaged: its header is not valid JSON.');
  }
  const checked = headerProblem(header);
  if (!checked.ok) return checked;
  const h = checked.value;
  if (h.config.conditional && version < RUN_FILE_CONDITIONAL_VERSION)
    return fail(
      `The run file is damaged: its config is conditional but its format version is ${version} (conditional runs are version ${RUN_FILE_CONDITIONAL_VERSION}).`,
    );
  const dataStart = align(RUN_FILE_PREAMBLE_BYTES + headerBytes);
  if (dataStart + h.dataBytes > bytes.length) {
    return fail(`The run file is truncated: it should be ${dataStart + h.dataBytes} bytes but is ${bytes.length}, so some weights are missing.`);
  }
  if (dataStart + h.dataBytes < bytes.length) return fail(`The run file is damaged: ${bytes.length - dataStart - h.dataBytes} bytes follow its last tensor.`);
  const hasTwin = version >= RUN_FILE_TWIN_VERSION && h.twin !== undefined;
  // Without a twin section, B's tensors are unknown ones (refused below, as any unknown tensor).
  const isB = (t: TensorEntry) => hasTwin && t.name.startsWith(TWIN_TENSOR_PREFIX);
  const ha = { ...h, tensors: h.tensors.filter((t) => !isB(t)) };
  const a = readSection(ha, bytes, dataStart);
  if (!a.ok) return a;
  const contents = assemble(ha, a.value);
  if (!hasTwin) return { ok: true, value: contents };
  const twin = decodeTwin(header as Record<string, unknown>, h, bytes, dataStart);
  return twin.ok ? { ok: true, value: { ...contents, twin: twin.value } } : fail(`Run B of this twin file cannot be read: ${twin.message}`);
}

/** Run B's section: its header fields checked as a run's, its `B/` tensors read as a run's. */
function decodeTwin(raw: Record<string, unknown>, h: RunHeader, bytes: Uint8Array, dataStart: number): RunFileResult<TwinRunContents> {
  const tw = raw.twin;
  if (typeof tw !== 'object' || tw === null || Array.isArray(tw)) return { ok: false, message: 'The run file is damaged: its twin section is not an object.' };
  const t = tw as Record<string, unknown>;
  if (typeof t.forkStep !== 'number' || !Number.isInteger(t.forkStep) || t.forkStep < 0)
    return { ok: false, message: 'The run file is damaged: its fork step is invalid.' };
  const tensors = (raw.tensors as TensorEntry[])
    .filter((e) => e.name.startsWith(TWIN_TENSOR_PREFIX))
    .map((e) => ({ ...e, name: e.name.slice(TWIN_TENSOR_PREFIX.length) }));
  // B trains on A's dataset: a drawing is stored once, with A.
  const drawn = h.tensors.find((e) => e.name === 'drawnPoints');
  if (drawn) tensors.push(drawn);
  const checked = headerProblem({ ...raw, live: t.live, counters: t.counters, rng: t.rng, history: t.history, tensors, twin: undefined });
  if (!checked.ok) return checked;
  const hb = checked.value;
  const read = readSection(hb, bytes, dataStart);
  if (!read.ok) return read;
  const b = assemble(hb, read.value);
  const { datasetPayload: _shared, ...snapshot } = b.snapshot;
  return { ok: true, value: { snapshot, ...(b.history ? { history: b.history } : {}), forkStep: t.forkStep } };
}

/** Reads and checks every tensor a header's model, dataset and history need; refuses unknown ones. */
function readSection(h: RunHeader, bytes: Uint8Array, dataStart: number): RunFileResult<Map<string, Typed>> {
  const fail = (message: string) => ({ ok: false as const, message });
  const expected = expectedTensors(h);
  if (!expected.ok) return expected;
  const byName = new Map(h.tensors.map((t) => [t.name, t]));
  const read = new Map<string, Typed>();
  for (const want of expected.value) {
    const entry = byName.get(want.name);
    if (!entry && want.optional && !h.tensors.some((t) => t.name.startsWith(want.optional!))) continue;
    if (!entry) return fail(want.missing ?? `The run file lacks the tensor ${want.name}.`);
    if (entry.dtype !== want.dtype) return fail(`The run file is damaged: ${want.name} is ${entry.dtype}, not ${want.dtype}.`);
    const shapeProblem = want.shape
      ? entry.shape.length !== want.shape.length || entry.shape.some((d, i) => d !== want.shape![i])
        ? `${want.what}: ${want.name} is [${entry.shape.join(', ')}] in the file; ${want.what.startsWith('The saved') ? 'the model needs' : 'its header says'} [${want.shape.join(', ')}].`
        : null
      : want.shapeProblem!(entry.shape);
    if (shapeProblem) return fail(shapeProblem);
    const data = readLE(
      bytes,
      dataStart + entry.offset,
      entry.dtype,
      entry.shape.reduce((a, b) => a * b, 1),
    );
    if (want.finite && data instanceof Float32Array && !data.every(Number.isFinite)) {
      return fail(`The run file holds NaN or infinite values in ${want.name}: the run had diverged or the file is damaged.`);
    }
    if (want.check) {
      const problem = want.check(data);
      if (problem) return fail(problem);
    }
    read.set(want.name, data);
  }
  for (const t of h.tensors) if (!read.has(t.name)) return fail(`The run file holds an unknown tensor ${t.name}; it may come from a newer build.`);
  return { ok: true, value: read };
}

function assemble(h: RunHeader, read: Map<string, Typed>): RunFileContents {
  const f32 = (name: string) => read.get(name) as Float32Array;
  const net = (prefix: string) =>
    h.tensors.filter((t) => t.name.startsWith(`${prefix}/`)).map((t) => ({ name: t.name.slice(prefix.length + 1), shape: t.shape, values: f32(t.name) }));
  const generator = net('g');
  const discriminator = net('d');
  const moments = (prefix: string, list: NamedTensor[]) => ({
    m: list.map((x) => f32(`${prefix}.m/${x.name}`)),
    v: list.map((x) => f32(`${prefix}.v/${x.name}`)),
  });
  const c = h.counters;
  const snapshot: RunSnapshot = {
    config: h.config,
    live: h.live,
    step: c.step,
    epoch: c.epoch,
    order: read.get('order') as Int32Array,
    cursor: c.cursor,
    rng: h.rng,
    generator,
    discriminator,
    optG: { t: c.optGT, ...moments('optG', generator) },
    optD: { t: c.optDT, ...moments('optD', discriminator) },
    spectral: net('sn'),
    ...(read.has(`gEma/${generator[0]?.name}`) ? { generatorEma: net('gEma') } : {}),
    dUpdates: c.dUpdates,
    lastR1: c.lastR1,
    noiseStartStep: c.noiseStartStep,
    fixedNoise: f32('fixedNoise'),
    ...(read.has('drawnPoints') ? { datasetPayload: { kind: 'drawn' as const, points: f32('drawnPoints') } } : {}),
  };
  const hh = h.history;
  const history: RunHistory | undefined = hh && {
    ...(hh.metrics ? { metrics: { keys: hh.metrics.keys, rows: read.get('history/metrics') as Float64Array } } : {}),
    ...(hh.quality ? { quality: hh.quality } : {}),
    ...(hh.sampleFrames ? { sampleFrames: hh.sampleFrames.map((f, i) => ({ ...f, pixels: read.get(`history/samples/${i}`) as Uint8Array })) } : {}),
    ...(hh.pointsFrames
      ? {
          pointsFrames: hh.pointsFrames.map((f, i) => ({
            ...f,
            real: f32(`history/points/${i}/real`),
            fake: f32(`history/points/${i}/fake`),
            heatmap: f32(`history/points/${i}/heatmap`),
          })),
        }
      : {}),
  };
  return { snapshot, savedAt: h.savedAt, ...(history ? { history } : {}) };
}
