import { describe, expect, it } from 'vitest';
import { formatErrors, LIVE_KEYS, validateConfig, validateLiveHyperparams } from '../core/config';
import { getDatasetSource } from '../core/data/registry';
import { modelsForShape } from '../core/models/specs';
import { i18n } from './i18n/i18n';
import { LESSON_CLAIMS, rangeText, stepText } from './lessonClaims';
import { LESSONS, lessonById, lessonText } from './lessons';

const english = i18n.getFixedT('en');
const chinese = i18n.getFixedT('zh-CN');

/** How each language writes what the claims check: "0–1 of 8" / "8 个中的 0–1 个", and so on. */
const PHRASES = {
  en: {
    words: english,
    modes: (r: string) => `${r} of 8`,
    classes: (r: string) => `covers ${r} of 10`,
    toStep: (s: number) => `to step ${stepText(s)}`,
    byThen: 'by then',
    reaches: (n: number) => `reaches ${n} of 8`,
    winner: { A: /A’s high-quality share is the higher|high-quality share stays below A’s/, B: /B’s high-quality share is the higher/ },
    line: (run: string, name: string, falls: boolean) => new RegExp(`${run}’s dashed ${name} line (starts at its highest and )?${falls ? 'falls' : 'rises'}`),
    lineNames: { dL2: 'D L2', dL1: 'D L1', r1: 'R1' } as Record<string, string>,
    dGap: /D\(real\) and D\(fake\) sit together at 0\.5/,
    fidWinner: { A: /A’s FID is the lower/, B: /B’s FID is the lower/ },
    radius: (min: number, max: number) => `between ${min} and ${max}`,
    risesAtFirst: /rises at first/,
    gapA: (n: number) => `A’s “gap” in the read-out is ${n} or more`,
    gapB: (n: number) => `B’s gap stays within ±${n}`,
  },
  'zh-CN': {
    words: chinese,
    modes: (r: string) => `8 个中的 ${r} 个`,
    classes: (r: string) => `覆盖 10 个中的 ${r} 个`,
    toStep: (s: number) => `到第 ${stepText(s)} 步`,
    byThen: '到那时',
    reaches: (n: number) => `达到 8 个中的 ${n} 个`,
    winner: { A: /A 的高质量占比更高|B 的高质量占比一直低于 A/, B: /B 的高质量占比更高/ },
    // The chart's legend names the line ("判别器 L2 惩罚", metrics.dL2 in zh-CN.ts).
    line: (run: string, name: string, falls: boolean) => new RegExp(`${run} 的虚线“${name}”.*${falls ? '(下降|降到)' : '上升'}`),
    lineNames: { dL2: '判别器 L2 惩罚', dL1: '判别器 L1 惩罚', r1: 'R1 惩罚' } as Record<string, string>,
    dGap: /D\(真实\) 和 D\(生成\) 一起停在 0\.5/,
    fidWinner: { A: /A 的 FID 更低/, B: /B 的 FID 更低/ },
    radius: (min: number, max: number) => `在 ${min} 到 ${max} 之间`,
    risesAtFirst: /先上升/,
    gapA: (n: number) => `A 的“差距”不低于 ${n}`,
    gapB: (n: number) => `B 的差距保持在 ±${n} 以内`,
  },
};

