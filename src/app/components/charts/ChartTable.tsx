/**
 * A chart's text alternative: its rows (the same downsampled points the chart draws) as a table,
 * built only while the disclosure is open. Each cell keeps the full value in `data-value`, so a
 * copied table or a test reads exactly what was measured.
 */
import { useState } from 'react';
import type { MetricKey } from '../../../core/metrics/stepMetrics';
import { useTranslation } from 'react-i18next';
import { formatInt, formatMetric } from '../../lib/format';
import type { ChartRow } from '../../lib/metricHistory';

export function ChartTable({ title, keys, rows, testId }: { title: string; keys: readonly MetricKey[]; rows: ChartRow[]; testId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('charts.tableOfValues')}</summary>
      {open && (
        <div className="chart-table-scroll" tabIndex={0} role="region" aria-label={t('charts.tableRegion', { title })}>
          <table data-testid={testId}>
            <caption className="visually-hidden">{t('charts.tableCaption', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('metrics.step')}</th>
                {keys.map((k) => (
                  <th key={k} scope="col">
                    {t(`metrics.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.step}>
                  <th scope="row">{formatInt(r.step)}</th>
                  {keys.map((k) => (
                    <td key={k} data-key={k} data-value={r[k] === undefined ? '' : String(r[k])}>
                      {r[k] === undefined ? '–' : formatMetric(r[k] as number)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
