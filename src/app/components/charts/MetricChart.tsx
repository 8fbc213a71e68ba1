/**
 * One chart of step metrics (recharts). Rows arrive already downsampled (LTTB, ~500 points per
 * series) and are redrawn about once a second (CHART_INTERVAL_MS) with animation off and no dots, so long runs stay
 * smooth. The legend doubles as a read-out of each series' newest value.
 */
import { memo, useDeferredValue, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import type { MetricKey } from '../../../core/metrics/stepMetrics';
import { useTranslation } from 'react-i18next';
import { t as translate } from '../../i18n/i18n';
import { formatInt, formatMetric } from '../../lib/format';
import { niceDomain, niceTicks, valueRange } from '../../lib/ticks';
import { BASELINE_LINE, TWIN_B_DASH } from '../../lib/comparisonLines';
import type { Baseline } from '../../store/baselines';
import { CHART_SERIES } from '../../store/charts';
import { TwinLegend } from '../twins/TwinLegend';
import type { ChartId } from '../../store/charts';
import type { ChartRow } from '../../lib/metricHistory';
import { useApp } from '../../storeContext';
import { usePageVisible } from '../../lib/usePageVisible';
import { useOnScreen } from '../../lib/useOnScreen';
import { ChartTable } from './ChartTable';

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
  lrScale: '#0f766e',
  theta: '#ea580c',
  psi: '#2563eb',
};

/** Dashes tell series apart without relying on colour alone. */
const SERIES_DASH: Partial<Record<MetricKey, string>> = { gL2: '6 3', dL2: '6 3', dFake: '4 3', gLoss: '' };

export interface MetricChartProps {
  chart: ChartId;
  title: string;
  description: string;
  yDomain?: [number | 'auto', number | 'auto'];
}

// recharts 3 re-dispatches a component's settings into its internal store (and renders again)
// whenever a prop's identity changes: every prop below is a module constant, so a new `data`
// array is the only thing that changes per update.
const tickFormatter = (v: number) => formatMetric(v);
const stepFormatter = (v: number) => formatInt(v);
// Called at each tooltip render, so they speak the page's language of the moment.
const labelFormatter = (v: unknown) => translate('charts.tooltipStep', { step: formatInt(Number(v)) });
/** Series names are codes ("dLoss", "B:dLoss", "base3:dLoss"); the tooltip names them in words. */
const valueFormatter = (v: unknown, name: unknown): [string, string] => {
  const [, prefix, key] = /^(?:(B|base\d+):)?(.*)$/.exec(String(name)) ?? ['', undefined, String(name)];
  const series = translate(`metrics.${key}`, { defaultValue: key });
  const label = prefix === 'B' ? `B: ${series}` : prefix ? translate('charts.baselineSeries', { id: prefix.slice(4), series }) : series;
  return [formatMetric(Number(v)), label];
};
const MARGIN = { top: 4, right: 12, bottom: 0, left: 0 };
const X_DOMAIN: [string, string] = ['dataMin', 'dataMax'];
const AUTO_DOMAIN: [string, string] = ['auto', 'auto'];
const ACTIVE_DOT = { r: 3 };
/**
 * Tick labels as plain <text>: recharts' default label is its <Text>, which measures every word
 * with a hidden DOM node (a forced layout per new label) to wrap it, which axis labels never need.
 */
interface AxisTickProps {
  x: number;
  y: number;
  index: number;
  payload: { value: number };
  tickFormatter?: (v: number, i: number) => string;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  verticalAnchor?: 'start' | 'middle' | 'end';
  fill?: string;
  fontSize?: number | string;
  className?: string;
}
const TICK_DY = { start: '0.71em', middle: '0.355em', end: undefined };
function AxisTick(p: AxisTickProps) {
  return (
    <text x={p.x} y={p.y} dy={TICK_DY[p.verticalAnchor ?? 'end']} textAnchor={p.textAnchor} fill={p.fill} fontSize={p.fontSize} className={p.className}>
      {p.tickFormatter ? p.tickFormatter(p.payload.value, p.index) : p.payload.value}
    </text>
  );
}
const axisTick = (p: unknown) => <AxisTick {...(p as AxisTickProps)} />;
/**
 * Grid lines at the axes' own ticks (which this chart always passes): recharts' default generator
 * re-runs its tick-fitting, measuring each label's text in the DOM, on every redraw.
 */
