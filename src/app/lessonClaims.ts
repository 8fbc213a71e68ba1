/**
 * What each lesson says the app will show, as numbers, in one place: the lesson text
 * (lessons.ts) quotes them and the lesson suite (e2e/lesson-claims.spec.ts) checks them in the
 * built app at 60, 120 and 180 s. Each lesson pauses its run at `stopAtStep`: a browser passes
 * step 1,500 of the ring in about 20 s here and much sooner on a fast laptop, and left alone the
 * runs change their story (the collapsed ring of "Mode collapse" covers it after ~5,000 steps).
 * Every claim holds from `fromStep` (a slow machine passes it well within the first minute) up to
 * the cap. Training is reproducible step for step, and a capped run measures its quality every
 * 250 steps and at the cap (src/worker/liveRun.ts), so the read-outs a lesson shows are the same
 * on every run and every machine speed: in Chromium (threaded wasm) they equal the Node
 * measurements quoted below (wasm, seed 1, modes on 2,500 points, every 250 steps; docs/lessons.md).
 */
import type { MetricKey } from '../core/metrics/stepMetrics';

export interface Range {
  min: number;
  max: number;
}

export type RunKey = 'A' | 'B';

export interface LessonClaims {
  /** The run pauses itself here; the panel says so. */
  stopAtStep: number;
  /** The claims hold from this step up to the cap. */
  fromStep: number;
  /** Modes covered (of 8) by run A (the run, outside a twin), as the quality read-out shows it. */
  modesA?: Range;
  /** Twin run B's modes covered. */
  modesB?: Range;
  /** High-quality share (%) of run A (the run) and of twin run B. */
  hqA?: Range;
  hqB?: Range;
  /**
   * |D(real) − D(fake)| of `run`, from the D(x) chart, at most `max`: D cannot tell them apart.
   * The chart's newest value is one step's batch, read at whatever step the clock lands on (B's
   * gap in the L1 twin was 0.049 at step 537), so the bound has room; A's gap is about 0.2.
   */
  dGap?: { run: RunKey; max: number };
  /** Twin lessons: the run with the higher high-quality share, from `fromStep` on. */
  winner?: RunKey;
  /**
   * A penalty line (the chart's newest value of `run`) and where it goes: "falls" means every
   * reading from `fromStep` on is below `by` × the line's first reading; "rises" the reverse.
   * Readings are not compared with each other: a penalty that has levelled off wobbles (B's D L1
   * in the L1 twin went 0.044 → 0.052 between two checks in Chromium after falling from 0.97).
   */
  line?: { key: MetricKey; run: RunKey; trend: 'falls' | 'rises'; by: number };
  /**
   * After the lesson's "try it" button: the run carries on to a new cap and reaches `modesA.min`
   * (or a radius below `radiusBelow`) by then. Counted in steps, not seconds: a class's laptop may
   * be slow or busy (a CI run with two CPU hogs took longer than the 90 s once claimed).
   */
  tryIt?: { stopAtStep: number; modesA?: Range; radiusBelow?: number; checkerA?: Range };
  /** The Dirac-GAN: distance of (θ, ψ) to (0, 0) stays in this range (it circles, not converges). */
  radius?: Range;
  /** Image twin lessons: the run with the lower FID (the read-out's value), from `fromStep` on. */
  fidWinner?: RunKey;
  /** Image lessons: run A's checkerboard energy (%), the read-out's "Checkerboard" value. */
  checkerA?: Range;
  /**
   * Image runs that hold reals out: the "gap" on D's overfitting read-out (D on training reals minus
   * D on held-out reals, src/core/train/overfitting.ts), from `fromStep` on. Run A's stays at `min`
   * or more: a memorising D rates the reals it trained on above the ones it never saw. Twin run B's
   * stays within ±`max`: the two real lines together.
   */
  gapA?: { min: number };
  gapB?: { max: number };
  /** An image run: "Classes n/10" on the quality read-out (classes covered, of the set's 10) stays in this range. */
  classesA?: Range;
  /**
   * A conditional run, measured in Node only (no read-out shows it): at the cap, the share (%) of
   * 200 samples asked for class `classIndex` that the shipped classifier reads as that class.
   */
  classRead?: { classIndex: number; percent: number };
}

