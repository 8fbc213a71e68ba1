/**
 * How good the generator is, measured at epoch ends by the worker: modes covered and high-quality
 * share for the point mixtures, classes covered, confidence and FID for MNIST-like sets, FID for
 * colour images. One series at a time (they have different units), the FID floor as a dashed
 * line, and a compact read-out of every newest value.
 */
import { memo, useId } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt, formatMetric } from '../lib/format';
import { formatQuality, parseLabel, qualitySeries } from '../lib/labState';
import type { QualityRow } from '../lib/labState';
import { useApp } from '../storeContext';
import { useView } from '../viewStore';

const MARGIN = { top: 4, right: 12, bottom: 0, left: 0 };
const X_DOMAIN: [string, string] = ['dataMin', 'dataMax'];
const AUTO_DOMAIN: [string, string] = ['auto', 'auto'];
const tickFormatter = (v: number) => formatMetric(v);
const stepFormatter = (v: number) => formatInt(v);
const labelFormatter = (v: unknown) => `Step ${formatInt(Number(v))}`;
const COLOR = '#0f766e';

export function QualityChart() {
  const quality = useApp((s) => s.quality);
  const picked = useView((s) => s.quality);
  const setPicked = useView((s) => s.setQuality);
  const selectId = useId();
  const series = qualitySeries(quality.labels);
  const key = picked && series.includes(picked) ? picked : series[0];
  const last = quality.rows[quality.rows.length - 1];
  const readout = last
    ? Object.keys(quality.labels)
        .filter((k) => k !== 'fidFloor')
        .map((k) => formatQuality(k, last[k], quality.labels[k], last))
    : [];

  return (
    <figure className="chart quality-chart" aria-labelledby="chart-quality-title" data-testid="chart-quality" data-points={quality.rows.length}>
      <figcaption>
        <h3 id="chart-quality-title">Quality</h3>
        {series.length > 1 && (
          <label className="quality-pick" htmlFor={selectId}>
            <span className="visually-hidden">Quality measure to chart</span>
            <select id={selectId} value={key} onChange={(e) => setPicked(e.target.value)}>
              {series.map((k) => (
                <option key={k} value={k}>
                  {parseLabel(quality.labels[k]).name}
                </option>
              ))}
            </select>
          </label>
        )}
      </figcaption>
      <p className="quality-readout" data-testid="quality-readout" aria-live="off">
        {readout.length ? readout.join(' · ') : 'Measured at the end of each epoch: the first values appear then.'}
      </p>
      {quality.rows.length > 0 && key && (
        <div className="chart-body quality-body" aria-hidden="true">
          <QualityBody rows={quality.rows} valueKey={key} label={quality.labels[key] ?? key} floor={key === 'fid' ? last?.fidFloor : undefined} />
        </div>
      )}
    </figure>
  );
}

interface QualityBodyProps {
  rows: QualityRow[];
  valueKey: string;
  label: string;
  floor?: number;
}

const QualityBody = memo(function QualityBody({ rows, valueKey, label, floor }: QualityBodyProps) {
  const { of } = parseLabel(label);
  const domain: [number | string, number | string] = of !== null ? [0, of] : /%/.test(label) ? [0, 100] : AUTO_DOMAIN;
  const valueFormatter = (v: unknown): [string, string] => [formatMetric(Number(v)), label];
  return (
    <ResponsiveContainer width="100%" height="100%" minHeight={80}>
      <LineChart data={rows} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="step" type="number" domain={X_DOMAIN} tickFormatter={stepFormatter} allowDecimals={false} fontSize={11} tickCount={4} />
        <YAxis domain={domain} tickFormatter={tickFormatter} width={44} fontSize={11} tickCount={5} allowDecimals={of === null} />
        <Tooltip isAnimationActive={false} labelFormatter={labelFormatter} formatter={valueFormatter} />
        {floor !== undefined && Number.isFinite(floor) && (
          <ReferenceLine y={floor} stroke="#6b7280" strokeDasharray="5 4" ifOverflow="extendDomain" label={{ value: 'floor', position: 'insideTopRight', fontSize: 10, fill: '#4b5563' }} />
        )}
        <Line dataKey={valueKey} name={valueKey} type="linear" stroke={COLOR} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
});
