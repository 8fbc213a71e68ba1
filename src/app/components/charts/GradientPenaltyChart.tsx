/** The regularization lab's series: R1 and WGAN-GP penalty terms, and the current instance-noise σ. */
import { MetricChart } from './MetricChart';

export function GradientPenaltyChart() {
  return (
    <MetricChart
      chart="regularizers"
      title="Gradient penalties"
      description="The R1 term (γ/2 times D's squared slope at real data), the WGAN-GP term (λ times the squared distance of D's slope from 1 between real and fake) and the instance-noise σ now in force. Zero while they are off."
    />
  );
}
