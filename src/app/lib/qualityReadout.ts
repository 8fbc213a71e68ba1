/**
 * The quality read-out in words a class can check against the pictures (issue 22): the measure
 * that matches what one sees comes first (the high-quality share of points, the share of images
 * the classifier is sure of, the FID as a multiple of the real-data floor), and each measure has a
 * one-line meaning shown beside it. The coverage rules quoted here are those of
 * core/metrics/modeCoverage.ts and classifierMetrics.ts (docs/quality-measures.md).
 */
import { CONFIDENT_PROB } from '../../core/metrics/classifierMetrics';
import { COVERED_SHARE_OF_FAIR } from '../../core/metrics/modeCoverage';
import { isQualityReference } from '../../core/metrics/qualityReferences';
import { currentLanguage, i18n } from '../i18n/i18n';
import { formatQuality, parseLabel, qualityShortName } from './labState';

/**
 * Read-out order: what a class sees first; measures not listed follow in the worker's order. The
 * confident share is not a lead: the MNIST classifier is sure of 94% of uniform noise images (all
 * one class), so only the FID and the classes say whether the images look like digits.
 */
const LEAD = ['highQuality', 'fid', 'modesCovered', 'classesCovered', 'confident', 'klModes', 'klUniform', 'confidence'];

const pct = (x: number) => `${Number((100 * x).toPrecision(2))}%`;

/** One line per measure, in the page's language; `of` is the number of modes or classes. */
function meaning(key: string, of: number | null): string | null {
  const k = `quality.meanings.${key}`;
  if (!i18n.exists(k)) return null;
  const fair = of ? pct(COVERED_SHARE_OF_FAIR / of) : i18n.t('quality.quarterFair');
  return i18n.t(k, { fair, pct: pct(CONFIDENT_PROB) });
}

/** The keys of a read-out, leading measure first (a reference, such as the FID floor, is part of its measure's text). */
export function readoutKeys(labels: Record<string, string>): string[] {
  const keys = Object.keys(labels).filter((k) => !isQualityReference(k));
  const rank = (k: string) => (LEAD.includes(k) ? LEAD.indexOf(k) : LEAD.length);
  return keys.sort((a, b) => rank(a) - rank(b));
}

/** One value as the read-out shows it: "High quality 62%", "Modes 7/8", "FID ≈ 17× the real-data floor (3.77)". */
export function formatReadoutValue(key: string, value: number, label: string, row: Record<string, number>): string {
  if (key === 'fid' && Number.isFinite(value) && Number.isFinite(row.fidFloor) && row.fidFloor > 0) {
    const times = value / row.fidFloor;
    return i18n.t('quality.fidTimes', { times: times >= 10 ? String(Math.round(times)) : times.toFixed(1), value: String(Number(value.toPrecision(3))) });
  }
  if (key === 'checkerboard' && Number.isFinite(value) && Number.isFinite(row.checkerboardReal)) {
    const short = (x: number) => String(Number(x.toPrecision(2)));
    return i18n.t('quality.checkerboardWithReal', { name: qualityShortName(key, label), value: short(value), real: short(row.checkerboardReal) });
  }
  return formatQuality(key, value, label, row);
}

/** "High quality: points within 3σ of a mode centre. Modes: …": the meanings of the shown measures. */
export function readoutMeanings(labels: Record<string, string>): string {
  return (
    readoutKeys(labels)
      .map((k) => {
        const { of } = parseLabel(labels[k]);
        const m = meaning(k, of);
        return m ? i18n.t('quality.meaning', { name: qualityShortName(k, labels[k]), meaning: m }) : null;
      })
      .filter((x): x is string => x !== null)
      // Chinese sentences follow each other without a space.
      .join(currentLanguage() === 'zh-CN' ? '' : ' ')
  );
}
