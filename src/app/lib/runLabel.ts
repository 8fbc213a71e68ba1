/**
 * Words for a run's settings: what differs between the runs of a twin ("B: D L2 1e-2 (A: off)")
 * and the label a pinned baseline carries ("D L2 1e-2, R1 γ 0.1" or "no regularizer").
 */
import { LIVE_KEYS } from '../../core/config';
import type { LiveHyperparams, LiveKey } from '../../core/config';
import { t } from '../i18n/i18n';

/** A live value's short name in the page's language (the catalogue's live group mirrors LIVE_CONTROLS). */
const shortName = (k: LiveKey): string => t(`live.${k}.short`);

/** The settings a lesson on regularization is about; off means 0 (or false). */
const REGULARIZERS: LiveKey[] = ['l1G', 'l2G', 'l1D', 'l2D', 'r1Gamma', 'gpLambda', 'spectralNorm', 'labelSmoothing', 'instanceNoise'];

export function formatLiveValue(key: LiveKey, v: number | undefined): string {
  if (v === undefined) return '?';
  if (v === 0 && REGULARIZERS.includes(key)) return t('runLabel.off');
  if (key === 'spectralNorm') return t(v ? 'runLabel.on' : 'runLabel.off');
  if (v === 0 || (Math.abs(v) >= 0.1 && Math.abs(v) < 10_000)) return String(Number(v.toPrecision(3)));
  return v.toExponential(Number(v.toExponential(0)) === v ? 0 : 1).replace('e+', 'e');
}

/** "D L2 1e-2 (A: off)" for every live value where B differs from A; '' when none does. */
export function twinDifference(a: LiveHyperparams, b: LiveHyperparams): string {
  const parts: string[] = [];
  for (const k of LIVE_KEYS) {
    if (a[k] === b[k]) continue;
    parts.push(t('runLabel.difference', { name: shortName(k), value: formatLiveValue(k, b[k]), a: formatLiveValue(k, a[k]) }));
  }
  return parts.join(t('runLabel.separator'));
}

/** The regularizers in force, e.g. "D L2 1e-2, R1 γ 0.1"; "no regularizer" when none is. */
export function regularizerLabel(h: LiveHyperparams): string {
  const on = REGULARIZERS.filter((k) => h[k] !== 0).map((k) => (k === 'spectralNorm' ? shortName(k) : `${shortName(k)} ${formatLiveValue(k, h[k])}`));
  return on.length ? on.join(t('runLabel.separator')) : t('runLabel.none');
}

/** A baseline's label: "Ring of 8, D L2 1e-2, to step 400". */
export function baselineLabel(datasetName: string, h: LiveHyperparams, step: number): string {
  return t('runLabel.baseline', { dataset: datasetName, regularizers: regularizerLabel(h), step });
}
