/** The regularization lab's series: R1 and WGAN-GP penalty terms, and the current instance-noise σ. */
import { useTranslation } from 'react-i18next';
import { MetricChart } from './MetricChart';

export function GradientPenaltyChart() {
  const { t } = useTranslation();
  return <MetricChart chart="regularizers" title={t('charts.regularizers.title')} description={t('charts.regularizers.description')} />;
}
