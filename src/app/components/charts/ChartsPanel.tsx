/** The middle column: losses, weight penalties and D's verdicts, stacked. */
import { useTranslation } from 'react-i18next';
import { DiscriminatorOutputChart } from './DiscriminatorOutputChart';
import { GradientPenaltyChart } from './GradientPenaltyChart';
import { LossChart } from './LossChart';
import { PenaltyChart } from './PenaltyChart';
import { Glossary } from '../welcome/Glossary';

export function ChartsPanel() {
  const { t } = useTranslation();
  return (
    <section className="panel charts-panel" aria-labelledby="charts-title">
      <h2 id="charts-title" className="visually-hidden">
        {t('charts.panelTitle')}
      </h2>
      <Glossary />
      <LossChart />
      <PenaltyChart />
      <DiscriminatorOutputChart />
      <GradientPenaltyChart />
    </section>
  );
}
