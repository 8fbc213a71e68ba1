/**
 * Every lesson, run in the built app as a class would watch it, checked against what its text
 * claims (issue 22): at 60, 120 and 180 s, the modes of each run in the stated range, the twin
 * that wins, the penalty line that falls, the Dirac path's distance to (0, 0); then the lesson's
 * "try it" button and what it promises by its new cap. The numbers come from
 * src/app/lessonClaims.ts, the file the lesson text quotes. Each lesson pauses itself at a set
 * step and measures its quality every 250 steps and at the cap, and training is reproducible step
 * for step, so every quality reading is the same whatever the machine's load: a check reads the
 * newest one (its step is on the read-out) and, once the run has paused at its cap, the cap's.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { LessonClaims, Range, RunKey } from '../src/app/lessonClaims';
import { LESSONS, lessonText } from '../src/app/lessons';
import { openApp, stepCount } from './helpers';

const CHECK_AT_S = [60, 120, 180];

async function openLesson(page: Page, title: string) {
  await page.getByRole('button', { name: /^Lessons/ }).click();
  await page.getByRole('menuitem', { name: new RegExp(title.replace(/[()]/g, '.')) }).click();
}

/** One quality reading; a measure the read-out does not show (points' modes on an image run) is NaN. */
interface Reading {
  /** The step the measurement was taken at. */
  step: number;
  modes: number;
  hq: number;
  /** The FID's own value, from "FID ≈ 33× the real-data floor (60.2)". */
  fid: number;
  /** "Checkerboard 0.38% (real images 0.02%)". */
  checker: number;
  /** An image run's "Classes n/10". */
  classes: number;
}

/** A run's quality read-out and its step; null before the first measurement. */
async function quality(page: Page, run: RunKey): Promise<Reading | null> {
  const el = page.getByTestId(run === 'B' ? 'quality-readout-B' : 'quality-readout');
  const [text, step] = await el.evaluate((e) => [e.textContent ?? '', e.getAttribute('data-step')]);
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  const r: Reading = {
    step: Number(step),
    modes: num(/Modes (\d+)\/8/),
    hq: num(/High quality (\d+(?:\.\d+)?)%/),
    fid: num(/real-data floor \((\d+(?:\.\d+)?)\)/),
    checker: num(/Checkerboard (\d+(?:\.\d+)?)%/),
    classes: num(/Classes (\d+)\/\d+/),
  };
  const points = Number.isFinite(r.modes) && Number.isFinite(r.hq);
  return step !== null && (points || Number.isFinite(r.fid)) ? r : null;
}

/** D's overfitting read-out of a run (an image run holding reals out): "… gap 0.47 · r_t -0.14", and its step. */
async function overfitting(page: Page, run: RunKey): Promise<{ step: number; gap: number; rt: number } | null> {
  const el = page.getByTestId(run === 'B' ? 'overfitting-readout-B' : 'overfitting-readout');
  if ((await el.count()) === 0) return null;
  const [text, step] = await el.evaluate((e) => [e.textContent ?? '', e.getAttribute('data-step')]);
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  return step === null ? null : { step: Number(step), gap: num(/gap (-?[\d.e+-]+)/), rt: num(/r_t (-?[\d.e+-]+)/) };
}

/** "3/8 12%" for points, "FID 60.2, checkerboard 0.38%" for images. */
const shown = (r: Reading) => (Number.isFinite(r.modes) ? `${r.modes}/8 ${r.hq}%` : `FID ${r.fid}, classes ${r.classes}, checkerboard ${r.checker}%`);

/** Once paused at its cap: waits for the cap's own quality reading of each run. */
async function capReadings(page: Page, twin: boolean, claims?: LessonClaims): Promise<void> {
  const cap = await stepCount(page);
  for (const run of twin ? (['A', 'B'] as const) : (['A'] as const)) {
    await expect.poll(async () => (await quality(page, run))?.step, { message: `${run}'s reading at the cap ${cap}` }).toBe(cap);
    if (claims?.gapA || claims?.gapB)
      await expect.poll(async () => (await overfitting(page, run))?.step, { message: `${run}'s overfitting reading at the cap ${cap}` }).toBe(cap);
  }
}

async function atCap(page: Page): Promise<boolean> {
  return (await page.getByTestId('lesson-cap').getAttribute('data-at-cap')) === 'true';
}

