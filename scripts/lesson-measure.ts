/**
 * Measures a lesson's config the way its claims are stated (src/app/lessonClaims.ts): trains it in
 * Node with the app's core (wasm, the config's seed) and prints, every N steps, the quality
 * measures the app shows and the mean of the penalty terms and D's outputs since the last line;
 * optionally applies a live change at a step (a lesson's "try it" button).
 *
 * Point sets: modes covered and the high-quality share on 2,500 points. Image sets: the read-out's
 * FID, classes covered and checkerboard energy on 1,000 samples, and D's overfitting measure (D on
 * training reals, held-out reals and fakes, r_t) when the config holds reals out.
 *
 *   npx tsx scripts/lesson-measure.ts '{"lrG":0.005,"dSteps":2}' 1250 250 '{"lrG":0.001}' 750
 *   npx tsx scripts/lesson-measure.ts '{"dataset":"emoji","model":"resize32-small","trainLimit":256,"holdout":256}' 1000 250
 *
 * Arguments: config fields over the ring's lesson base (ring8, mlp2d, batch 256), the last step,
 * the step between lines, then optionally live values and the step to apply them at. With
 * ALSO_RAW=1 and an averaged generator (emaKimg > 0), each line is followed by raw G's measures at
 * the same step ("Show raw G": the same training, so a run without G_ema would read the same).
 */
import { selectBackend } from '../src/core/backend/backend';
import type { LiveHyperparams } from '../src/core/config';
import { DEFAULT_CONFIG } from '../src/core/config';
import { getDatasetSource } from '../src/core/data/registry';
import { createQualityEvaluator, type QualityValues } from '../src/core/metrics/qualityEvaluator';
import type { StepMetrics } from '../src/core/metrics/stepMetrics';
import { resolveConfig } from '../src/core/runConfig';
import { Trainer } from '../src/core/train/trainer';
import { nodeLoadContext } from './lib/nodeAssets';

const TERMS = ['dL2', 'dL1', 'r1', 'dReal', 'dFake'] as const;

/** One line of an image run's measures, as the read-out and the overfitting chart show them. */
function imageLine(v: QualityValues): string {
  const parts = [`FID ${v.fid.toFixed(2)}`];
  if (v.classesCovered !== undefined) parts.push(`classes ${v.classesCovered}`);
  parts.push(`checkerboard ${v.checkerboard.toFixed(3)}%`);
  if (v.dHeldOut !== undefined) {
    const f = (x: number) => x.toFixed(3);
    parts.push(`D train ${f(v.dTrainReal)} held-out ${f(v.dHeldOut)} fakes ${f(v.dFake)} gap ${f(v.dTrainReal - v.dHeldOut)} r_t ${f(v.rt)}`);
  }
  return parts.join(', ');
}

async function main() {
  const [configJson = '{}', lastStep = '1500', every = '250', changeJson, changeAt = '0'] = process.argv.slice(2);
  await selectBackend('wasm');
  const base = { ...DEFAULT_CONFIG, dataset: 'ring8', model: 'mlp2d', batchSize: 256, ...(JSON.parse(configJson) as object) };
  const resolved = resolveConfig(base, (id) => getDatasetSource(id)?.info);
  if (!resolved.ok) throw new Error(`bad config: ${JSON.stringify(resolved.errors)}`);
  const config = resolved.value;
  const dataset = await getDatasetSource(config.dataset)!.load(nodeLoadContext(config.seed));
  const quality = await createQualityEvaluator(dataset, nodeLoadContext(config.seed));
  if (!quality) throw new Error(`no quality measure for ${config.dataset}`);
  const points = dataset.dim === 2;
  const trainer = new Trainer(config, dataset);
  const change = changeJson ? (JSON.parse(changeJson) as Partial<LiveHyperparams>) : null;
  const end = Number(lastStep);
  const each = Number(every);
  let rows: StepMetrics[] = [];
  const mean = (k: (typeof TERMS)[number]) => rows.reduce((s, r) => s + r[k], 0) / Math.max(rows.length, 1);
  const max = (k: (typeof TERMS)[number]) => rows.reduce((m, r) => Math.max(m, r[k]), 0);
  const t0 = performance.now();
  while (trainer.step < end) {
    if (change && trainer.step === Number(changeAt)) {
      trainer.setHyperparams(change);
      console.log(`step ${trainer.step}: set ${changeJson}`);
    }
    trainer.trainStep();
    if (trainer.pendingCount >= 50 || trainer.step % each === 0) rows.push(...(await trainer.flushMetrics()));
    if (trainer.step % each !== 0) continue;
    const v = await quality.evaluate(trainer);
    const terms = TERMS.map((k) => `${k} ${mean(k).toPrecision(3)}`).join(' ');
    const measures = points ? `modes ${v.modesCovered}/8, high quality ${v.highQuality.toFixed(1)}%` : imageLine(v);
    const took = `${((performance.now() - t0) / 1000).toFixed(0)} s`;
    console.log(`step ${trainer.step}: ${measures} | ${terms} (r1 max ${max('r1').toPrecision(3)}) [${took}]`);
    if (process.env.ALSO_RAW === '1' && !points && trainer.averagedGenerator) {
      // Sampling only: raw G and G_ema train the same, whichever the measure reads.
      trainer.setHyperparams({ sampleRawG: 1 });
      console.log(`step ${trainer.step} raw G: ${imageLine(await quality.evaluate(trainer))}`);
      trainer.setHyperparams({ sampleRawG: 0 });
    }
    rows = [];
  }
  trainer.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
