/**
 * The regularization lab's share of the app state: quality measures over the run and the newest
 * weight statistics, folded from the worker's `quality` and `weights` events. Pure TS (no DOM, no
 * TF.js): unit-tested in Node.
 */
import { OVERFITTING_KEYS } from '../../core/metrics/overfittingKeys';
import { isQualityReference } from '../../core/metrics/qualityReferences';
import type { WorkerEvent } from '../../worker/protocol';
import { i18n } from '../i18n/i18n';

export type QualityEvent = Extract<WorkerEvent, { type: 'quality' }>;
export type WeightsFrame = Extract<WorkerEvent, { type: 'weights' }>;

/** One quality measurement: `step` plus every value by name (what the chart draws). */
export type QualityRow = { step: number } & Record<string, number>;

export interface QualityState {
  rows: QualityRow[];
  /** name → description, from the newest event. */
  labels: Record<string, string>;
}

export const EMPTY_QUALITY: QualityState = { rows: [], labels: {} };

/** Rows kept; past this every other old row goes, so the chart still spans the whole run. */
export const MAX_QUALITY_ROWS = 400;

/**
 * Adds a measurement. A step below the newest one means a new run began: the history starts
 * afresh. One at the newest step replaces it (the same run measured again, e.g. when Keep A /
 * Keep B rebuild the run's views where it stopped). Returns new objects (the store replaces its
 * slice only here).
 */
export function addQuality(state: QualityState, ev: QualityEvent, max = MAX_QUALITY_ROWS): QualityState {
  const last = state.rows[state.rows.length - 1];
  let rows = last && ev.step < last.step ? [] : last && ev.step === last.step ? state.rows.slice(0, -1) : state.rows;
  const row = { ...ev.values, step: ev.step } as QualityRow;
  rows = [...rows, row];
  if (rows.length > max) {
    const half = Math.floor(rows.length / 2);
    rows = [...rows.slice(0, half).filter((_, i) => i % 2 === 0), ...rows.slice(half)];
  }
  return { rows, labels: sameKeys(state.labels, ev.labels) ? state.labels : ev.labels };
}

function sameKeys(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** The values a quality chart can draw (the floor is a reference line, not a series). */
export function qualitySeries(labels: Record<string, string>): string[] {
  // D's overfitting measure has its own chart (OverfittingChart).
  return Object.keys(labels).filter((k) => !isQualityReference(k) && !(OVERFITTING_KEYS as string[]).includes(k));
}

/** "Modes covered (of 8)" → { name: "Modes covered", of: 8 }. */
export function parseLabel(label: string): { name: string; of: number | null } {
  const m = /^(.*?)\s*\(of (\d+)\)\s*$/.exec(label);
  if (m) return { name: m[1], of: Number(m[2]) };
  return { name: label.replace(/\s*\((lower is better|the floor)\)\s*$/, ''), of: null };
}

/** A measure's short name for the read-out ("Modes", "High quality"), or the worker's label's name. */
export function qualityShortName(key: string, label: string): string {
  const k = `quality.short.${key}`;
  return i18n.exists(k) ? i18n.t(k) : parseLabel(label).name;
}

/** A measure's name for the picker ("Modes covered"), or the worker's label's name. */
export function qualityName(key: string, label: string): string {
  const k = `quality.names.${key}`;
  return i18n.exists(k) ? i18n.t(k) : parseLabel(label).name;
}

/**
 * One value as the read-out shows it, in the page's language: "Modes 7/8", "High quality 62%",
 * "FID 41.2 (floor 3.1)".
 */
export function formatQuality(key: string, value: number, label: string, values: Record<string, number>): string {
  const { of } = parseLabel(label);
  const name = qualityShortName(key, label);
  if (!Number.isFinite(value)) return i18n.t('quality.valueMissing', { name });
  if (of !== null) return i18n.t('quality.valueOf', { name, value: String(Math.round(value)), of: String(of) });
  if (/%/.test(label)) return i18n.t('quality.valuePercent', { name, value: value.toFixed(value >= 10 ? 0 : 1) });
  const text = i18n.t('quality.value', { name, value: formatNumber(value) });
  if (key === 'fid' && Number.isFinite(values.fidFloor)) return i18n.t('quality.withFloor', { text, floor: formatNumber(values.fidFloor) });
  return text;
}

function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(2).replace(/\.?0+$/, '');
  if (a >= 0.001) return v.toFixed(3).replace(/\.?0+$/, '');
  return v.toExponential(1);
}
