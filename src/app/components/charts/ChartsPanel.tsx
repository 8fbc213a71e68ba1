/** The middle column: losses, weight penalties and D's verdicts, stacked. */
import { DiscriminatorOutputChart } from './DiscriminatorOutputChart';
import { GradientPenaltyChart } from './GradientPenaltyChart';
import { LossChart } from './LossChart';
import { PenaltyChart } from './PenaltyChart';
import { Glossary } from '../welcome/Glossary';

export function ChartsPanel() {
  return (
    <section className="panel charts-panel" aria-labelledby="charts-title">
      <h2 id="charts-title" className="visually-hidden">
        Training charts
      </h2>
      <Glossary />
      <LossChart />
      <PenaltyChart />
      <DiscriminatorOutputChart />
      <GradientPenaltyChart />
    </section>
  );
}
