/**
 * Worker messages that reach the user: a catalogue key and its values for the page to word, with
 * the English sentence beside them for logs, the CLI and an older page (docs/i18n.md).
 */
import type { ErrorCode, ErrorSource, WorkerEvent, Wording } from './protocol';

export type Values = Record<string, string | number>;

/** A message with its wording: the English sentence, and the key and values the page words it from. */
export type Worded = { message: string } & Wording;

/** A plain English sentence (a message with no key yet: the page shows it as it is) or a worded one. */
export function asWorded(text: string | Worded): Worded {
  return typeof text === 'string' ? { message: text } : text;
}

/** `{ message, key, values }` for an event: `english` must say what the catalogue's message says. */
export function worded(key: string, values: Values, english: string): { message: string } & Required<Wording> {
  return { message: english, key, values };
}

/**
 * An error event with its wording. Only for codes other than 'internal': those go through the
 * session's `fail`, which first asks whether a lost GPU device explains them (deviceLoss.ts).
 */
export function errorEvent(source: ErrorSource, code: Exclude<ErrorCode, 'internal'>, wording: { message: string } & Wording): WorkerEvent {
  return { type: 'error', source, code, ...wording };
}
