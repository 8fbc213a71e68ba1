/**
 * A schema field's error in the page's language. core/config.ts words it in English for the CLI
 * and logs ("lrG must be in [1e-6, 1]; got 5"); the page words the same check from the field's
 * spec (`CONFIG_FIELDS`), under `fieldErrors` in the catalogues. Only an error that is the
 * field's own range check (`checkField` says the same English) is reworded; any other keeps its
 * English.
 */
import type { TrainConfig } from '../../core/config';
import { CONFIG_FIELDS, checkField } from '../../core/config';
import { t } from '../i18n/i18n';

/** As core/config.ts writes a bound: 1e-6, 0.5, 1e+6. */
function bound(x: number): string {
  return Math.abs(x) !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6) ? x.toExponential(0) : String(x);
}

export function fieldErrorText(field: string, value: unknown, english: string): string {
  if (!(field in CONFIG_FIELDS)) return english;
  const key = field as keyof TrainConfig;
  if (checkField(key, value)?.message !== english) return english;
  const spec = CONFIG_FIELDS[key];
  const got = JSON.stringify(value);
  if (spec.kind === 'number') {
    return t('fieldErrors.number', {
      field,
      min: bound(spec.min),
      max: bound(spec.max),
      zero: spec.allowZero ? 'yes' : 'no',
      integer: spec.integer ? 'yes' : 'no',
      got,
    });
  }
  if (spec.kind === 'enum') return t('fieldErrors.oneOf', { field, options: spec.options.join(', '), got });
  if (spec.kind === 'boolean') return t('fieldErrors.boolean', { field, got });
  return t('fieldErrors.pattern', { field, pattern: String(spec.pattern), got });
}