/** Waits until `seconds` after `t0`, or until the run has paused at its cap (nothing changes after). */
async function reach(page: Page, t0: number, seconds: number): Promise<void> {
  while (Date.now() - t0 < seconds * 1000 && !(await atCap(page))) await page.waitForTimeout(1000);
}

const inRange = (v: number, r: Range) => v >= r.min && v <= r.max;

async function lineValue(page: Page, claims: LessonClaims): Promise<number> {
  const { key, run } = claims.line!;
  return Number(await page.getByTestId(run === 'B' ? `latest-B-${key}` : `latest-${key}`).textContent());
}

async function checkClaims(page: Page, claims: LessonClaims, twin: boolean, label: string): Promise<string> {
  const step = await stepCount(page);
  // A slow browser may not be there yet: the lesson text says from which step its claims hold.
  if (step < claims.fromStep) return `step ${step}: before step ${claims.fromStep}, nothing claimed yet`;
  const notes = [`step ${step}`];
  if (claims.radius) {
    const r = Number(await page.getByTestId('dirac-radius').textContent());
    notes.push(`radius ${r}`);
    expect(inRange(r, claims.radius), `${label}: distance to (0, 0) ${r} in ${JSON.stringify(claims.radius)}`).toBe(true);
    return notes.join(', ');
  }
  const a = await quality(page, 'A');
  const b = twin ? await quality(page, 'B') : null;
  expect(a, `${label}: A's quality read-out`).not.toBeNull();
  notes.push(`A ${shown(a!)} (step ${a!.step})`);
  if (twin) {
    expect(b, `${label}: B's quality read-out`).not.toBeNull();
    notes.push(`B ${shown(b!)} (step ${b!.step})`);
  }
  if (claims.dGap) {
    const tag = claims.dGap.run === 'B' ? 'latest-B-' : 'latest-';
    const real = Number(await page.getByTestId(`${tag}dReal`).textContent());
    const fake = Number(await page.getByTestId(`${tag}dFake`).textContent());
    notes.push(`${claims.dGap.run}'s D(real) ${real}, D(fake) ${fake}`);
    expect(Math.abs(real - fake), `${label}: ${claims.dGap.run}'s D(real) and D(fake) together`).toBeLessThanOrEqual(claims.dGap.max);
  }
  // A reading taken before the claims' first step claims nothing yet.
  if (Math.min(a!.step, b?.step ?? Infinity) < claims.fromStep) return `${notes.join(', ')}: a reading from before step ${claims.fromStep}`;
  if (claims.classesA) expect(inRange(a!.classes, claims.classesA), `${label}: A's classes ${a!.classes} in ${JSON.stringify(claims.classesA)}`).toBe(true);
  if (claims.modesA) expect(inRange(a!.modes, claims.modesA), `${label}: A's modes ${a!.modes} in ${JSON.stringify(claims.modesA)}`).toBe(true);
  if (claims.modesB) expect(inRange(b!.modes, claims.modesB), `${label}: B's modes ${b!.modes} in ${JSON.stringify(claims.modesB)}`).toBe(true);
  if (claims.hqA) expect(inRange(a!.hq, claims.hqA), `${label}: A's high-quality share ${a!.hq}% in ${JSON.stringify(claims.hqA)}`).toBe(true);
  if (claims.hqB) expect(inRange(b!.hq, claims.hqB), `${label}: B's high-quality share ${b!.hq}% in ${JSON.stringify(claims.hqB)}`).toBe(true);
  if (claims.checkerA)
    expect(inRange(a!.checker, claims.checkerA), `${label}: A's checkerboard ${a!.checker}% in ${JSON.stringify(claims.checkerA)}`).toBe(true);
  for (const run of ['A', 'B'] as const) {
    const bound = run === 'A' ? claims.gapA : claims.gapB;
    if (!bound) continue;
    const o = await overfitting(page, run);
    expect(o, `${label}: ${run}'s overfitting read-out`).not.toBeNull();
    notes.push(`${run}'s gap ${o!.gap}, r_t ${o!.rt} (step ${o!.step})`);
    expect(o!.step, `${label}: ${run}'s overfitting reading from step ${claims.fromStep} on`).toBeGreaterThanOrEqual(claims.fromStep);
    if (claims.gapA && run === 'A') expect(o!.gap, `${label}: A's gap ${o!.gap} at least ${claims.gapA.min}`).toBeGreaterThanOrEqual(claims.gapA.min);
    if (claims.gapB && run === 'B') expect(Math.abs(o!.gap), `${label}: B's gap ${o!.gap} within ±${claims.gapB.max}`).toBeLessThanOrEqual(claims.gapB.max);
  }
  if (claims.fidWinner) {
    const [win, lose] = claims.fidWinner === 'A' ? [a!, b!] : [b!, a!];
    expect(win.fid, `${label}: ${claims.fidWinner} has the lower FID`).toBeLessThan(lose.fid);
  }
  if (claims.winner) {
    const [win, lose] = claims.winner === 'A' ? [a!, b!] : [b!, a!];
    expect(win.hq, `${label}: ${claims.winner} has the higher high-quality share`).toBeGreaterThan(lose.hq);
  }
  return notes.join(', ');
}

