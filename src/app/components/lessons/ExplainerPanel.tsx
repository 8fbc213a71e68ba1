/** "What am I looking at?": a short, plain-language guide to the screen (folded in projector mode). */
import { useView } from '../../viewStore';

export function ExplainerPanel({ kind }: { kind: 'image' | 'points' | null }) {
  const projector = useView((s) => s.projector);
  return (
    <details className="explainer" open={!projector}>
      <summary>What am I looking at?</summary>
      <p>
        A <strong>GAN</strong> is two networks in a contest. The <strong>generator (G)</strong> turns random noise into made-up examples. The{' '}
        <strong>discriminator (D)</strong> looks at real and made-up examples and guesses which is which. Each step, D gets better at spotting fakes and G gets
        better at fooling D.
      </p>
      {kind === 'points' ? (
        <p>
          <strong>The picture:</strong> green dots are real data, purple dots are G’s output. The background is D’s opinion of every spot in the plane: green
          where it says “real”, purple where it says “fake”. G’s points drift towards where D says “real”. Watch whether they cover every cluster or crowd into
          a few (<em>mode collapse</em>).
        </p>
      ) : (
        <p>
          <strong>The grid:</strong> 64 images G makes from the same 64 noise vectors, redrawn after each epoch (one pass over the data), so you watch the same
          “seeds” turn from noise into shapes. Drag <em>Look back</em> to compare epochs.
        </p>
      )}
      <p>
        <strong>The charts:</strong> the losses pull against each other, so they wobble rather than fall to zero. The penalties show what L1/L2 add to each loss
        (flat at 0 while off). D’s verdicts near 0.5 for both real and fake mean D can no longer tell them apart.
      </p>
      <p>
        <strong>The sliders</strong> act at the next step, without restarting. A learning rate is the size of each update: larger learns faster but overshoots;
        keep D and G roughly in step so neither wins outright. L1 and L2 add a cost for large weights (the layers’ kernels, not biases) to a network’s loss: L1
        (λ·Σ|w|) pulls every weight towards zero by the same amount, so small weights become exactly zero; L2 (λ·Σw²) shrinks each weight in proportion to its
        size. Start around 1e-4 and go up a decade at a time.
      </p>
      <p>
        <strong>Try:</strong> raise the <em>Discriminator learning rate</em> ten-fold and watch D’s verdicts on real and fake move apart; then turn up{' '}
        <em>Discriminator L2</em> and watch its penalty line rise.
      </p>
    </details>
  );
}
