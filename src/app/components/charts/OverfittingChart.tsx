/**
 * D's overfitting, shown: D's mean output on the reals it trains on, on held-out reals it never
 * sees, and on G's samples, at every quality measurement (src/core/train/overfitting.ts). While D
 * generalises the two real lines agree; when it memorises its training set the held-out line
 * falls away towards the fakes. Shown only for runs that hold reals out (the `holdout` setting).
 */
import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { OVERFITTING_LABELS } from '../../../core/metrics/overfittingKeys';
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
const labelFormatter = (v: unknown) => `Step ${formatInt(Number(v))}`;
const valueFormatter = (v: unknown, name: unknown): [string, string] => [formatMetric(Number(v)), String(name)];

export function OverfittingChart() {
  const quality = useApp((s) => s.quality);
  const rows = quality.rows.filter((r) => r.dHeldOut !== undefined);
  const last = rows[rows.length - 1];
  const gap = last ? last.dTrainReal - last.dHeldOut : null;
  return (
    <figure className="chart overfitting-chart" aria-labelledby="chart-overfitting-title" data-testid="chart-overfitting" data-points={rows.length}>
      <figcaption>
        <h3 id="chart-overfitting-title">D on training reals, held-out reals and fakes</h3>
      </figcaption>
      <p className="quality-readout" data-testid="overfitting-readout" aria-live="off">
        {last
          ? `Training reals ${formatMetric(last.dTrainReal)} · held-out ${formatMetric(last.dHeldOut)} · fakes ${formatMetric(last.dFake)} · gap ${formatMetric(gap!)} · r_t ${formatMetric(last.rt)}`
          : 'This run holds no reals out of training (set holdout, e.g. holdout=256 in the address), so D’s overfitting cannot be measured.'}
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
            name={OVERFITTING_LABELS[l.key]}
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