/**
 * With LESSON_SHOTS=dir, an image lesson's pictures at its cap, for the docs: D's overfitting
 * chart (a lesson with gap claims) and a twin's two sample grids (`<id>-overfitting.png`,
 * `<id>-grids.png`). Taken in the run the claims were checked in, so the pictures show those numbers.
 */
async function screenshotsAtCap(page: Page, id: string, claims: LessonClaims, twin: boolean): Promise<void> {
  const dir = process.env.LESSON_SHOTS;
  if (!dir) return;
  if (claims.gapA || claims.gapB) {
    const chart = page.getByTestId('chart-overfitting');
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: `${dir}/${id}-overfitting.png` });
    await page.locator('fieldset.setup').screenshot({ path: `${dir}/${id}-setup.png` });
  }
  if (twin && (await page.getByTestId('samples-canvas-B').count())) {
    const cap = String(claims.stopAtStep);
    await expect(page.getByTestId('samples-canvas-B')).toHaveAttribute('data-step', cap);
    const grids = page.getByTestId('twin-pictures');
    await grids.scrollIntoViewIfNeeded();
    await grids.screenshot({ path: `${dir}/${id}-grids.png` });
  }
}

/**
 * How long the try-it may take to show its effect before the test calls it stuck: a hang guard,
 * not the claim. The claim is in steps (by the new cap); the seconds it took are printed.
 */
const TRY_IT_GUARD_MS = 600_000;
/** The same for a run still on its way to its cap after the 180 s check. */
const CAP_GUARD_MS = 600_000;

