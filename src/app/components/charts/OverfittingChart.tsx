/**
 * D's overfitting, shown: D's mean output on the reals it trains on, on held-out reals it never
 * sees, and on G's samples, at every quality measurement (src/core/train/overfitting.ts). While D
 * generalises the two real lines agree; when it memorises its training set the held-out line
 * falls away towards the fakes. Shown only for runs that hold reals out (the `holdout` setting).
 * While a twin is on, run B's lines are dashed over A's in the same colours and B has its own
 * read-out (the lesson "D overfits a small dataset" compares the two).
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt, formatMetric } from '../../lib/format';
import type { QualityRow } from '../../lib/labState';
import { TWIN_B_DASH } from '../../lib/comparisonLines';
import { useApp } from '../../storeContext';
import { TwinLegend } from '../twins/TwinLegend';

const MARGIN = { top: 4, right: 12, bottom: 0, left: 0 };
const LINES = [
  { key: 'dTrainReal', color: '#2563eb' },
  { key: 'dHeldOut', color: '#0f766e' },
  { key: 'dFake', color: '#dc2626' },
] as const;
/** B's values under their own keys, so one chart row holds both runs at a step. */
const bKey = (key: string) => `${key}B`;
const stepFormatter = (v: number) => formatInt(v);
const tickFormatter = (v: number) => formatMetric(v);
const valueFormatter = (v: unknown, name: unknown): [string, string] => [formatMetric(Number(v)), String(name)];
const NO_ROWS: QualityRow[] = [];

const withHeldOut = (rows: QualityRow[]) => rows.filter((r) => r.dHeldOut !== undefined);

export function OverfittingChart() {
  const { t } = useTranslation();
  const quality = useApp((s) => s.quality);
  const qualityB = useApp((s) => s.qualityB);
  const twinOn = useApp((s) => s.twinOn);
  const holdsOut = useApp((s) => (s.config?.holdout ?? 0) > 0);
  const rows = withHeldOut(quality.rows);
  const rowsB = twinOn ? withHeldOut(qualityB.rows) : NO_ROWS;
  const last = rows[rows.length - 1];
  const lastB = rowsB[rowsB.length - 1];
  const readout = (row: QualityRow) =>
    t('overfitting.readout', {
      train: formatMetric(row.dTrainReal),
      heldOut: formatMetric(row.dHeldOut),
      fake: formatMetric(row.dFake),
      gap: formatMetric(row.dTrainReal - row.dHeldOut),
      rt: formatMetric(row.rt),
    });
  return (
    <figure
      className="chart overfitting-chart"
      aria-labelledby="chart-overfitting-title"
      data-testid="chart-overfitting"
      data-points={rows.length}
      data-points-b={rowsB.length}
    >
      <figcaption>
        <h3 id="chart-overfitting-title">{t('overfitting.title')}</h3>
      </figcaption>
      <TwinLegend baselines={0} />
      <p className="quality-readout" data-testid="overfitting-readout" data-step={last?.step} aria-live="off">
        {last
          ? twinOn
            ? t('quality.runReadout', { run: 'A', values: readout(last) })
            : readout(last)
          : holdsOut
            ? t('quality.waiting')
            : t('overfitting.none')}
      </p>
      {lastB && (
        <p className="quality-readout" data-testid="overfitting-readout-B" data-step={lastB.step} aria-live="off">
          {t('quality.runReadout', { run: 'B', values: readout(lastB) })}
        </p>
      )}
      {rows.length > 0 && (
        <div className="chart-body quality-body overfitting-body" aria-hidden="true">
          <OverfittingBody rows={rows} rowsB={rowsB} />
        </div>
      )}
    </figure>
  );
}

/** A's rows with B's values at the same steps under `…B` keys (B measures at A's steps). */
function merged(rows: QualityRow[], rowsB: QualityRow[]): Record<string, number>[] {
  const byStep = new Map<number, Record<string, number>>();
  for (const r of rows) byStep.set(r.step, { step: r.step, dTrainReal: r.dTrainReal, dHeldOut: r.dHeldOut, dFake: r.dFake });
  for (const r of rowsB) {
    const row = byStep.get(r.step) ?? { step: r.step };
    for (const l of LINES) row[bKey(l.key)] = r[l.key];
    byStep.set(r.step, row);
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

const OverfittingBody = memo(function OverfittingBody({ rows, rowsB }: { rows: QualityRow[]; rowsB: QualityRow[] }) {
  const { t } = useTranslation();
  const labelFormatter = (v: unknown) => t('charts.tooltipStep', { step: formatInt(Number(v)) });
  const twin = rowsB.length > 0;
  const data = twin ? merged(rows, rowsB) : rows;
  // The legend names the colours once (the twin legend above says solid A, dashed B); the tooltip names the run.
  const named = (run: string, key: string) => (twin ? t('quality.runReadout', { run, values: t(`overfitting.lines.${key}`) }) : t(`overfitting.lines.${key}`));
  const lines = LINES.flatMap((l) => [
    { dataKey: l.key, color: l.color, dash: undefined, name: named('A', l.key), legend: 'line' as const },
    ...(twin ? [{ dataKey: bKey(l.key), color: l.color, dash: TWIN_B_DASH, name: named('B', l.key), legend: 'none' as const }] : []),
  ]);
  return (
    <ResponsiveContainer width="100%" height="100%" minHeight={80}>
      <LineChart data={data} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tickFormatter={stepFormatter} allowDecimals={false} fontSize={11} tickCount={4} />
        <YAxis domain={['auto', 'auto']} tickFormatter={tickFormatter} width={44} fontSize={11} tickCount={5} />
        <Tooltip isAnimationActive={false} labelFormatter={labelFormatter} formatter={valueFormatter} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {lines.map((l) => (
          <Line
            key={l.dataKey}
            dataKey={l.dataKey}
            name={l.name}
            type="linear"
            stroke={l.color}
            strokeDasharray={l.dash}
            legendType={l.legend}
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});