describe('lessons', () => {
  it('have unique ids, titles, an explanation and things to watch', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      for (const tr of [english, chinese]) {
        const w = lessonText(l, tr);
        expect(w.title.length).toBeGreaterThan(3);
        expect(w.explanation.length).toBeGreaterThan(40);
        expect(w.watch.length).toBeGreaterThan(0);
        expect(w.tryIt !== undefined, 'a try-it button has a label').toBe(l.tryIt !== undefined);
      }
      expect(lessonById(l.id)).toBe(l);
    }
    for (const tr of [english, chinese]) expect(new Set(LESSONS.map((l) => lessonText(l, tr).title)).size).toBe(LESSONS.length);
  });

  it('word the same lines in both languages, with no argument left unfilled', () => {
    for (const l of LESSONS) {
      const en = lessonText(l, english);
      const zh = lessonText(l, chinese);
      expect(zh.watch.length, l.id).toBe(en.watch.length);
      expect(zh.title).not.toBe(en.title);
      for (const line of [...en.watch, ...zh.watch]) expect(line, l.id).not.toMatch(/[{}]/);
      // Chinese text, not English left in place.
      expect(zh.explanation).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keep the English words the e2e suites look for', () => {
    const w = lessonText(lessonById('mode-collapse')!, english);
    expect(w.title).toBe('Mode collapse on the ring');
    expect(w.tryIt).toBe('Balance the learning rates');
    expect(w.watch[2]).toBe(
      'Press “Balance the learning rates”: G slows to D’s pace (1e-3), the run carries on to step 1,250, and by then “Modes” reaches 6 of 8 or more.',
    );
    expect(lessonText(lessonById('r1-fix')!, english).watch[0]).toContain('from about step 750 the high-quality share is at 3–30%');
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: config validates and its model fits its dataset', (_id, lesson) => {
    const v = validateConfig(lesson.config);
    expect(v.ok, v.ok ? '' : formatErrors(v.errors)).toBe(true);
    const source = getDatasetSource(lesson.config.dataset);
    expect(source, `dataset ${lesson.config.dataset}`).toBeDefined();
    expect(modelsForShape(source!.info.shape)).toContain(lesson.config.model);
  });

  it.each(LESSONS.filter((l) => l.tryIt).map((l) => [l.id, l] as const))('%s: the "try it" change is a valid live change or a valid new run', (_id, lesson) => {
    const { values, config } = lesson.tryIt!;
    expect(Object.keys(values).every((k) => (LIVE_KEYS as readonly string[]).includes(k))).toBe(true);
    expect(validateLiveHyperparams(values).ok).toBe(true);
    if (config) {
      const v = validateConfig(config);
      expect(v.ok, v.ok ? '' : formatErrors(v.errors)).toBe(true);
      expect(modelsForShape(getDatasetSource(config.dataset)!.info.shape)).toContain(config.model);
    }
  });

  it.each(LESSONS.filter((l) => l.twin).map((l) => [l.id, l] as const))('%s: a twin whose B adds one valid regularizer A lacks', (_id, lesson) => {
    const b = lesson.twin!.b;
    expect(validateLiveHyperparams(b).ok).toBe(true);
    for (const [k, v] of Object.entries(b)) {
      expect(lesson.config[k as keyof typeof lesson.config]).toBe(0);
      expect(v).toBeGreaterThan(0);
    }
  });

  const byLanguage = LESSONS.flatMap((l) => (['en', 'zh-CN'] as const).map((lang) => [l.id, lang, l] as const));
  it.each(byLanguage)('%s (%s): its text quotes the numbers the lesson suite checks (lessonClaims.ts)', (_id, lang, lesson) => {
    const p = PHRASES[lang];
    const c = lesson.claims;
    expect(c).toBe(LESSON_CLAIMS[lesson.id]);
    const words = lessonText(lesson, p.words);
    const text = words.watch.join('\n');
    expect(c.fromStep).toBeLessThan(c.stopAtStep);
    if (c.modesA) expect(text).toContain(p.modes(rangeText(c.modesA)));
    if (c.modesB) expect(text).toContain(p.modes(rangeText(c.modesB)));
    if (c.hqA) expect(text).toContain(`${rangeText(c.hqA)}%`);
    if (c.winner) expect(text).toMatch(p.winner[c.winner]);
    if (c.line) expect(text).toMatch(p.line(c.line.run, p.lineNames[c.line.key], c.line.trend === 'falls'));
    if (c.dGap) expect(text).toMatch(p.dGap);
    if (c.fidWinner) expect(text).toMatch(p.fidWinner[c.fidWinner]);
    if (c.checkerA) expect(text).toContain(`${rangeText(c.checkerA)}%`);
    if (c.radius) expect(text).toContain(p.radius(c.radius.min, c.radius.max));
    if (c.classesA) expect(text).toContain(p.classes(rangeText(c.classesA)));
    if (c.classRead) expect(text).toContain(`${c.classRead.percent}%`);
    if (c.gapA) expect(text).toContain(p.gapA(c.gapA.min));
    if (c.gapB) expect(text).toContain(p.gapB(c.gapB.max));
    if (c.tryIt) {
      expect(lesson.tryIt, 'a claim about the "try it" button needs the button').toBeDefined();
      // A try-it that starts a new run counts its steps from 0; one that changes live values carries the run on.
      if (!lesson.tryIt?.config) expect(c.tryIt.stopAtStep).toBeGreaterThan(c.stopAtStep);
      if (c.tryIt.checkerA) expect(text).toContain(`${c.tryIt.checkerA.max}%`);
      expect(text).toContain(p.toStep(c.tryIt.stopAtStep));
      expect(text).toContain(p.byThen);
      if (c.tryIt.modesA) expect(text).toContain(p.reaches(c.tryIt.modesA.min));
      if (c.tryIt.radiusBelow !== undefined) expect(text).toContain(String(c.tryIt.radiusBelow));
      // The line that tells the reader to press the button names it as the button is labelled.
      expect(text).toContain(`“${words.tryIt}”`);
    }
    // Claims the app cannot show are not made: no "rises at first and then falls" (issue 22).
    expect(text).not.toMatch(p.risesAtFirst);
  });

  it('covers the lessons the issues ask for; L2, L1 and R1-against-collapse are twins', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      'mode-collapse',
      'r1-fix',
      'r1-twin',
      'l2-too-strong',
      'l1-sparse',
      'lr-imbalance',
      'ask-digit',
      'dirac',
      'checkerboard',
      'l2-images',
      'small-data',
      'ema-average',
    ]);
    expect(lessonById('ask-digit')!.config).toMatchObject({ dataset: 'mnist', conditional: true, model: 'resize28-small' });
    expect(LESSONS.filter((l) => l.twin).map((l) => l.id)).toEqual(['r1-twin', 'l2-too-strong', 'l1-sparse', 'l2-images', 'small-data', 'ema-average']);
    // The image lessons: the article's DCGAN against the resize-conv model, and the article's L2 on D.
    expect(lessonById('checkerboard')!.config.model).toBe('dcgan32-small');
    expect(lessonById('checkerboard')!.tryIt!.config!.model).toBe('resize32-small');
    expect(lessonById('l2-images')!.config.model).toBe('dcgan28-small');
    expect(lessonById('dirac')!.config.model).toBe('dirac');
    // The augmentation lesson trains on a small set with reals held out, and pins its settings.
    expect(lessonById('small-data')!.config).toMatchObject({ dataset: 'emoji', model: 'resize32-small', trainLimit: 256, holdout: 256, augmentP: 0 });
    expect(lessonById('ema-average')!.config).toMatchObject({ dataset: 'emoji', model: 'resize32-small', emaKimg: 0, holdout: 256 });
    expect(lessonById('ema-average')!.twin!.b).toEqual({ emaKimg: 10 });
  });
});
