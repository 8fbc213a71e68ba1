/**
 * The "Lessons" menu as data: each lesson is a complete config (so nothing from the previous run
 * leaks in), a short explanation and what to watch. Choosing one resets the run onto its config and
 * starts training. TF-free; `lessons.test.ts` checks every config validates and its model fits
 * its dataset.
 *
 * The numbers quoted in comments come from headless runs of the same core (Trainer, wasm, seed 1,
 * modes measured with the CLI's mode-coverage measure on 2,500 points; reproduce with
 * `npx tsx scripts/train.ts --dataset ring8 --steps 1500 --quality-every 250 …`), so each lesson
 * is known to show its effect.
 */
import type { LiveHyperparams, TrainConfig } from '../core/config';
import { DEFAULT_CONFIG } from '../core/config';

export interface Lesson {
  id: string;
  title: string;
  /** One line for the menu. */
  summary: string;
  /** The whole config the lesson trains with. */
  config: TrainConfig;
  /** A short paragraph: what is set up and why. */
  explanation: string;
  /** What to look at, in order. */
  watch: string[];
  /** An optional live change to try mid-run (a button in the lesson panel). */
  tryIt?: { label: string; values: Partial<LiveHyperparams> };
  /** A twin lesson: the config is A (without), `b` the live values B adds (with the regularizer). */
  twin?: { b: Partial<LiveHyperparams> };
}

/**
 * The ring of 8 Gaussians at its recommended settings (batch 256, the size every number below
 * was measured at) with every regularizer off: the base of the 2-D lessons.
 */
const RING: TrainConfig = { ...DEFAULT_CONFIG, dataset: 'ring8', model: 'mlp2d', batchSize: 256 };

/** The Dirac-GAN with its recommended plain-gradient settings (see src/core/data/dirac.ts). */
const DIRAC: TrainConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'dirac',
  model: 'dirac',
  loss: 'nonsaturating',
  batchSize: 8,
  latentDim: 1,
  lrG: 0.05,
  lrD: 0.05,
  beta1: 0,
  beta2: 0.999,
};