export const LESSON_CLAIMS = {
  // Node (wasm, seed 1): modes 0, 0, 0 of 8 at steps 250/500/750, high quality 0.0/1.4/2.7%;
  // left alone it starts to escape (1 of 8, 11.8% at step 1,000). From step 750, lrG back to 1e-3:
  // 2 of 8 (18.2%) at 1,000, 7 of 8 (42.8%) at 1,250. R1 instead (γ = 30 from step 750: the R1
  // term jumps to ~150, modes 0–1 of 8 up to step 2,000; γ = 5: 0 of 8 at 1,000) does not undo it.
  'mode-collapse': {
    stopAtStep: 750,
    fromStep: 250,
    modesA: { min: 0, max: 1 },
    hqA: { min: 0, max: 6 },
    tryIt: { stopAtStep: 1250, modesA: { min: 6, max: 8 } },
  },
  // Node: modes 0, 0, 2, 2, 3, 0 of 8 at steps 250…1,500, high quality 0.6, 2.5, 12.2, 14.6, 21.2,
  // 10.0%; the R1 term stays under 0.1.
  'r1-fix': { stopAtStep: 1500, fromStep: 750, modesA: { min: 0, max: 3 }, hqA: { min: 3, max: 30 } },
  // A is "Mode collapse" (0 of 8, 2.7% at step 750; 1 of 8, 11.8% at 1,000), B "R1 fixes it"
  // (2 of 8, 12.2%; 2 of 8, 14.6%).
  'r1-twin': { stopAtStep: 1000, fromStep: 750, modesA: { min: 0, max: 1 }, modesB: { min: 0, max: 3 }, winner: 'B' },
  // A (Node, wasm, seed 1): modes 0, 0, 1, 6, 7 of 8 at steps 250…1,250, high quality 0.4, 3.9,
  // 11.8, 43.9, 47.0%, D(real) 0.59–0.62 against D(fake) 0.37–0.41 from step 500. B: 0 of 8,
  // 0.2–0.5%, D(real) = D(fake) = 0.50, its D L2 term 0.19 at step 250 → 5e-3 at 500 → 1e-6 at 1,250.
  'l2-too-strong': {
    stopAtStep: 1250,
    fromStep: 500,
    modesB: { min: 0, max: 1 },
    dGap: { run: 'B', max: 0.1 },
    winner: 'A',
    line: { key: 'dL2', run: 'B', trend: 'falls', by: 0.1 },
  },
  // B (Node, 1 D step): 0 of 8, 0.2–0.5%, D(real) = D(fake) = 0.50, its D L1 term 0.55 at step 250
  // → 0.11 at 500 → 0.015 at 1,250.
  'l1-sparse': {
    stopAtStep: 1250,
    fromStep: 500,
    modesB: { min: 0, max: 1 },
    dGap: { run: 'B', max: 0.1 },
    winner: 'A',
    line: { key: 'dL1', run: 'B', trend: 'falls', by: 0.5 },
  },
  'lr-imbalance': { stopAtStep: 1500, fromStep: 250, modesA: { min: 0, max: 1 } },
  // Emoji, the article's DCGAN (Node, wasm, seed 1, the app's measure on 1,000 samples): checkerboard
  // energy 1.12% at step 250, 0.33% at 400 (real emoji 0.024%). The try-it's resize-conv preset:
  // 0.035% at 250, 0.031% at 400 (the try-it stops at 250: the resize-conv step is the slower).
  checkerboard: { stopAtStep: 400, fromStep: 250, checkerA: { min: 0.2, max: 2 }, tryIt: { stopAtStep: 250, checkerA: { min: 0, max: 0.1 } } },
  // MNIST, the article's DCGAN: A's classifier FID 63.5 at step 250, 105.6 at 500 (it comes apart
  // for a while), 54.8 at 750; B (D L2 1e-2) 62.6, 82.9, 53.3. With 256 reals held out (another data
  // order) B was also the lower at each of steps 250…1,000 (A 75.1, 68.2, 60.2, 54.5; B 68.1, 65.7,
  // 51.5, 44.7). The claim is read at step 500, where the gap is widest and a float-order change in
  // another browser cannot flip it (the margins at 250 and 750 are 1–3%).
  'l2-images': { stopAtStep: 500, fromStep: 400, fidWinner: 'B' },
  // Conditional MNIST at the recommended preset (resize28-small, hinge, spectral norm, G_ema), Node,
  // wasm, seed 1, quality every 250 steps as a capped run measures it: classes covered 9 of 10 at
  // step 250 and 10 of 10 at 500 (confident samples 54.8% → 65.8%, classifier FID 34.1 → 25.4,
  // floor 1.84; a run resumed from step 300/400 gave the same step-500 numbers). At
  // step 500, `npm run sample -- --class 7 --n 200 --seed 1` read as 7 by the classifier: 82.5%
  // (class 3: 98.0%, class 8: 63.0%; every class 60.5–100%; docs/conditional.md).
  'ask-digit': { stopAtStep: 500, fromStep: 250, classesA: { min: 9, max: 10 }, classRead: { classIndex: 7, percent: 82.5 } },
  // Emoji, the first 256 only, resize32-small with spectral norm, hinge and G_ema, 256 reals held out
  // (Node, wasm, the app's measures). D's gap (training reals − held-out reals) at steps 250 / 500:
  // A (no augmentation) seed 1: 0.348 / 0.472 (held-out −0.640 / −0.461, fakes −0.765 / −0.369),
  // seed 2: 0.140 / 0.627; B (DiffAugment, p = 1, all three transforms) seed 1: 0.022 / 0.111, seed
  // 2: −0.026 / −0.083. A's gap at 250 is small with seed 2, so the claim is read at the cap (500).
  // FID at 500: seed 1 A 285.3, B 312.7; seed 2 A 268.1, B 252.2: no winner, so no FID claim.
  'small-data': { stopAtStep: 500, fromStep: 400, gapA: { min: 0.3 }, gapB: { max: 0.2 } },
  // Emoji, the whole set, the same model: A samples from G, B from G_ema (half-life 10k images);
  // both train the same networks. FID at steps 250 / 500, seed 1: G 233.2 / 177.9, G_ema 195.5 /
  // 157.3 (checkerboard 0.056 / 0.196% against 0.035 / 0.049%); seed 2: G 142.7 / 172.3, G_ema
  // 112.1 / 116.8. At 750 (seed 1) G 171.3, G_ema 179.8, so the lesson stops at 500.
  'ema-average': { stopAtStep: 500, fromStep: 250, fidWinner: 'B' },
  dirac: {
    stopAtStep: 20000,
    fromStep: 2000,
    radius: { min: 0.005, max: 0.2 },
    tryIt: { stopAtStep: 24000, radiusBelow: 0.005 },
  },
} as const satisfies Record<string, LessonClaims>;

export type LessonId = keyof typeof LESSON_CLAIMS;

export function claimsOf(id: string): LessonClaims | undefined {
  return (LESSON_CLAIMS as Record<string, LessonClaims>)[id];
}

/** "0–2", "6–8", "0": a range as the lesson text writes it. */
export function rangeText({ min, max }: Range): string {
  return min === max ? String(min) : `${min}–${max}`;
}

/** 3000 → "3,000". */
export function stepText(step: number): string {
  return step.toLocaleString('en-US');
}
