/**
 * The session's run-file codec: the trainer's snapshot and restore (src/core/train/trainer.ts) and the
 * `.ganrun` encoder/decoder (src/core/runfile/runFile.ts), with the worker's history in the file's form.
 */
import type { Dataset } from '../core/data/types';
import type { MetricKey } from '../core/metrics/stepMetrics';
import { decodeRunFile, encodeRunFile, type RunHistory } from '../core/runfile/runFile';
import type { RunSnapshot } from '../core/runfile/runSnapshot';
import { Trainer } from '../core/train/trainer';
import type { RunCodec } from './runKeeping';
import type { RunHistoryData } from './runHistory';

export function toFileHistory(h: RunHistoryData): RunHistory {
  const labels = h.quality.at(-1)?.labels ?? {};
  return {
    metrics: { keys: [...h.metrics.keys], rows: h.metrics.data },
    quality: {
      labels,
      points: h.quality.map(({ step, epoch, values }) => ({
        step,
        epoch,
        values,
      })),
    },
    sampleFrames: h.samples.map((f) => ({
      step: f.step,
      epoch: f.epoch,
      width: f.width,
      height: f.height,
      pixels: new Uint8Array(f.pixels.buffer, f.pixels.byteOffset, f.pixels.byteLength),
    })),
  };
}

export function fromFileHistory(h: RunHistory | undefined): RunHistoryData | null {
  if (!h) return null;
  const labels = h.quality?.labels ?? {};
  return {
    metrics: {
      keys: (h.metrics?.keys ?? []) as MetricKey[],
      data: h.metrics?.rows ?? new Float64Array(0),
    },
    quality: (h.quality?.points ?? []).map((p) => ({ ...p, labels })),
    samples: (h.sampleFrames ?? []).map((f) => ({
      step: f.step,
      epoch: f.epoch,
      width: f.width,
      height: f.height,
      pixels: new Uint8ClampedArray(f.pixels.buffer, f.pixels.byteOffset, f.pixels.byteLength),
    })),
    elapsedMs: 0,
  };
}

export const runCodec: RunCodec<RunSnapshot> = {
  snapshot: (t) => t.snapshot(),
  encode(snapshot, history, twin) {
    return encodeRunFile({
      snapshot,
      history: toFileHistory(history),
      ...(twin ? { twin: { snapshot: twin.snapshot, history: toFileHistory(twin.history), forkStep: twin.forkStep } } : {}),
      savedAt: new Date().toISOString(),
    });
  },
  decode(bytes) {
    const r = decodeRunFile(bytes);
    if (!r.ok) return r;
    const tw = r.value.twin;
    return {
      ok: true,
      snapshot: r.value.snapshot,
      history: fromFileHistory(r.value.history),
      ...(tw ? { twin: { snapshot: tw.snapshot, history: fromFileHistory(tw.history), forkStep: tw.forkStep } } : {}),
    };
  },
  configOf: (s) => ({ ...s.config, ...s.live }),
  restore: async (s, dataset: Dataset) => Trainer.fromSnapshot(s, dataset),
};