interface GridAxis {
  ticks?: readonly unknown[];
  scale?: { map(v: unknown): unknown };
}
const gridAt = (axis: GridAxis | undefined): number[] =>
  (axis?.ticks ?? []).map((v) => axis?.scale?.map(v)).filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
const verticalGrid = ({ xAxis }: { xAxis?: GridAxis }) => gridAt(xAxis);
const horizontalGrid = ({ yAxis }: { yAxis?: GridAxis }) => gridAt(yAxis);

export const MetricChart = memo(function MetricChart({ chart, title, description, yDomain }: MetricChartProps) {
  const keys = CHART_SERIES[chart];
  const figRef = useRef<HTMLElement>(null);
  const inView = useOnScreen(figRef);
  const pageVisible = usePageVisible();
  const onScreen = inView && pageVisible;
  const live = useApp((s) => s.charts[chart]);
  // Off screen the chart holds its last rows (a reset, to empty, still shows at once).
  const [held, setHeld] = useState(live);
  if (held !== live && (onScreen || live.length === 0)) setHeld(live);
  // Deferred: React renders the new chart at low priority, in slices, so input stays responsive.
  const rows = useDeferredValue(held);
  const rowsB = useDeferredValue(useApp((s) => s.chartsB[chart]));
  const baselines = useApp((s) => s.baselines);
  const lastB = rowsB.length ? rowsB[rowsB.length - 1] : null;
  const latest = useApp(useShallow((s) => keys.map((k) => s.latest[k])));
  // The tooltip only while the pointer is over the chart: mounted, it recomputes its payload on
  // every redraw even when nothing is hovered.
  const [hovered, setHovered] = useState(false);
  const { t } = useTranslation();
  const titleId = `chart-${chart}-title`;
  const descId = `chart-${chart}-desc`;
  return (
    <figure
      ref={figRef}
      className="chart"
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid={`chart-${chart}`}
      data-points={rows.length}
      data-points-b={rowsB.length}
    >
      <figcaption>
        <h3 id={titleId}>{title}</h3>
        <ul className="legend" aria-label={t('charts.newestValues', { title })}>
          {keys.map((k, i) => (
            <li key={k}>
              <span className={`swatch${SERIES_DASH[k] ? ' dashed' : ''}`} style={{ borderColor: SERIES_COLORS[k] }} aria-hidden="true" />
              {t(`metrics.${k}`)} <b data-testid={`latest-${k}`}>{formatMetric(latest[i])}</b>
              {lastB && (
                <>
                  {' '}
                  / B <b data-testid={`latest-B-${k}`}>{formatMetric(lastB[k])}</b>
                </>
              )}
            </li>
          ))}
        </ul>
      </figcaption>
      <TwinLegend />
      <p id={descId} className="visually-hidden">
        {description}
      </p>
      <div
        className="chart-body"
        aria-hidden={rows.length === 0 ? undefined : 'true'}
        onPointerEnter={() => setHovered(true)}
        onPointerLeave={() => setHovered(false)}
      >
        <ChartBody rows={rows} rowsB={rowsB} baselines={baselines} chart={chart} yDomain={yDomain} tooltip={hovered} />
      </div>
      <ChartTable title={title} keys={keys} rows={rows} testId={`table-${chart}`} />
    </figure>
  );
});

