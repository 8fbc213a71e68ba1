/**
 * "What the symbols mean": every symbol the charts and sliders use, one tap (or Enter) away, in a
 * disclosure above the charts. Plain text, so a screen reader reads it like the rest of the page.
 */
const SYMBOLS: readonly [symbol: string, meaning: string][] = [
  ['G', 'The generator: turns random noise z into a sample (an image or a 2-D point).'],
  ['D', 'The discriminator: scores a sample; its output is read as P(real).'],
  ['P(real), D(x)', 'D’s probability that a sample is real: 1 = sure it is real, 0 = sure it is fake, 0.5 = cannot tell.'],
  ['D(real), D(fake)', 'D’s average P(real) on a batch of real data and on a batch of G’s fakes.'],
  ['D loss, G loss', 'What each network minimises: D to tell real from fake, G to make D call its fakes real.'],
  ['λ·Σ|w| (L1)', 'A weight penalty: λ times the sum of the weights’ sizes. It pushes weights to exactly 0.'],
  ['λ·Σw² (L2)', 'A weight penalty: λ times the sum of the squared weights. It shrinks big weights most.'],
  ['γ (R1)', 'The strength of the R1 penalty on D’s slope at the real data.'],
  ['σ', 'A standard deviation: of G’s input noise z, or of the instance noise added to D’s inputs.'],
  ['lr', 'Learning rate: how big a step each update takes. Decay lowers it over time.'],
];

export function Glossary() {
  return (
    <details className="glossary" data-testid="glossary">
      <summary>What the symbols mean</summary>
      <dl>
        {SYMBOLS.map(([symbol, meaning]) => (
          <div key={symbol}>
            <dt>{symbol}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
