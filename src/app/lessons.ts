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
    id: 'l2-too-strong',
    title: 'L2 too strong: a weak D, blurry samples',
    summary: 'A heavy weight penalty on D leaves it unable to tell real from fake.',
    // CLI (exp, seed 1): D's layer L2 norms 1.0/1.2/0.88 at step 500 → 0.04/0.01/0.15 at 1500 (plain
    // run at batch 128: 2.5/15.5/2.4), D(real) = D(fake) = 0.50, high-quality share 0.2–0.4% (plain at batch 128: 7.6% at 1500).
    config: { ...RING, l2D: 0.01 },
    explanation:
      'L2 adds λ·Σw² to D’s loss. A little keeps D smooth; this much shrinks every weight towards 0, so D can only draw a soft, blurry boundary. Its feedback to G is weak and vague, and G’s points stay smeared around the ring instead of sharpening onto the eight clusters.',
    watch: [
      'The Weights view: D’s L2 norms fall far below their start (the “×start” column drops towards ×0.0) and almost all of its weights end up near 0.',
      'D(real) and D(fake) both sit at 0.5: D cannot tell real from fake any more.',
      'Quality: the high-quality share stays below 1% — G’s points never sharpen onto the clusters. Then lower D’s L2 (the button) and compare.',
    ],
    tryIt: { label: 'Lower D’s L2 to 1e-4', values: { l2D: 1e-4 } },
  },
  {
    id: 'l1-sparse',
    title: 'L1 makes D sparse',
    summary: 'An L1 penalty drives many of D’s weights to exactly 0.',
    // CLI (exp, seed 1): D's near-zero share 0.6% → 94% at step 500 → 99.7% at 1500; G's stays 0.7%.
    config: { ...RING, l1D: 1e-3 },
    explanation:
      'L1 adds λ·Σ|w| to D’s loss. Its pull towards 0 is the same size for a tiny weight as for a big one, so weights that do not earn their keep are pushed all the way to 0 — unlike L2, which only shrinks them. At this strength almost every one of the discriminator’s weights ends up at 0 within a few hundred steps.',
    watch: [
      'The Weights view: D’s histogram grows a spike at 0 and its “near zero” share climbs; G’s stays where it was.',
      'The Weight penalties chart: the D L1 term falls steadily as D sheds weights.',
      'At this strength D is left with too few weights to teach G much: G covers only 3–4 of the 8 modes. Try a gentler 1e-4 and compare.',
    ],
    tryIt: { label: 'Gentler L1 on D (1e-4)', values: { l1D: 1e-4 } },
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
