/**
 * The "Lessons" menu as data: each lesson is a complete config (so nothing from the previous run
 * leaks in), a short explanation and what to watch. Choosing one resets the run onto its config and
 * trains it up to the step where the lesson stops. TF-free; `lessons.test.ts` checks every config
 * validates and its model fits its dataset, and that the text quotes the numbers of
 * lessonClaims.ts, which e2e/lesson-claims.spec.ts checks in the built app.
 */
import type { LiveHyperparams, TrainConfig } from '../core/config';
import { DEFAULT_CONFIG } from '../core/config';
import { LESSON_CLAIMS, rangeText, stepText, type LessonClaims } from './lessonClaims';

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
  /** What the text promises, as numbers (the run's cap among them): lessonClaims.ts. */
  claims: LessonClaims;
}

const C = LESSON_CLAIMS;

/**
 * The ring of 8 Gaussians at its recommended settings (batch 256, 2 D steps per G step, no decay:
 * the settings every number in lessonClaims.ts was measured at) with every regularizer off: the
 * base of the 2-D lessons. Alone it covers 6 of 8 modes by step 1,000 (44% high quality).
 */
const RING: TrainConfig = { ...DEFAULT_CONFIG, dataset: 'ring8', model: 'mlp2d', batchSize: 256, dSteps: 2 };

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

/** "0–2 of 8": a range of modes as the lesson text writes it. */
const modes = (r: { min: number; max: number }) => `${rangeText(r)} of 8`;