for (const lesson of LESSONS) {
  const { claims } = lesson;
  const twin = lesson.twin !== undefined;
  // The English words (the suite runs the page in English).
  const words = lessonText(lesson);
  test(`lesson "${words.title}": its claims hold at 60, 120 and 180 s`, async ({ page }) => {
    test.setTimeout(1_500_000);
    // Every lesson opens from the ring, as a class would (the image lessons' resets among them).
    await openApp(page, 'dataset=ring8&batchSize=32');
    await openLesson(page, words.title);
    const t0 = Date.now();
    await expect(page.getByTestId('lesson-cap')).toContainText(`stops at step ${claims.stopAtStep.toLocaleString('en-US')}`);

    // The line's first reading, as soon as its run has a value past the first steps.
    let first = NaN;
    if (claims.line) {
      await expect.poll(() => lineValue(page, claims), { timeout: 60_000 }).toBeGreaterThan(0);
      first = await lineValue(page, claims);
    }
    let previous = first;
    // A first check soon after the claims start (on a fast machine the later ones all read the
    // cap). How long the browser took is printed, not asserted: a busy machine may take longer
    // than the 3 minutes a class watches, and the claims are in steps.
    await expect
      .poll(() => stepCount(page), { timeout: CAP_GUARD_MS, intervals: [1000], message: `the browser reaches step ${claims.fromStep}` })
      .toBeGreaterThanOrEqual(claims.fromStep);
    console.log(`${lesson.id}: step ${claims.fromStep} reached ${((Date.now() - t0) / 1000).toFixed(0)} s after the lesson began`);
    // …and a quality measurement taken there (the Dirac-GAN has none: its read-out is live). A
    // lesson whose claims start between two measurements waits for the next one: up to 250 steps,
    // which an image twin on a loaded 2-core machine takes minutes to train (0.7 steps/s seen).
    if (!claims.radius) {
      await expect
        .poll(async () => (await quality(page, 'A'))?.step ?? -1, { timeout: CAP_GUARD_MS, intervals: [1000] })
        .toBeGreaterThanOrEqual(claims.fromStep);
    }
    for (const s of [0, ...CHECK_AT_S]) {
      await reach(page, t0, s);
      if (!claims.radius && (await atCap(page))) await capReadings(page, twin, claims);
      const label = s ? `${lesson.id} at ${s} s` : `${lesson.id} past step ${claims.fromStep}`;
      let note = await checkClaims(page, claims, twin, label);
      if (claims.line) {
        const v = await lineValue(page, claims);
        note += `, ${claims.line.run}'s ${claims.line.key} ${first} → ${v}`;
        const { trend, by } = claims.line;
        if (trend === 'falls') expect(v, `${label}: the ${claims.line.key} line is below ${by} × its first reading`).toBeLessThan(first * by);
        else expect(v, `${label}: the ${claims.line.key} line is above ${by} × its first reading`).toBeGreaterThan(first * by);
        previous = v;
      }
      console.log(`${label}${(await atCap(page)) ? ' (paused at its cap)' : ''}: ${note}`);
    }
    if (claims.line) {
      const { trend, by } = claims.line;
      if (trend === 'falls') expect(previous).toBeLessThan(first * by);
      else expect(previous).toBeGreaterThan(first * by);
    }
    // The lesson's story ends at its cap: a browser slower than 3 minutes is waited for (a hang
    // guard), and the cap's own readings are checked.
    await expect.poll(() => atCap(page), { timeout: CAP_GUARD_MS, intervals: [1000], message: 'the run pauses at its cap' }).toBe(true);
    expect(await stepCount(page)).toBe(claims.stopAtStep);
    if (!claims.radius) {
      await capReadings(page, twin, claims);
      console.log(`${lesson.id} at its cap: ${await checkClaims(page, claims, twin, `${lesson.id} at its cap`)}`);
      await screenshotsAtCap(page, lesson.id, claims, twin);
    }

    if (!claims.tryIt || !words.tryIt) return;
    const after = claims.tryIt;
    const pressed = Date.now();
    await page.getByRole('button', { name: words.tryIt }).click();
    // A try-it that starts a new run: wait for the new run's first steps (the old one sat at its cap).
    if (lesson.tryIt?.config) await expect.poll(() => stepCount(page), { timeout: TRY_IT_GUARD_MS }).toBeLessThan(after.stopAtStep);
    await expect
      .poll(async () => (await atCap(page)) && (await stepCount(page)) === after.stopAtStep, { timeout: TRY_IT_GUARD_MS, intervals: [1000] })
      .toBe(true);
    if (after.modesA) {
      await capReadings(page, false);
      const { modes } = (await quality(page, 'A'))!;
      expect(inRange(modes, after.modesA), `${lesson.id}: after the try-it, A's modes ${modes} in ${JSON.stringify(after.modesA)}`).toBe(true);
    }
    if (after.checkerA) {
      await capReadings(page, false);
      const { checker } = (await quality(page, 'A'))!;
      expect(inRange(checker, after.checkerA), `${lesson.id}: after the try-it, A's checkerboard ${checker}% in ${JSON.stringify(after.checkerA)}`).toBe(true);
    }
    if (after.radiusBelow !== undefined) {
      expect(Number(await page.getByTestId('dirac-radius').textContent())).toBeLessThan(after.radiusBelow);
    }
    console.log(
      `${lesson.id}: "${words.tryIt}" did what it says by step ${await stepCount(page)}, ${((Date.now() - pressed) / 1000).toFixed(0)} s after the press`,
    );
  });
}

test('screenshot: a twin lesson at 1366×768, its cap line and the quality read-outs with their meanings', async ({ page }) => {
  test.skip(!process.env.LESSON_SCREENSHOT, 'set LESSON_SCREENSHOT=path.png to take it');
  test.setTimeout(240_000);
  await openApp(page, 'dataset=ring8&batchSize=32');
  await openLesson(page, process.env.LESSON_TITLE ?? 'L2 on D, side by side');
  await expect(page.getByTestId('quality-readout-B')).toContainText(/Modes \d\/8/, { timeout: 180_000 });
  await expect(page.getByTestId('quality-meanings')).toBeVisible();
  await page.screenshot({ path: process.env.LESSON_SCREENSHOT });
});
