/** Worker errors and ignored URL parameters, shown by the UI rather than only in the console. */
import { t } from '../i18n/i18n';
import { workerText } from '../i18n/workerText';
import { configErrorText, configErrorsText } from '../lib/fieldErrors';
import type { FieldError } from '../../core/config';
import type { ErrorCode, WorkerEvent } from '../../worker/protocol';
import type { Slice, SliceContext } from './slice';

export interface AppError {
  id: number;
  code: ErrorCode | 'worker-crashed';
  message: string;
  fieldErrors?: FieldError[];
}

export interface ErrorsSlice {
  errors: AppError[];
  notices: string[];
  dismissError(id: number): void;
  dismissNotice(index: number): void;
}

/** Errors kept on screen; older ones go. */
const MAX_ERRORS = 5;

/**
 * An error event in the page's language: its key and values; a schema error's field errors
 * worded from their `problem`; else the worker's English inside a translated frame (a developer's
 * message: a command out of order, an error's own text), so no reader meets a bare English sentence.
 */
export function errorText(ev: Extract<WorkerEvent, { type: 'error' }>): string {
  if (!ev.key && ev.fieldErrors?.some((f) => f.problem)) return configErrorsText(ev.fieldErrors);
  const text = workerText(ev);
  if (text !== ev.message || !ev.message) return text;
  return t(ev.code === 'bad-message' || ev.code === 'not-ready' ? 'errors.internalDetail' : 'errors.detail', { detail: ev.message });
}

export function createErrorsSlice({ set }: SliceContext): Slice<ErrorsSlice> & { push: SliceContext['pushError'] } {
  let errorId = 0;
  const push: SliceContext['pushError'] = (code, message, fieldErrors) =>
    set((s) => ({ errors: [...s.errors.slice(-(MAX_ERRORS - 1)), { id: ++errorId, code, message, fieldErrors }] }));
  return {
    push,
    state: {
      errors: [],
      notices: [],
      dismissError(id) {
        set((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
      },
      dismissNotice(index) {
        set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
      },
    },
    onEvent(ev) {
      // Worded on arrival, in the language of the moment (docs/i18n.md).
      if (ev.type === 'error')
        push(
          ev.code,
          errorText(ev),
          ev.fieldErrors?.map((f) => ({ ...f, message: configErrorText(f) })),
        );
      else if (ev.type === 'notice') set((s) => ({ notices: [...s.notices, workerText(ev)] }));
    },
  };
}
