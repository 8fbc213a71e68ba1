/** D and G adversarial losses over training steps. */
import { useTranslation } from 'react-i18next';
import { MetricChart } from './MetricChart';

export function LossChart() {
  const { t } = useTranslation();
  return <MetricChart chart="losses" title={t('charts.losses.title')} description={t('charts.losses.description')} />;
}
