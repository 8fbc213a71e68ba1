/**
 * The run link: one codec, driven by the config schema, for everything that defines a run (each
 * config field, live values included, the seed, the backend choice) and what the page shows (the
 * open lesson, the quality measure, projector mode, embed mode, a classroom link's hidden controls, the
 * language when a link fixes it).
 *
 * Writing keeps links short: only values that differ from the dataset's recommended settings go
 * in, except `dataset` and `model` (the default model depends on the machine's GPU, so a link
 * names it to reproduce the same run elsewhere). Reading checks every value with the schema
 * (`parseUrlParams`), so a bad one is named and dropped and the page still opens.
 *
 * Versions: `v=4` is this codec. A link without `v` is version 1 (the parameters the app has read
 * since its first release); `MIGRATIONS` maps or drops what changed since a link's version.
 */
import { CONFIG_FIELDS, DEFAULT_CONFIG } from '../../core/config';
import type { BackendChoice, TrainConfig } from '../../core/config';
import type { DatasetInfo } from '../../core/data/types';
import { CONTROL_GROUPS, isHideable } from './classroom';
import { parseUrlParams } from './urlParams';
import { chooseLanguage, LANGUAGES, type Language } from '../i18n/languages';
import { i18n } from '../i18n/i18n';

export const LINK_VERSION = 4;

/** What the page shows, beside the run itself. */
export interface ViewParams {
  lesson: string | null;
  /** The quality measure charted (a key of the quality rows), null = the first. */
  quality: string | null;
  projector: boolean;
  /** Classroom link: control groups hidden (see classroom.ts). */
  hide: string[];
  /** Classroom link: start training as soon as the page is ready. */
  autostart: boolean;
  /** `lang`: the language the link fixes (null or absent = the reader's own). */
  lang?: Language | null;
  /** The compact layout for an iframe (docs/embed.md); absent = off. */
  embed?: boolean;
  /** `class`: a conditional run's "Generate class" (docs/conditional.md); null or absent = all classes. */
  gridClass?: number | null;
}

export const EMPTY_VIEW: ViewParams = { lesson: null, quality: null, projector: false, hide: [], autostart: false, lang: null };

export interface RunLink {
  version: number;
  backend: BackendChoice;
  config: Partial<TrainConfig>;
  view: ViewParams;
  notices: string[];
}

interface Migration {
  /** Old parameter name → its name in the next version. */
  renamed: Record<string, string>;
  /** Parameters that no longer exist, with why (shown to the user). */
  dropped: Record<string, string>;
  /**
   * Recommended settings that changed: links leave out what equals the dataset's recommended
   * value, so a link of the older version that leaves `key` out meant `value`, and says so now.
   */
  oldDefaults?: { dataset: string; key: string; value: string }[];
}

/**
 * What changed going from version `k` to `k + 1`. Version 1 → 2 added parameters (`v`, `lesson`,
 * `quality`, `projector`, `hide`, `autostart`) and renamed nothing, so a version-1 link reads as is.
 * Version 2 → 3: MNIST's and Fashion-MNIST's recommended runs became conditional, so their older
 * links, which were unconditional whenever they left `conditional` out, keep meaning that.
 * Version 3 → 4: Fashion-MNIST's recommended batch went from 32 to 16 (docs/presets.md), so its
 * older links that left `batchSize` out keep batch 32.
 * Exported so a test can check the mechanism with a made-up older version.
 */
export const MIGRATIONS: Record<number, Migration> = {
  1: { renamed: {}, dropped: {} },
  2: {
    renamed: {},
    dropped: {},
    oldDefaults: [
      { dataset: 'mnist', key: 'conditional', value: 'false' },
      { dataset: 'fashion-mnist', key: 'conditional', value: 'false' },
    ],
  },
  3: { renamed: {}, dropped: {}, oldDefaults: [{ dataset: 'fashion-mnist', key: 'batchSize', value: '32' }] },
};

const VIEW_KEYS = new Set(['v', 'lesson', 'quality', 'projector', 'hide', 'show', 'autostart', 'lang', 'embed', 'class']);

/**
 * The hidden control groups, in whichever form is shorter: `hide=` the hidden ones, or `show=`
 * the ones left (a classroom link that hides all but one slider reads `show=l2D`: a shorter link
 * is a coarser QR code). `show=` arrived within version 2; an app from before it notes the
 * parameter as unknown and shows every control.
 */
function hiddenParam(hide: readonly string[]): [key: 'hide' | 'show', value: string] {
  const hidden = hide.join(',');
  const shown = CONTROL_GROUPS.map((g) => g.id)
    .filter((id) => !hide.includes(id))
    .join(',');
  return shown.length < hidden.length ? ['show', shown] : ['hide', hidden];
}

/** The settings a link is compared against: the dataset's recommended ones. */
export function linkDefaults(dataset: string, datasets: readonly DatasetInfo[]): TrainConfig {
  const info = datasets.find((d) => d.id === dataset);
  return { ...DEFAULT_CONFIG, ...(info?.recommended ?? {}), dataset };
}

export interface EncodeInput {
  config: TrainConfig;
  defaults: TrainConfig;
  backend: BackendChoice;
  view: ViewParams;
}

