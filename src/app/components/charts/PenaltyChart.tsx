/** The four weight-penalty terms (0 while their slider is off). */
import { useTranslation } from 'react-i18next';
import { MetricChart } from './MetricChart';

export function PenaltyChart() {
  const { t } = useTranslation();
  return <MetricChart chart="penalties" title={t('charts.penalties.title')} description={t('charts.penalties.description')} />;
}
