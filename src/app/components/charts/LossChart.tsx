/** D and G adversarial losses over training steps. */
import { MetricChart } from './MetricChart';

export function LossChart() {
  return (
    <MetricChart
      chart="losses"
      title="Losses"
      description="The discriminator's and the generator's adversarial losses per step. They pull against each other: neither should fall to zero in a healthy run."
    />
  );
}
