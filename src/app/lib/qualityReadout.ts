/**
 * The quality read-out in words a class can check against the pictures (issue 22): the measure
 * that matches what one sees comes first (the high-quality share of points, the share of images
 * the classifier is sure of, the FID as a multiple of the real-data floor), and each measure has a
 * one-line meaning shown beside it. The coverage rules quoted here are those of
 * core/metrics/modeCoverage.ts and classifierMetrics.ts (docs/quality-measures.md).
 */
import { CONFIDENT_PROB } from '../../core/metrics/classifierMetrics';
import { COVERED_SHARE_OF_FAIR } from '../../core/metrics/modeCoverage';
import { formatQuality, parseLabel } from './labState';

/**
 * Read-out order: what a class sees first; measures not listed follow in the worker's order. The
 * confident share is not a lead: the MNIST classifier is sure of 94% of uniform noise images (all
 * one class), so only the FID and the classes say whether the images look like digits.
 */
const LEAD = ['highQuality', 'fid', 'modesCovered', 'classesCovered', 'confident', 'klModes', 'klUniform', 'confidence'];

const pct = (x: number) => `${Number((100 * x).toPrecision(2))}%`;

/** One line per measure; `of` is the number of modes or classes. */
function meaning(key: string, of: number | null): string | null {
  const fair = of ? pct(COVERED_SHARE_OF_FAIR / of) : 'a quarter of its fair share';
  switch (key) {
    case 'highQuality':
      return 'points within 3σ of a mode centre';
    case 'modesCovered':
      return `modes holding at least ${fair} of the points, each within 3σ`;
    case 'klModes':
      return 'how unevenly the points fill the modes (0: evenly)';
    case 'confident':
      return `images the classifier is at least ${pct(CONFIDENT_PROB)} sure of`;
    case 'classesCovered':
      return `classes with at least ${fair} of the images, confidently classified`;
    case 'klUniform':
      return 'how unevenly the images spread over the classes (0: evenly)';
    case 'confidence':
      return 'the classifier’s mean certainty';
    case 'fid':
      return 'how far the images’ features are from real ones; real images against real images score 1×';
    default:
      return null;
  }
}

/** The keys of a read-out, leading measure first (the FID floor is part of the FID's text). */
export function readoutKeys(labels: Record<string, string>): string[] {
  const keys = Object.keys(labels).filter((k) => k !== 'fidFloor');
  const rank = (k: string) => (LEAD.includes(k) ? LEAD.indexOf(k) : LEAD.length);
  return keys.sort((a, b) => rank(a) - rank(b));
}

/** One value as the read-out shows it: "High quality 62%", "Modes 7/8", "FID ≈ 17× the real-data floor (3.77)". */
export function formatReadoutValue(key: string, value: number, label: string, row: Record<string, number>): string {
  if (key === 'fid' && Number.isFinite(value) && Number.isFinite(row.fidFloor) && row.fidFloor > 0) {
    const times = value / row.fidFloor;
    return `FID ≈ ${times >= 10 ? Math.round(times) : times.toFixed(1)}× the real-data floor (${Number(value.toPrecision(3))})`;
  }
  return formatQuality(key, value, label, row);
}

/** "High quality: points within 3σ of a mode centre. Modes: …": the meanings of the shown measures. */
export function readoutMeanings(labels: Record<string, string>): string {
  return readoutKeys(labels)
    .map((k) => {
      const { name, of } = parseLabel(labels[k]);
      const m = meaning(k, of);
      return m ? `${SHORT_NAMES[k] ?? name}: ${m}.` : null;
    })
    .filter((x): x is string => x !== null)
    .join(' ');
}

const SHORT_NAMES: Record<string, string> = {
  highQuality: 'High quality',
  modesCovered: 'Modes',
  klModes: 'KL',
  confident: 'Confident',
  classesCovered: 'Classes',
  klUniform: 'KL to uniform',
  confidence: 'Confidence',
  fid: 'FID',
};
