/** Mean D(real) and D(fake): how sure D is that real and generated examples are real. */
import { useTranslation } from 'react-i18next';
import { useApp } from '../../storeContext';
import { MetricChart } from './MetricChart';

export function DiscriminatorOutputChart() {
  const { t } = useTranslation();
  const loss = useApp((s) => s.config?.loss);
  const probability = loss === undefined || loss === 'nonsaturating' || loss === 'minimax';
  return (
    <MetricChart
      chart="outputs"
      title={t(probability ? 'charts.verdicts.title' : 'charts.scores.title')}
      description={t(probability ? 'charts.verdicts.description' : 'charts.scores.description')}
    />
  );
}
