/**
 * How good the generator is, measured at epoch ends by the worker: high-quality share, modes
 * covered and KL for the point mixtures, confident share, classes covered, confidence and FID for
 * MNIST-like sets, FID for colour images. One series at a time (they have different units), the
 * FID floor as a dashed line, and a compact read-out of every newest value, the measure a class
 * can see first, with a line saying what each means (lib/qualityReadout.ts). While a twin is on, run B's measures are
 * drawn dashed over A's in the same colour; shown baselines that hold quality rows are drawn
 * faintly behind (as on the metric charts, docs/twin-runs.md).
 */
import { memo, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt, formatMetric } from '../../lib/format';
import { QUALITY_REFERENCE } from '../../../core/metrics/qualityReferences';
import { parseLabel, qualityName, qualitySeries } from '../../lib/labState';
import { formatReadoutValue, readoutKeys, readoutMeanings } from '../../lib/qualityReadout';
import type { QualityRow } from '../../lib/labState';
import { BASELINE_LINE, TWIN_B_DASH } from '../../lib/comparisonLines';
import type { Baseline } from '../../store/baselines';
import { useApp } from '../../storeContext';
import { useView } from '../../viewStore';
import { TwinLegend } from '../twins/TwinLegend';

const MARGIN = { top: 4, right: 12, bottom: 0, left: 0 };
const X_DOMAIN: [string, string] = ['dataMin', 'dataMax'];
const AUTO_DOMAIN: [string, string] = ['auto', 'auto'];
const tickFormatter = (v: number) => formatMetric(v);
const stepFormatter = (v: number) => formatInt(v);
const COLOR = '#0f766e';
const FLOOR_POSITION = 'insideTopRight' as const;
const FLOOR_FILL = '#4b5563';

export function QualityChart() {
  const { t } = useTranslation();
  const quality = useApp((s) => s.quality);
  const qualityB = useApp((s) => s.qualityB);
  const twinOn = useApp((s) => s.twinOn);
  const baselines = useApp((s) => s.baselines);
  const picked = useView((s) => s.quality);
  const setPicked = useView((s) => s.setQuality);
  const selectId = useId();
  const series = qualitySeries(quality.labels);
  const key = picked && series.includes(picked) ? picked : series[0];
  const last = quality.rows[quality.rows.length - 1];
  const rowsB = twinOn ? qualityB.rows : NO_ROWS;
  const lastB = rowsB[rowsB.length - 1];
  // Recomputed per render: this figure renders only when its rows, the baselines or the pick change.
  const shown = baselinesWith(baselines, key);
  const readoutOf = (row: QualityRow | undefined) =>
    row
      ? readoutKeys(quality.labels)
          .filter((k) => series.includes(k) && row[k] !== undefined)
          .map((k) => formatReadoutValue(k, row[k], quality.labels[k], row))
      : [];
  const readout = readoutOf(last);
  const separator = t('quality.separator');
  const readoutB = readoutOf(lastB);

  return (
    <figure
      className="chart quality-chart"
      aria-labelledby="chart-quality-title"
      data-testid="chart-quality"
      data-points={quality.rows.length}
      data-points-b={rowsB.length}
      data-baselines={shown.length}
    >
      <figcaption>
        <h3 id="chart-quality-title">{t('quality.title')}</h3>
        {series.length > 1 && (
          <label className="quality-pick" htmlFor={selectId}>
            <span className="visually-hidden">{t('quality.pick')}</span>
            <select id={selectId} value={key} onChange={(e) => setPicked(e.target.value)}>
              {series.map((k) => (
                <option key={k} value={k}>
                  {qualityName(k, quality.labels[k])}
                </option>
              ))}
            </select>
          </label>
        )}
      </figcaption>
      <TwinLegend baselines={shown.length} />
      <p className="quality-readout" data-testid="quality-readout" data-step={last?.step} aria-live="off">
        {readout.length ? (twinOn ? t('quality.runReadout', { run: 'A', values: readout.join(separator) }) : readout.join(separator)) : t('quality.waiting')}
      </p>
      {readoutB.length > 0 && (
        <p className="quality-readout" data-testid="quality-readout-B" data-step={lastB?.step} aria-live="off">
          {t('quality.runReadout', { run: 'B', values: readoutB.join(separator) })}
        </p>
      )}
      {readout.length > 0 && (
        <p className="quality-meanings" data-testid="quality-meanings">
          {readoutMeanings(quality.labels)}
        </p>
      )}
      {(quality.rows.length > 0 || shown.length > 0) && key && (
        <div className="chart-body quality-body" aria-hidden="true">
          <QualityBody
            rows={quality.rows}
            rowsB={rowsB}
            baselines={shown}
            valueKey={key}
            label={quality.labels[key] ?? key}
            name={qualityName(key, quality.labels[key] ?? key)}
            floor={QUALITY_REFERENCE[key] !== undefined ? last?.[QUALITY_REFERENCE[key]] : undefined}
            floorName={key === 'fid' ? t('quality.floor') : t('quality.realImages')}
          />
        </div>
      )}
    </figure>
  );
}