export const LESSONS: Lesson[] = [
  {
    id: 'mode-collapse',
    title: 'Mode collapse on the ring',
    summary: 'No regularization: G piles its points onto a few of the 8 modes.',
    // CLI (seed 1): modes covered 1, 1, 2 of 8 at steps 500/1000/1500, high quality ≤ 1.4%
    // (`scripts/train.ts --dataset ring8 --steps 1500 --lrG 0.005`); balanced rates reach 8 of 8.
    config: { ...RING, lrG: 0.005, lrD: 0.001 },
    explanation:
      'Eight tight clusters on a circle, no regularization, and a generator that learns five times faster than the discriminator. G finds that a few clusters already fool D and crowds its points there; D then pushes it to the next cluster, and G hops instead of spreading out.',
    watch: [
      'The points view: purple generated points gather on a few clusters (or hop between them) instead of covering all eight.',
      'Quality: “Modes” stays at 0–2 of 8, and the high-quality share near 0%.',
      'The loss chart oscillates rather than settling.',
    ],
    tryIt: { label: 'Turn on R1 (γ = 30)', values: { r1Gamma: 30 } },
  },
  {
    id: 'r1-fix',
    title: 'R1 fixes it',
    summary: 'The same run with a strong R1 gradient penalty (γ = 30) on D.',
    // CLI (seed 1): γ = 30 → modes 6, 4, 8 of 8 at steps 500/1000/1500, high quality 15.7% at 1500
    // (without R1: 1, 1, 2 and ≤ 1.4%). Weaker γ did less: 0.1 → 0–1 modes, 1 → 0–1,
    // 10 → 2–7 (unsteady); WGAN-GP λ = 1 instead → 0–1.
    config: { ...RING, lrG: 0.005, lrD: 0.001, r1Gamma: 30 },
    explanation:
      'The same setup as “Mode collapse”, plus the R1 penalty: γ/2 times the squared slope of D at the real points. A D that cannot be steep at the data cannot fling G from cluster to cluster, so G spreads out over the ring instead of hopping.',
    watch: [
      'Quality: “Modes” climbs to 5–6 of 8 within about 750 steps and reaches 8/8 around step 1,250; the high-quality share rises with it.',
      'The Gradient penalties chart: the R1 term is small — it works by keeping D flat at the data, not by being large.',
      'For comparison, set R1 to off and WGAN-GP λ to 1: on this run it does not stop the collapse.',
    ],
  },
  {
    id: 'r1-twin',
    title: 'R1 against mode collapse, side by side',
    summary: 'A twin: A collapses onto a few modes, B (the same run plus R1 γ = 30) covers the ring.',
    // Same configs as 'mode-collapse' (A) and 'r1-fix' (B): CLI seed 1, modes 1, 1, 2 of 8 vs 6, 4, 8
    // at steps 500/1000/1500. A twin starts both from the same weights, data order and noise.
    config: { ...RING, lrG: 0.005, lrD: 0.001 },
    twin: { b: { r1Gamma: 30 } },
    explanation:
      'Two runs from the very same starting point — the same weights, the same data order, the same noise — trained in lockstep. A has no regularization and a generator five times faster than its discriminator, the recipe for mode collapse. B is identical except for the R1 penalty (γ = 30), which keeps D flat at the real points so it cannot fling G from cluster to cluster. Any difference you see comes from R1 alone.',
    watch: [
      'The two points views: A’s purple points crowd onto one or two clusters and hop; B’s spread over the ring.',
      'The Gradient penalties chart: only B has an R1 line (dashed) — small, because it works by keeping D flat, not by being large.',
      'The loss chart: A’s solid curves swing as G hops between clusters; B’s dashed ones settle.',
      'When B clearly covers more of the ring, press “Keep B” to carry on with it alone.',
    ],
  },
  {
    id: 'l2-too-strong',
    title: 'L2 on D, side by side: a weak D',
    summary: 'A twin: A without, B with a heavy weight penalty on D (L2 1e-2).',
    // CLI (exp, seed 1): with D L2 1e-2, D's layer L2 norms 1.0/1.2/0.88 at step 500 → 0.04/0.01/0.15 at 1500
    // (plain run: 2.5/15.5/2.4), D(real) = D(fake) = 0.50, high-quality share 0.2–0.4% (plain: 7.6% at 1500).
    config: RING,
    twin: { b: { l2D: 0.01 } },
    explanation:
      'Two runs from the same starting point, in lockstep. B adds λ·Σw² to D’s loss with λ = 1e-2; A has no penalty. A little L2 keeps D smooth; this much shrinks every weight towards 0, so B’s D can only draw a soft, blurry boundary. Its feedback to G is weak and vague. Compare the two runs chart by chart: any difference is the penalty’s doing.',
    watch: [
      'The D(x) chart: B’s dashed D(real) and D(fake) close in on 0.5 — B’s D can no longer tell real from fake — while A’s solid ones stay apart.',
      'The Weight penalties chart: B’s dashed D L2 line rises at first and then falls as its weights shrink; A has none.',
      'The two points views: B’s background turns flat (one colour) and its points stay smeared around the ring; A’s sharpen onto the clusters.',
      'Pin A as a baseline, then try a gentler L2 for B (1e-4) in a new twin and compare against it.',
    ],
  },
  {
    id: 'l1-sparse',
    title: 'L1 on D, side by side: a sparse D',
    summary: 'A twin: A without, B with an L1 penalty (1e-3) that drives D’s weights to exactly 0.',
    // CLI (exp, seed 1): D's near-zero share 0.6% → 94% at step 500 → 99.7% at 1500; G's stays 0.7%;
    // G then covers 3–4 of the 8 modes.
    config: RING,
    twin: { b: { l1D: 1e-3 } },
    explanation:
      'Two runs from the same starting point, in lockstep. B adds λ·Σ|w| to D’s loss with λ = 1e-3. L1’s pull towards 0 is the same size for a tiny weight as for a big one, so weights that do not earn their keep are pushed all the way to 0 — unlike L2, which only shrinks them. At this strength almost all of B’s discriminator weights are gone within a few hundred steps.',
    watch: [
      'The Weight penalties chart: B’s dashed D L1 line falls steadily as its D sheds weights; A has none.',
      'The D(x) chart: B’s D(real) and D(fake) drift together — a D with few weights left says less.',
      'The two points views: with a D that teaches little, B’s generator covers fewer of the eight clusters than A’s.',
      'Try a gentler L1 for B (1e-4, with “B” chosen as the target) and watch its line stop falling.',
    ],
  },
  {
    id: 'lr-imbalance',
    title: 'Learning rates out of balance',
    summary: 'D learns 10× slower than G: G collapses into one blob.',
    // CLI (exp, seed 1): lrD 1e-4 → modes 0 of 8 at steps 750–1500, D's weight norms frozen
    // (1.97/11.3/1.33), G's first layer shrinking 3.4 → 1.5; balanced 1e-3/1e-3 → 8 of 8 by 1500.
    config: { ...RING, lrG: 1e-3, lrD: 1e-4 },
    explanation:
      'GAN training is a two-player game, and each player’s learning rate sets its pace. Here the discriminator learns ten times slower than the generator. D’s opinion of the plane hardly changes, so G simply runs to wherever D currently says “real” — one spot — and all of its points collapse there instead of spreading over the eight clusters.',
    watch: [
      'The points view: the purple points shrink into one blob that drifts, while D’s background barely changes.',
      'Quality: “Modes” falls to 0/8 and stays there.',
      'The Weights view: D’s L2 norms stay at ×1.00 (D is hardly learning) while G’s first layer shrinks (G stops using its noise).',
      'Press the button to balance the learning rates and watch G spread out again.',
    ],
    tryIt: { label: 'Balance them (both 1e-3)', values: { lrG: 1e-3, lrD: 1e-3 } },
  },
  {
    id: 'dirac',
    title: 'The Dirac-GAN: circling vs converging',
    summary: 'One parameter each for G and D: watch (θ, ψ) circle, then spiral in with R1.',
    config: DIRAC,
    explanation:
      'The smallest GAN there is (Mescheder, Geiger & Nowozin, 2018): all real data is the number 0, G(z) = θ and D(x) = ψ·x. The goal is θ = 0, ψ = 0. Plain gradient steps do not walk there: G and D keep chasing each other around it, and the path circles for a long time. Add the R1 penalty and the path spirals straight in.',
    watch: [
      'The (θ, ψ) plot: the path goes round and round the green equilibrium, shrinking only slowly.',
      'Press “Turn on R1 (γ = 1)”: within about 150 steps the path spirals into (0, 0).',
      'The Gradient penalties chart shows the R1 term dying away as ψ reaches 0.',
    ],
    tryIt: { label: 'Turn on R1 (γ = 1)', values: { r1Gamma: 1 } },
  },
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
