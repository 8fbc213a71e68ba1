/** Worker errors and ignored URL parameters, shown by the UI rather than only in the console. */
import { workerText } from '../i18n/workerText';
import type { FieldError } from '../../core/config';
import type { ErrorCode } from '../../worker/protocol';
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
      if (ev.type === 'error') push(ev.code, workerText(ev), ev.fieldErrors);
      else if (ev.type === 'notice') set((s) => ({ notices: [...s.notices, workerText(ev)] }));
    },
  };
}
