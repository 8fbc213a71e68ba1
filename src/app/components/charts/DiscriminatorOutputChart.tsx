/** Mean D(real) and D(fake): how sure D is that real and generated examples are real. */
import { useApp } from '../../storeContext';
import { MetricChart } from './MetricChart';

export function DiscriminatorOutputChart() {
  const loss = useApp((s) => s.config?.loss);
  const probability = loss === undefined || loss === 'nonsaturating' || loss === 'minimax';
  return (
    <MetricChart
      chart="outputs"
      title={probability ? 'Discriminator’s verdicts, P(real)' : 'Discriminator’s scores'}
      description={
        probability
          ? "Mean probability of 'real' that D gives real examples and generated ones. Both near 0.5 means D cannot tell them apart."
          : 'Mean raw score D gives real and generated examples (this loss has no probabilities: higher means more real). The gap between the two lines is what D has learned to see.'
      }
    />
  );
}
