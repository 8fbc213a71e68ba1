/**
 * D's overfitting, shown: D's mean output on the reals it trains on, on held-out reals it never
 * sees, and on G's samples, at every quality measurement (src/core/train/overfitting.ts). While D
 * generalises the two real lines agree; when it memorises its training set the held-out line
 * falls away towards the fakes. Shown only for runs that hold reals out (the `holdout` setting).
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt, formatMetric } from '../../lib/format';
import type { QualityRow } from '../../lib/labState';
import { useApp } from '../../storeContext';

const MARGIN = { top: 4, right: 12, bottom: 0, left: 0 };
const LINES = [
  { key: 'dTrainReal', color: '#2563eb', dash: undefined },
  { key: 'dHeldOut', color: '#0f766e', dash: '5 3' },
  { key: 'dFake', color: '#dc2626', dash: undefined },
] as const;
const stepFormatter = (v: number) => formatInt(v);
const tickFormatter = (v: number) => formatMetric(v);
const valueFormatter = (v: unknown, name: unknown): [string, string] => [formatMetric(Number(v)), String(name)];

export function OverfittingChart() {
  const { t } = useTranslation();
  const quality = useApp((s) => s.quality);
  const rows = quality.rows.filter((r) => r.dHeldOut !== undefined);
  const last = rows[rows.length - 1];
  const gap = last ? last.dTrainReal - last.dHeldOut : null;
  return (
    <figure className="chart overfitting-chart" aria-labelledby="chart-overfitting-title" data-testid="chart-overfitting" data-points={rows.length}>
      <figcaption>
        <h3 id="chart-overfitting-title">{t('overfitting.title')}</h3>
      </figcaption>
      <p className="quality-readout" data-testid="overfitting-readout" aria-live="off">
        {last
          ? t('overfitting.readout', {
              train: formatMetric(last.dTrainReal),
              heldOut: formatMetric(last.dHeldOut),
              fake: formatMetric(last.dFake),
              gap: formatMetric(gap!),
              rt: formatMetric(last.rt),
            })
          : t('overfitting.none')}
      </p>
      {rows.length > 0 && (
        <div className="chart-body quality-body" aria-hidden="true">
          <OverfittingBody rows={rows} />
        </div>
      )}
    </figure>
  );
}

const OverfittingBody = memo(function OverfittingBody({ rows }: { rows: QualityRow[] }) {
  const { t } = useTranslation();
  const labelFormatter = (v: unknown) => t('charts.tooltipStep', { step: formatInt(Number(v)) });
  return (
    <ResponsiveContainer width="100%" height="100%" minHeight={80}>
      <LineChart data={rows} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tickFormatter={stepFormatter} allowDecimals={false} fontSize={11} tickCount={4} />
        <YAxis domain={['auto', 'auto']} tickFormatter={tickFormatter} width={44} fontSize={11} tickCount={5} />
        <Tooltip isAnimationActive={false} labelFormatter={labelFormatter} formatter={valueFormatter} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {LINES.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={t(`overfitting.lines.${l.key}`)}
            type="linear"
            stroke={l.color}
            strokeDasharray={l.dash}
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
