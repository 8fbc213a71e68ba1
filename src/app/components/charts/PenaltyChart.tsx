/** The four weight-penalty terms (0 while their slider is off). */
import { MetricChart } from './MetricChart';

export function PenaltyChart() {
  return (
    <MetricChart
      chart="penalties"
      title="Weight penalties"
      description="The L1 and L2 terms added to each network's loss: the coefficient times the sum of absolute or squared weights. Zero while the slider is off."
    />
  );
}
