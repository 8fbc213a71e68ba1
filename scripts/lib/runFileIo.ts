/**
 * The CLI's side of run files: `--out` writes run.ganrun (with the metric and quality history),
 * `--resume` reads one back and rebuilds the dataset it names (a drawing from its stored points).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { DatasetSource } from '../../src/core/data/types';
import { METRIC_KEYS, type StepMetrics } from '../../src/core/metrics/stepMetrics';
import { decodeRunFile, encodeRunFile, runFileSizeProblem, type RunFileContents, type RunFileResult, type RunHistory } from '../../src/core/runfile/runFile';
import type { RunSnapshot } from '../../src/core/runfile/runSnapshot';
import { snapshotDatasetSource } from '../../src/core/runfile/snapshotDataset';

export const RUN_FILE_NAME = 'run.ganrun';

/** A run file read and checked: its contents, or the decoder's message for the user. */
export function readRunFile(path: string): RunFileResult<RunFileContents> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    return { ok: false, message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}` };
  }
  // The size is checked before reading, so a 5 GB file is never loaded.
  const tooBig = runFileSizeProblem(size);
  if (tooBig) return { ok: false, message: tooBig };
  return decodeRunFile(new Uint8Array(readFileSync(path)));
}

export function metricHistory(rows: StepMetrics[]): NonNullable<RunHistory['metrics']> {
  const values = new Float64Array(rows.length * METRIC_KEYS.length);
  rows.forEach((r, i) => METRIC_KEYS.forEach((k, j) => (values[i * METRIC_KEYS.length + j] = r[k])));
  return { keys: [...METRIC_KEYS], rows: values };
}

/** The saved rows as StepMetrics; keys this build does not chart are dropped, missing ones read 0. */
export function rowsFromHistory(history: RunHistory | undefined): StepMetrics[] {
  const m = history?.metrics;
  if (!m) return [];
  const width = m.keys.length;
  const out: StepMetrics[] = [];
  for (let i = 0; i < m.rows.length / width; i++) {
    const row = {} as StepMetrics;
    for (const k of METRIC_KEYS) {
      const j = m.keys.indexOf(k);
      row[k] = j >= 0 ? m.rows[i * width + j] : 0;
    }
    out.push(row);
  }
  return out;
}

export function qualityFromHistory(history: RunHistory | undefined): Map<number, Record<string, number>> {
  return new Map((history?.quality?.points ?? []).map((p) => [p.step, p.values]));
}

/** Writes run.ganrun; returns the message when the run cannot be saved (uploaded images). */
export function writeRunFile(
  path: string,
  snapshot: RunSnapshot,
  rows: StepMetrics[],
  quality: Map<number, Record<string, number>>,
  labels: Record<string, string>,
): string | null {
  const epochOf = new Map(rows.map((r) => [r.step, r.epoch]));
  const history: RunHistory = {
    metrics: metricHistory(rows),
    quality: { labels, points: [...quality].map(([step, values]) => ({ step, epoch: epochOf.get(step) ?? snapshot.epoch, values })) },
  };
  const encoded = encodeRunFile({ snapshot, history });
  if (!encoded.ok) return encoded.message;
  writeFileSync(path, encoded.value);
  return null;
}

export interface Resume {
  contents: RunFileContents;
  source: DatasetSource;
}

/** Reads `--resume FILE` and checks it against the other flags: the run to continue, or the message. */
export function openResume(path: string, configFlags: Record<string, unknown>, steps: number | undefined): RunFileResult<Resume> {
  const read = readRunFile(path);
  if (!read.ok) return { ok: false, message: `${path}: ${read.message}` };
  const snap = read.value.snapshot;
  const flags = Object.keys(configFlags);
  if (flags.length) return { ok: false, message: `--resume continues the saved run's settings; drop ${flags.map((f) => `--${f}`).join(', ')}` };
  if (steps !== undefined && steps <= snap.step) return { ok: false, message: `${path} is already at step ${snap.step}; give --steps above it` };
  const source = snapshotDatasetSource(snap);
  if (!source.ok) return { ok: false, message: `${path}: ${source.message}` };
  return { ok: true, value: { contents: read.value, source: source.value } };
}
