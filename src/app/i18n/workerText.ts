/**
 * Words a worker message in the page's language: its `key` (under `worker.` in the catalogues)
 * with its `values`, or the worker's English `message` for a message that has no key yet or one
 * this page does not know (docs/i18n.md, worker messages).
 */
import type { Wording } from '../../worker/protocol';
import { datasetName } from '../lib/displayNames';
import { runFileReasonText } from '../lib/runFileReasons';
import { i18n } from './i18n';

export function workerText(ev: { message: string } & Wording): string {
  if (!ev.key) return ev.message;
  const key = `worker.${ev.key}`;
  return i18n.exists(key) ? i18n.t(key, runFileValues(ev.key, localValues(ev.values ?? {}))) : ev.message;
}

/** A refused run file's reason (core/runfile's English, the `detail` of `cannotOpen`), reworded. */
function runFileValues(key: string, values: Record<string, string | number>): Record<string, string | number> {
  return key === 'cannotOpen' && typeof values.detail === 'string' ? { ...values, detail: runFileReasonText(values.detail) } : values;
}

/** A `name` sent beside a `datasetId` is the worker's English dataset name: the catalogue's is used. */
function localValues(values: Record<string, string | number>): Record<string, string | number> {
  const { datasetId, name } = values;
  if (typeof datasetId !== 'string' || name === undefined) return values;
  return { ...values, name: datasetName({ id: datasetId, name: String(name) }) };
}
