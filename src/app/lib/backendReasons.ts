/**
 * The worker's backend reasons in the page's language. core/backend/backend.ts words each one in
 * English for the CLI and logs ("webgpu: skipped — software adapter (swiftshader) is slower than
 * wasm here"); the page rewords the verdict and every reason it knows under `status.reasons`. A
 * reason it does not know (a browser's own error text) keeps its English.
 */
import type { MeasurementWhy } from '../../core/backend/backendCalibration';
import type { BackendReport } from '../../core/backend/backendReport';
import { i18n } from '../i18n/i18n';

const LINE = /^(webgpu|webgl|wasm|cpu): (skipped|failed|requested but failed) — (.*)$/s;
const VERDICTS: Record<string, string> = { skipped: 'skipped', failed: 'failed', 'requested but failed': 'requestedFailed' };

/** English reason → its key and values, for the reasons core words itself. */
const KNOWN: [RegExp, (m: RegExpExecArray) => [string, Record<string, string>]][] = [
  [/^navigator\.gpu is missing$/, () => ['noNavigatorGpu', {}]],
  [/^no adapter \(requestAdapter\(\) returned null\)$/, () => ['noAdapter', {}]],
  [/^OffscreenCanvas is missing$/, () => ['noOffscreen', {}]],
  [/^no WebGL2 context$/, () => ['noWebgl2', {}]],
  [/^not available in Node$/, () => ['node', {}]],
  [/^software (adapter|renderer) \((.*)\) is slower than wasm here$/s, (m) => ['software', { kind: m[1], device: m[2] }]],
  [/^probe failed: (.*)$/s, (m) => ['probeFailed', { error: m[1] }]],
];

function whyText(why: string): string {
  for (const [re, keyOf] of KNOWN) {
    const m = re.exec(why);
    if (m) {
      const [key, values] = keyOf(m);
      return i18n.t(`status.reasons.why.${key}`, values);
    }
  }
  return why;
}

export function backendReasonText(reason: string): string {
  const m = LINE.exec(reason);
  if (!m) return reason;
  return i18n.t('status.reasons.line', { backend: m[1], verdict: i18n.t(`status.reasons.verdict.${VERDICTS[m[2]]}`), why: whyText(m[3]) });
}

/** The wasm backend's thread note ("2 threads", "threaded build, 1 thread (…)", "single-threaded: …"). */
export function threadsNoteText(note: string): string {
  let m = /^(\d+) threads$/.exec(note);
  if (m) return i18n.t('status.reasons.threads.count', { count: m[1] });
  m = /^threaded build, 1 thread \(the backend uses half of the (\d+) cores\)$/.exec(note);
  if (m) return i18n.t('status.reasons.threads.halfCores', { cores: m[1] });
  if (note.startsWith('single-threaded: the page is not cross-origin isolated')) return i18n.t('status.reasons.threads.notIsolated');
  return note;
}

/**
 * What `auto`'s measurement chose and why (core/backend/backendCalibration.ts): worded from the
 * report's facts; the English summary for a report without them (an older worker or cache entry).
 */
export function calibrationText(report: Pick<BackendReport, 'calibration' | 'calibrationFacts'>): string | null {
  const facts = report.calibrationFacts;
  if (!facts) return report.calibration ?? null;
  let line: string;
  if (facts.kind === 'faster') line = i18n.t('status.calibration.faster', { ...facts });
  else if (facts.kind === 'notMeasured') line = i18n.t('status.calibration.notMeasured', { detail: facts.detail });
  else {
    const values = { chosen: facts.chosen, model: facts.model, worth: facts.worth ? 'yes' : 'no' };
    line = facts.skipped.length
      ? i18n.t('status.calibration.onlyBecause', {
          ...values,
          skipped: facts.skipped
            .map((m) => i18n.t('status.calibration.skipped', { name: m.name, note: noteText(m.why, m.name) }))
            .join(i18n.t('status.calibration.separator')),
        })
      : i18n.t('status.calibration.only', values);
  }
  return facts.measuredOn ? i18n.t('status.calibration.measuredOn', { line, date: facts.measuredOn }) : line;
}

function noteText(why: MeasurementWhy, name: string): string {
  if (why.kind === 'measured') return i18n.t('status.calibration.note.measured', { ms: why.ms });
  if (why.kind === 'predicted') return i18n.t('status.calibration.note.predicted', { seconds: why.seconds });
  if (why.kind === 'noStart') return i18n.t('status.calibration.note.noStart');
  if (why.kind === 'timeout') return i18n.t('status.calibration.note.timeout', { stage: why.stage, name, seconds: why.seconds });
  return why.detail;
}