const NO_ROWS: QualityRow[] = [];

/** The shown baselines that measured `key`. */
function baselinesWith(baselines: Baseline[], key: string | undefined): Baseline[] {
  return baselines.filter((b) => !b.hidden && key !== undefined && b.quality.rows.some((r) => r[key] !== undefined));
}

interface QualityBodyProps {
  rows: QualityRow[];
  /** Twin run B's rows, dashed over A's (empty outside a twin). */
  rowsB: QualityRow[];
  /** Shown baselines holding this measure, drawn faintly behind. */
  baselines: Baseline[];
  valueKey: string;
  label: string;
  /** The measure's name in the page's language (the tooltip's). */
  name: string;
  floor?: number;
  /** The reference line's label: the FID's floor, or what real images score. */
  floorName: string;
}

const QualityBody = memo(function QualityBody({ rows, rowsB, baselines, valueKey, label, name: measure, floor, floorName }: QualityBodyProps) {
  const { t } = useTranslation();
  const { of } = parseLabel(label);
  const labelFormatter = (v: unknown) => t('charts.tooltipStep', { step: formatInt(Number(v)) });
  const floorLabel = { value: floorName, position: FLOOR_POSITION, fontSize: 10, fill: FLOOR_FILL };
  // A share out of 100 is drawn on 0–100; one with a real-data reference (the checkerboard energy, ~0.02–1%) on its own scale.
  const domain: [number | string, number | string] = of !== null ? [0, of] : /%/.test(label) && floor === undefined ? [0, 100] : AUTO_DOMAIN;
  const valueFormatter = (v: unknown, name: unknown): [string, string] => [formatMetric(Number(v)), String(name).startsWith(valueKey) ? measure : String(name)];
  // The x axis spans the live run, B and every shown baseline, aligned by step.
  const xDomain = useMemo((): [number, number] | [string, string] => {
    const all = [rows, rowsB, ...baselines.map((b) => b.quality.rows)].filter((r) => r.length);
    if (!all.length) return X_DOMAIN;
    return [Math.min(...all.map((r) => r[0].step)), Math.max(...all.map((r) => r[r.length - 1].step))];
  }, [rows, rowsB, baselines]);
  return (
    <ResponsiveContainer width="100%" height="100%" minHeight={80}>
      <LineChart data={rows} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="step" type="number" domain={xDomain} tickFormatter={stepFormatter} allowDecimals={false} fontSize={11} tickCount={4} />
        <YAxis domain={domain} tickFormatter={tickFormatter} width={44} fontSize={11} tickCount={5} allowDecimals={of === null} />
        <Tooltip isAnimationActive={false} labelFormatter={labelFormatter} formatter={valueFormatter} />
        {floor !== undefined && Number.isFinite(floor) && (
          <ReferenceLine y={floor} stroke="#6b7280" strokeDasharray="5 4" ifOverflow="extendDomain" label={floorLabel} />
        )}
        {baselines.map((b) => (
          <Line key={`base${b.id}`} data={b.quality.rows} dataKey={valueKey} name={t('quality.baseline', { id: b.id })} {...BASELINE_LINE} stroke={COLOR} />
        ))}
        {rowsB.length > 0 && (
          <Line
            data={rowsB}
            dataKey={valueKey}
            name="B"
            type="linear"
            stroke={COLOR}
            strokeDasharray={TWIN_B_DASH}
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        )}
        <Line dataKey={valueKey} name={valueKey} type="linear" stroke={COLOR} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
});
