/**
 * One chart of step metrics (recharts). Rows arrive already downsampled (LTTB, ~500 points per
 * series) and are redrawn a few times a second with animation off and no dots, so long runs stay
 * smooth. The legend doubles as a read-out of each series' newest value.
 */
import { memo, useDeferredValue } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import type { MetricKey } from '../../core/metrics/stepMetrics';
import { METRIC_LABELS } from '../../core/metrics/stepMetrics';
import { formatInt, formatMetric } from '../lib/format';
import { CHART_SERIES } from '../store';
import type { ChartId } from '../store';
import { useApp } from '../storeContext';

export const SERIES_COLORS: Record<MetricKey, string> = {
  step: '#000',
  epoch: '#000',
  dLoss: '#2563eb',
  gLoss: '#ea580c',
  gL1: '#c2410c',
  gL2: '#f59e0b',
  dL1: '#1d4ed8',
  dL2: '#0891b2',
  dReal: '#059669',
  dFake: '#7c3aed',
  gGradNorm: '#6b7280',
  dGradNorm: '#374151',
  r1: '#be185d',
  gp: '#9333ea',
  noiseSigma: '#65a30d',
};

/** Dashes tell series apart without relying on colour alone. */
const SERIES_DASH: Partial<Record<MetricKey, string>> = { gL2: '6 3', dL2: '6 3', dFake: '4 3', gLoss: '' };

export interface MetricChartProps {
  chart: ChartId;
  title: string;
  description: string;
  yDomain?: [number | 'auto', number | 'auto'];
}

const tickFormatter = (v: number) => formatMetric(v);
const stepFormatter = (v: number) => formatInt(v);

export const MetricChart = memo(function MetricChart({ chart, title, description, yDomain }: MetricChartProps) {
  const keys = CHART_SERIES[chart];
  // Deferred: React renders the new chart at low priority, in slices, so input stays responsive.
  const rows = useDeferredValue(useApp((s) => s.charts[chart]));
  const latest = useApp(useShallow((s) => keys.map((k) => s.latest[k])));
  const titleId = `chart-${chart}-title`;
  const descId = `chart-${chart}-desc`;
  return (
    <figure className="chart" aria-labelledby={titleId} aria-describedby={descId} data-testid={`chart-${chart}`} data-points={rows.length}>
      <figcaption>
        <h3 id={titleId}>{title}</h3>
        <ul className="legend" aria-label={`${title}: newest values`}>
          {keys.map((k, i) => (
            <li key={k}>
              <span className={`swatch${SERIES_DASH[k] ? ' dashed' : ''}`} style={{ borderColor: SERIES_COLORS[k] }} aria-hidden="true" />
              {METRIC_LABELS[k]} <b data-testid={`latest-${k}`}>{formatMetric(latest[i])}</b>
            </li>
          ))}
        </ul>
      </figcaption>
      <p id={descId} className="visually-hidden">
        {description}
      </p>
      <div className="chart-body" aria-hidden={rows.length === 0 ? undefined : 'true'}>
        {rows.length === 0 ? (
          <p className="chart-empty">Press Start or Step to train: the curves appear here.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%" minHeight={100}>
            <LineChart data={rows} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
              <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tickFormatter={stepFormatter} allowDecimals={false} fontSize={11} tickCount={6} interval={0} />
              <YAxis domain={yDomain ?? ['auto', 'auto']} tickFormatter={tickFormatter} width={56} fontSize={11} tickCount={5} interval={0} />
              <Tooltip
                isAnimationActive={false}
                labelFormatter={(v) => `Step ${formatInt(Number(v))}`}
                formatter={(v, name) => [formatMetric(Number(v)), METRIC_LABELS[name as MetricKey] ?? String(name)]}
              />
              {keys.map((k) => (
                <Line
                  key={k}
                  dataKey={k}
                  name={k}
                  type="linear"
                  stroke={SERIES_COLORS[k]}
                  strokeDasharray={SERIES_DASH[k] || undefined}
                  strokeWidth={1.5}
                  dot={false}
                  activeDot={{ r: 3 }}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
});
