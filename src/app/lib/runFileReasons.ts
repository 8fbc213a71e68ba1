/**
 * Why a run file was refused, in the page's language. core/runfile words each refusal in English
 * (the CLI's, and the `{detail}` of the worker's "… cannot be opened" message); the page rewords
 * the ones it knows, as backendReasons.ts does for the backend's reasons. The technical part
 * inside ("its header is not valid JSON", a tensor's name) keeps its English; a refusal the page
 * does not know is shown as it came.
 */
import { i18n } from '../i18n/i18n';

type Values = Record<string, string>;

/** English refusal → its key (under `runFiles.reasons`) and values. Order matters: specific first. */
const KNOWN: [RegExp, string, (m: RegExpExecArray) => Values][] = [
  [/^This is not a GAN Playground run file \(\.ganrun\)\.$/, 'notRunFile', () => ({})],
  [/^The file is empty \(0 bytes\): it is not a run file\.$/, 'empty', () => ({})],
  [/^The file is only (\d+) bytes: it is not a GAN Playground run file \(\.ganrun\)\.$/, 'tooSmall', (m) => ({ bytes: m[1] })],
  [/^The file is (.+); run files over 1 GB are not opened\.$/, 'tooBig', (m) => ({ size: m[1] })],
  [/^The file size is unknown; it cannot be opened as a run file\.$/, 'unknownSize', () => ({})],
  [
    /^This run file was saved by a newer GAN Playground \(format version (\d+); this build reads up to (\d+)\)\. Open it in a newer version of the app\.$/,
    'newer',
    (m) => ({ version: m[1], latest: m[2] }),
  ],
  [/^The run file is damaged: (.*?)\.?$/s, 'damaged', (m) => ({ why: m[1] })],
  [/^The run file is truncated: (.*?)\.?$/s, 'truncated', (m) => ({ why: m[1] })],
  [/^The run file could not be read: (.*)$/s, 'unreadable', (m) => ({ detail: m[1] })],
  [/^The run file holds NaN or infinite values in (.+): the run had diverged or the file is damaged\.$/, 'nan', (m) => ({ name: m[1] })],
  [/^The run file holds an unknown tensor (.+); it may come from a newer build\.$/, 'unknownTensor', (m) => ({ name: m[1] })],
  [/^This run uses the model "(.+)", which this build of GAN Playground does not have\.?$/, 'unknownModel', (m) => ({ model: m[1] })],
  [/^This run trained on uploaded images, which run files do not hold; it cannot be opened\.?$/, 'upload', () => ({})],
  [/^This run trained on the dataset "(.+)", which this build of GAN Playground does not have\.?$/, 'unknownDataset', (m) => ({ dataset: m[1] })],
  [/^The run file's settings are invalid: (.*?)\.?$/s, 'settings', (m) => ({ detail: m[1] })],
  [/^The run file's live values are invalid: (.*?)\.?$/s, 'live', (m) => ({ detail: m[1] })],
  // lib/runFileBaseline.ts: a file pinned as a baseline needs its charts.
  [/^This run file holds no metric history to draw \(it was saved before its first step\)\.$/, 'noHistory', () => ({})],
];

export function runFileReasonText(reason: string): string {
  const twin = /^Run B of this twin file cannot be read: (.*)$/s.exec(reason);
  if (twin) return i18n.t('runFiles.reasons.twinB', { reason: runFileReasonText(twin[1]) });
  for (const [re, key, valuesOf] of KNOWN) {
    const m = re.exec(reason);
    if (m) return i18n.t(`runFiles.reasons.${key}`, valuesOf(m));
  }
  return reason;
}
