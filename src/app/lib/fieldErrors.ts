/**
 * A schema field's error in the page's language. core/config.ts words it in English for the CLI
 * and logs ("lrG must be in [1e-6, 1]; got 5"); the page words the same check from the field's
 * spec (`CONFIG_FIELDS`), under `fieldErrors` in the catalogues. Only an error that is the
 * field's own range check (`checkField` says the same English) is reworded that way; the
 * schema's other errors (an unknown field, a live field changed while training, a model that
 * does not fit the dataset, …) come with their `problem` as data and are worded from it. An error
 * with neither keeps its English.
 */
import type { FieldError, TrainConfig } from '../../core/config';
import { CONFIG_FIELDS, checkField } from '../../core/config';
import { t } from '../i18n/i18n';

/** As core/config.ts writes a bound: 1e-6, 0.5, 1e+6. */
function bound(x: number): string {
  return Math.abs(x) !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6) ? x.toExponential(0) : String(x);
}

/** `field`'s range check, worded from its spec; `got` is the value as JSON. */
function rangeText(key: keyof TrainConfig, got: string): string {
  const spec = CONFIG_FIELDS[key];
  const field = key;
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

export function fieldErrorText(field: string, value: unknown, english: string): string {
  if (!(field in CONFIG_FIELDS)) return english;
  const key = field as keyof TrainConfig;
  if (checkField(key, value)?.message !== english) return english;
  return rangeText(key, JSON.stringify(value));
}

/** Any schema error as the worker or core reports it (`fieldErrors` of a `bad-config` error). */
export function configErrorText(e: FieldError): string {
  const p = e.problem;
  if (!p) return e.message;
  switch (p.kind) {
    case 'range':
      return e.field in CONFIG_FIELDS ? rangeText(e.field as keyof TrainConfig, p.got) : e.message;
    case 'unknown':
      return t('fieldErrors.unknown', { field: e.field });
    case 'notLive':
      return t('fieldErrors.notLive', { field: e.field, live: p.live });
    case 'notObject':
      return t('fieldErrors.notObject', { what: e.field.replace(/^\((.*)\)$/, '$1') });
    case 'unknownDataset':
      return t('fieldErrors.unknownDataset', { got: p.got });
    case 'modelMismatch':
      return t('fieldErrors.modelMismatch', { ...p });
    case 'noLabels':
      return t('fieldErrors.noLabels', { dataset: p.dataset, labelled: p.labelled });
    case 'noUploadLabels':
      return t('fieldErrors.noUploadLabels');
  }
}

/** A `bad-config` error's message: its field errors, worded, one after another. */
export function configErrorsText(errors: FieldError[]): string {
  return errors.map(configErrorText).join(t('fieldErrors.separator'));
}