export const LESSONS: Lesson[] = [
  {
    id: 'mode-collapse',
    claims: C['mode-collapse'],
    title: 'Mode collapse on the ring',
    summary: 'No regularization and a generator 5× faster than D: G crowds into one blob.',
    config: { ...RING, lrG: 0.005 },
    explanation:
      'Eight tight clusters on a circle, no regularization, and a generator that learns five times faster than the discriminator. G finds a spot that fools D and crowds its points there faster than D can push it off, so it never spreads out over the eight clusters.',
    watch: [
      `The points view: the purple generated points gather in a blob instead of covering the eight clusters; the high-quality share stays at ${rangeText(C['mode-collapse'].hqA)}%.`,
      `Quality: “Modes” stays at ${modes(C['mode-collapse'].modesA)}.`,
      `Press “Balance the learning rates”: G slows to D’s pace (1e-3), the run carries on to step ${stepText(C['mode-collapse'].tryIt.stopAtStep)}, and by then “Modes” reaches ${C['mode-collapse'].tryIt.modesA.min} of 8 or more.`,
      'R1 alone (set “R1 penalty γ” to 30 instead) does not undo this collapse: the R1 line jumps as D is made flat at the data, then falls to almost 0, and G stays crowded.',
    ],
    tryIt: { label: 'Balance the learning rates', values: { lrG: 1e-3 } },
  },
  {
    id: 'r1-fix',
    claims: C['r1-fix'],
    title: 'R1 fixes it',
    summary: 'The same run with a strong R1 gradient penalty (γ = 30) on D: G spreads out.',
    config: { ...RING, lrG: 0.005, r1Gamma: 30 },
    explanation:
      'The same setup as “Mode collapse”, plus the R1 penalty from the first step: γ/2 times the squared slope of D at the real points. A D that cannot be steep at the data cannot fling G around, so G spreads out instead of crowding into one spot.',
    watch: [
      `Quality: from about step ${stepText(C['r1-fix'].fromStep)} the high-quality share is at ${rangeText(C['r1-fix'].hqA)}%, above that of “Mode collapse” (under 3% up to step 750), while “Modes” stays at ${modes(C['r1-fix'].modesA)}: R1 spreads G out, but in these steps few points settle onto the clusters.`,
      'The Gradient penalties chart: the R1 line stays near 0 — R1 works by keeping D flat at the data, not by being large.',
    ],
  },
  {
    id: 'r1-twin',
    claims: C['r1-twin'],
    title: 'R1 against mode collapse, side by side',
    summary: 'A twin: A collapses, B (the same run plus R1 γ = 30) spreads out.',
    // A twin starts both from the same weights, data order and noise: A is "Mode collapse", B "R1 fixes it".
    config: { ...RING, lrG: 0.005 },
    twin: { b: { r1Gamma: 30 } },
    explanation:
      'Two runs from the very same starting point — the same weights, the same data order, the same noise — trained in lockstep. A has no regularization and a generator five times faster than its discriminator, the recipe for mode collapse. B is identical except for the R1 penalty (γ = 30), which keeps D flat at the real points. Any difference you see comes from R1 alone.',
    watch: [
      `Quality: from about step ${stepText(C['r1-twin'].fromStep)} B’s high-quality share is the higher; A covers ${modes(C['r1-twin'].modesA)} modes and B ${modes(C['r1-twin'].modesB)}.`,
      'The two points views: A’s purple points crowd into a blob; B’s spread wider.',
      'The Gradient penalties chart: only B has an R1 line (dashed), and it stays near 0.',
      'Press “Keep B” to carry on with B alone.',
    ],
  },
  {
    id: 'l2-too-strong',
    claims: C['l2-too-strong'],
    title: 'L2 on D, side by side: a weak D',
    summary: 'A twin: A without, B with a heavy weight penalty on D (L2 1e-2).',
    config: RING,
    twin: { b: { l2D: 0.01 } },
    explanation:
      'Two runs from the same starting point, in lockstep. B adds λ·Σw² to D’s loss with λ = 1e-2; A has no penalty. A little L2 keeps D smooth; this much shrinks every weight towards 0, so B’s D can only draw a soft, blurry boundary. Its feedback to G is weak and vague. Compare the two runs chart by chart: any difference is the penalty’s doing.',
    watch: [
      'The Weight penalties chart: B’s dashed D L2 line starts at its highest and falls towards 0 as the penalty shrinks D’s weights; A has none.',
      'The D(x) chart: B’s dashed D(real) and D(fake) sit together at 0.5 — B’s D can no longer tell real from fake — while A’s solid ones stand apart.',
      `Quality: A’s high-quality share is the higher; B covers ${modes(C['l2-too-strong'].modesB)} modes.`,
      'Pin A as a baseline, then try a gentler L2 for B (1e-4) in a new twin and compare against it.',
    ],
  },
  {
    id: 'l1-sparse',
    claims: C['l1-sparse'],
    title: 'L1 on D, side by side: a sparse D',
    summary: 'A twin: A without, B with an L1 penalty (1e-3) that drives D’s weights to exactly 0.',
    config: RING,
    twin: { b: { l1D: 1e-3 } },
    explanation:
      'Two runs from the same starting point, in lockstep. B adds λ·Σ|w| to D’s loss with λ = 1e-3. L1’s pull towards 0 is the same size for a tiny weight as for a big one, so weights that do not earn their keep are pushed all the way to 0 — unlike L2, which only shrinks them. At this strength almost all of B’s discriminator weights are gone within a few hundred steps.',
    watch: [
      `The Weight penalties chart: B’s dashed D L1 line falls to under ${Math.round(C['l1-sparse'].line.by * 100)}% of where it started within a few hundred steps as its D sheds weights, then stays down with small wobbles; A has none.`,
      'The D(x) chart: B’s D(real) and D(fake) sit together at 0.5 — a D with few weights left says little.',
      `Quality: with a D that teaches little, B’s high-quality share stays below A’s; B covers ${modes(C['l1-sparse'].modesB)} modes.`,
      'Try a gentler L1 for B (1e-4, with “B” chosen as the target) and watch its line stop falling.',
    ],
  },
  {
    id: 'lr-imbalance',
    claims: C['lr-imbalance'],
    title: 'Learning rates out of balance',
    summary: 'D learns 10× slower than G: G collapses into one blob.',
    config: { ...RING, lrG: 1e-3, lrD: 1e-4 },
    explanation:
      'GAN training is a two-player game, and each player’s learning rate sets its pace. Here the discriminator learns ten times slower than the generator. D’s opinion of the plane hardly changes, so G simply runs to wherever D currently says “real” — one spot — and all of its points collapse there instead of spreading over the eight clusters.',
    watch: [
      'The points view: the purple points shrink into one blob that drifts, while D’s background barely changes.',
      `Quality: “Modes” stays at ${modes(C['lr-imbalance'].modesA)}.`,
      'The Weights view: D’s L2 norms hardly move (D is hardly learning) while G’s change.',
    ],
  },
  {
    id: 'dirac',
    claims: C.dirac,
    title: 'The Dirac-GAN: circling vs converging',
    summary: 'One parameter each for G and D: watch (θ, ψ) circle, then spiral in with R1.',
    config: DIRAC,
    explanation:
      'The smallest GAN there is (Mescheder, Geiger & Nowozin, 2018): all real data is the number 0, G(z) = θ and D(x) = ψ·x. The goal is θ = 0, ψ = 0. Plain gradient steps do not walk there: G and D keep chasing each other around it. Add the R1 penalty and the path spirals straight in.',
    watch: [
      `The (θ, ψ) plot: the path goes round and round the green equilibrium without reaching it; its distance to (0, 0) stays between ${C.dirac.radius.min} and ${C.dirac.radius.max}.`,
      `Press “Turn on R1 (γ = 1)”: the run carries on to step ${stepText(C.dirac.tryIt.stopAtStep)} and the path spirals into (0, 0) — the distance falls below ${C.dirac.tryIt.radiusBelow} by then.`,
    ],
    tryIt: { label: 'Turn on R1 (γ = 1)', values: { r1Gamma: 1 } },
  },
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