/** The query string (no leading `?`) for a run and view. */
export function encodeRunLink({ config, defaults, backend, view }: EncodeInput): string {
  const p = new URLSearchParams();
  p.set('v', String(LINK_VERSION));
  p.set('dataset', config.dataset);
  p.set('model', config.model);
  for (const key of Object.keys(CONFIG_FIELDS) as (keyof TrainConfig)[]) {
    if (key === 'dataset' || key === 'model') continue;
    // String(number) is the shortest text that reads back as the same double.
    if (config[key] !== defaults[key]) p.set(key, String(config[key]));
  }
  if (backend !== 'auto') p.set('backend', backend);
  if (view.lesson) p.set('lesson', view.lesson);
  if (view.quality) p.set('quality', view.quality);
  if (view.projector) p.set('projector', '1');
  if (view.hide.length) p.set(...hiddenParam(view.hide));
  if (view.autostart) p.set('autostart', '1');
  if (view.lang) p.set('lang', view.lang);
  if (view.embed) p.set('embed', '1');
  if (view.gridClass !== undefined && view.gridClass !== null) p.set('class', String(view.gridClass));
  // Commas in `hide` read better unescaped, and are safe in a query.
  return p.toString().replace(/%2C/g, ',');
}

const FLAG_TRUE = new Set(['1', 'true', 'yes', 'on', '']);
const FLAG_FALSE = new Set(['0', 'false', 'no', 'off']);

/** Reads a link: migrates an older version, checks each value, and notes what was dropped. */
export function decodeRunLink(search: string): RunLink {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  let version = 1;
  const rawV = params.get('v');
  if (rawV !== null) {
    const n = Number(rawV);
    if (Number.isInteger(n) && n >= 1) version = n;
    else {
      notices.push(i18n.t('notices.badVersion', { latest: LINK_VERSION, value: rawV }));
      version = LINK_VERSION;
    }
  }
  if (version > LINK_VERSION) {
    notices.push(i18n.t('notices.newerLink', { version, latest: LINK_VERSION }));
  }

  let entries = [...params].filter(([k]) => k !== 'v');
  const seen = new Map<string, number>();
  for (const [k] of entries) seen.set(k, (seen.get(k) ?? 0) + 1);
  for (const [k, n] of seen) if (n > 1) notices.push(i18n.t('notices.repeated', { key: k, n }));
  for (let from = Math.min(version, LINK_VERSION); from < LINK_VERSION; from++) {
    const m = MIGRATIONS[from];
    if (!m) continue;
    const next: [string, string][] = [];
    for (const [k, val] of entries) {
      if (k in m.dropped) notices.push(i18n.t('notices.dropped', { key: k, from, why: m.dropped[k] }));
      else if (k in m.renamed) next.push([m.renamed[k], val]);
      else next.push([k, val]);
    }
    const dataset = next.find(([k]) => k === 'dataset')?.[1].trim();
    for (const d of m.oldDefaults ?? []) {
      if (d.dataset === dataset && !next.some(([k]) => k === d.key)) next.push([d.key, d.value]);
    }
    entries = next;
  }

  const view: ViewParams = { ...EMPTY_VIEW, hide: [] };
  const hideIds = (ids: string[]) => ids.forEach((id) => view.hide.includes(id) || view.hide.push(id));
  const rest = new URLSearchParams();
  for (const [k, val] of entries) {
    if (!VIEW_KEYS.has(k)) {
      rest.append(k, val);
      continue;
    }
    const t = val.trim();
    if (k === 'class') {
      // Only its form here; whether the run has this class is the worker's answer (classGrid).
      if (/^\d{1,6}$/.test(t)) view.gridClass = Number(t);
      else notices.push(i18n.t('notices.badClass', { value: val }));
    } else if (k === 'lesson') view.lesson = /^[a-z0-9-]{1,40}$/.test(t) ? t : null;
    else if (k === 'quality') view.quality = /^[A-Za-z0-9_-]{1,40}$/.test(t) ? t : null;
    else if (k === 'projector' || k === 'autostart' || k === 'embed') {
      const on = FLAG_TRUE.has(t.toLowerCase());
      if (!on && !FLAG_FALSE.has(t.toLowerCase())) notices.push(i18n.t('notices.badFlag', { key: k, value: val }));
      view[k] = on;
    } else if (k === 'hide' || k === 'show') {
      const ids = t
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      for (const id of ids) if (!isHideable(id)) notices.push(i18n.t('notices.unknownGroup', { key: k, id }));
      const known = ids.filter(isHideable);
      hideIds(k === 'hide' ? known : CONTROL_GROUPS.map((g) => g.id).filter((id) => !known.includes(id)));
    } else if (k === 'lang') {
      // The page already speaks the fallback (src/app/i18n/startLanguage.ts), so the notes are in it.
      const choice = chooseLanguage(val, null, []);
      view.lang = choice.fromLink ? choice.lang : null;
      if (!choice.fromLink) notices.push(i18n.t('notices.badLang', { value: val, languages: LANGUAGES.join(', ') }));
    }
    if ((k === 'lesson' && !view.lesson) || (k === 'quality' && !view.quality)) notices.push(i18n.t('notices.badId', { key: k, value: val }));
  }
  const parsed = parseUrlParams(rest.toString());
  return { version, backend: parsed.backend, config: parsed.config, view, notices: [...notices, ...parsed.notices].map(clipNotice) };
}

/** The longest notice shown: a 100 kB parameter must not become a 100 kB message. */
export const MAX_NOTICE_CHARS = 300;

function clipNotice(notice: string): string {
  return notice.length <= MAX_NOTICE_CHARS ? notice : `${notice.slice(0, MAX_NOTICE_CHARS - 1)}…`;
}
