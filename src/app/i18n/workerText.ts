/**
 * Words a worker message in the page's language: its `key` (under `worker.` in the catalogues)
 * with its `values`, or the worker's English `message` for a message that has no key yet or one
 * this page does not know (docs/i18n.md, worker messages).
 */
import type { Wording } from '../../worker/protocol';
import { i18n } from './i18n';

export function workerText(ev: { message: string } & Wording): string {
  if (!ev.key) return ev.message;
  const key = `worker.${ev.key}`;
  return i18n.exists(key) ? i18n.t(key, ev.values ?? {}) : ev.message;
}