interface ChartBodyProps {
  rows: ChartRow[];
  /** Twin run B's rows, dashed over A's (empty outside a twin). */
  rowsB: ChartRow[];
  /** Pinned runs, drawn faintly behind. */
  baselines: Baseline[];
  chart: ChartId;
  yDomain?: [number | 'auto', number | 'auto'];
  /** Whether the pointer is over the chart (the tooltip is mounted only then). */
  tooltip: boolean;
}

/**
 * The recharts tree, memoised on its rows: a legend read-out or any other re-render of the
 * figure never re-renders the SVG; only new rows do (recharts re-renders everything it owns).
 */
const ChartBody = memo(function ChartBody({ rows, rowsB, baselines, chart, yDomain, tooltip }: ChartBodyProps) {
  const keys = CHART_SERIES[chart];
  const twin = rowsB.length > 0;
  const shown = useMemo(() => baselines.filter((b) => !b.hidden && b.charts[chart].length > 0), [baselines, chart]);
  const xTicks = useMemo(() => {
    // The axis spans the live run and every shown baseline, aligned by step.
    const all = [rows, rowsB, ...shown.map((b) => b.charts[chart])].filter((r) => r.length);
    if (!all.length) return [];
    return niceTicks(Math.min(...all.map((r) => r[0].step)), Math.max(...all.map((r) => r[r.length - 1].step)), 5);
  }, [rows, rowsB, shown, chart]);
  // The y-axis is computed here too (range and round ticks over every series drawn), so recharts
  // skips its own nice-tick search, decimal arithmetic on every redraw.
  const yAxis = useMemo(() => {
    if (yDomain) return null;
    const [lo, hi] = valueRange([rows, rowsB, ...shown.map((b) => b.charts[chart])], keys);
    return niceDomain(lo, hi, 4);
  }, [rows, rowsB, shown, chart, keys, yDomain]);
  if (rows.length === 0) return <EmptyChart />;
  return (
    <ResponsiveContainer width="100%" height="100%" minHeight={100}>
      <LineChart data={rows} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" verticalCoordinatesGenerator={verticalGrid} horizontalCoordinatesGenerator={horizontalGrid} />
        <XAxis
          dataKey="step"
          type="number"
          domain={X_DOMAIN}
          tickFormatter={stepFormatter}
          allowDecimals={false}
          fontSize={11}
          ticks={xTicks}
          interval={0}
          tick={axisTick}
        />
        <YAxis
          domain={yDomain ?? yAxis?.domain ?? AUTO_DOMAIN}
          ticks={yAxis?.ticks}
          tickFormatter={tickFormatter}
          width={56}
          fontSize={11}
          tickCount={5}
          interval={0}
          tick={axisTick}
        />
        {tooltip && <Tooltip isAnimationActive={false} labelFormatter={labelFormatter} formatter={valueFormatter} />}
        {shown.flatMap((b) =>
          keys.map((k) => (
            <Line key={`base${b.id}-${k}`} data={b.charts[chart]} dataKey={k} name={`base${b.id}:${k}`} {...BASELINE_LINE} stroke={SERIES_COLORS[k]} />
          )),
        )}
        {twin &&
          keys.map((k) => (
            <Line
              key={`B-${k}`}
              data={rowsB}
              dataKey={k}
              name={`B:${k}`}
              type="linear"
              stroke={SERIES_COLORS[k]}
              strokeDasharray={TWIN_B_DASH}
              strokeWidth={1.5}
              dot={false}
              activeDot={ACTIVE_DOT}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        {keys.map((k) => (
          <Line
            key={k}
            dataKey={k}
            name={k}
            type="linear"
            stroke={SERIES_COLORS[k]}
            strokeDasharray={twin ? undefined : SERIES_DASH[k] || undefined}
            strokeWidth={1.5}
            dot={false}
            activeDot={ACTIVE_DOT}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});

function EmptyChart() {
  const { t } = useTranslation();
  return <p className="chart-empty">{t('charts.empty')}</p>;
}
