/**
 * Reads the page's URL parameters: `backend` (webgpu | webgl | wasm | cpu | auto) and any config
 * field (`?dataset=ring8&batchSize=32&lrD=2e-4`). Each value is checked with the config schema; a
 * bad one is dropped with a message naming the field, so the app always loads.
 */
import { BACKEND_CHOICES, CONFIG_FIELDS, fieldFromText, validateConfig } from '../../core/config';
import type { BackendChoice, TrainConfig } from '../../core/config';
import { t } from '../i18n/i18n';
import { configErrorsText } from './fieldErrors';

export interface UrlSettings {
  backend: BackendChoice;
  /** Only the fields the URL gave, each valid on its own. */
  config: Partial<TrainConfig>;
  /** One plain-language line per ignored parameter. */
  notices: string[];
}

/** Parameters that are not config fields but are understood. */
/**
 * `testHooks=1`: the worker installs its test hooks (e2e only; src/worker/testHooks.ts), and
 * `slowBackendMs=N` with it slows every backend's start by N ms.
 */
const OTHER_PARAMS = new Set(['backend', 'testHooks', 'slowBackendMs']);

export function parseUrlParams(search: string): UrlSettings {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  let backend: BackendChoice = 'auto';
  const raw: Record<string, unknown> = {};

  for (const [key, value] of params) {
    if (key === 'backend') {
      const v = value.trim().toLowerCase();
      if ((BACKEND_CHOICES as readonly string[]).includes(v)) backend = v as BackendChoice;
      else notices.push(t('notices.badBackend', { choices: BACKEND_CHOICES.join(', '), value }));
      continue;
    }
    if (!(key in CONFIG_FIELDS)) {
      if (!OTHER_PARAMS.has(key)) notices.push(t('notices.unknownParam', { key }));
      continue;
    }
    const spec = CONFIG_FIELDS[key as keyof TrainConfig];
    if (spec.kind === 'number') {
      const t = value.trim();
      raw[key] = t === '' ? NaN : Number(t);
    } else if (spec.kind === 'boolean') {
      raw[key] = fieldFromText(key as keyof TrainConfig, value);
    } else {
      raw[key] = value.trim();
    }
  }

  // One field at a time through the schema's validator: a bad field is named and dropped, the rest stay.
  const config: Partial<TrainConfig> = {};
  for (const [key, value] of Object.entries(raw)) {
    const check = validateConfig({ [key]: value });
    if (check.ok) (config as Record<string, unknown>)[key] = value;
    else {
      const own = check.errors.filter((e) => e.field === key);
      const why = configErrorsText(own.length ? own : check.errors.slice(0, 1));
      notices.push(t('notices.badParam', { key, why }));
    }
  }
  return { backend, config, notices };
}

/** Drops the named fields (those the worker rejected) from a partial config. */
export function withoutFields(config: Partial<TrainConfig>, fields: string[]): Partial<TrainConfig> {
  const out: Partial<TrainConfig> = { ...config };
  for (const f of fields) delete (out as Record<string, unknown>)[f];
  return out;
}
