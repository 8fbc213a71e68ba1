/**
 * Headless training with the same core as the browser worker:
 *   npm run train -- --dataset ring8 --steps 3000 --seed 1 --out runs/ring
 * Writes metrics.csv, summary.json, run.ganrun, samples (samples.csv for points; samples.png +
 * samples.bin for images) and the generator as a TF.js model (generator/model.json + weights.bin)
 * to --out. `--resume run.ganrun --steps N` continues a saved run to step N.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatErrors } from '../src/core/config';
import { selectBackend } from '../src/core/backend/backend';
import { DATASET_SOURCES, getDatasetSource } from '../src/core/data/registry';
import { modeCoverage } from '../src/core/metrics/modeCoverage';
import {
  createQualityEvaluator,
  IMAGE_SAMPLE_COUNT,
  POINT_SAMPLE_COUNT,
  QUALITY_SAMPLE_SEED_OFFSET,
  type QualityEvaluator,
  type QualityValues,
} from '../src/core/metrics/qualityEvaluator';
import type { StepMetrics } from '../src/core/metrics/stepMetrics';
import { resolveConfig } from '../src/core/runConfig';
import { imageGridRGBA } from '../src/core/sampleGrid';
import { SAMPLE_GRID_SIDE, Trainer } from '../src/core/train/trainer';
import { TrainingLoop } from '../src/core/train/trainingLoop';
import { CliError, USAGE, parseCliArgs } from './lib/cliArgs';
import { nodeLoadContext } from './lib/nodeAssets';
import { writeGeneratorModel } from './lib/generatorFiles';
import { ensureDir, imagesToBytes, metricsCsv, pointsCsv, writeJson, writePng } from './lib/runOutputs';
import { runMain } from './lib/runMain';
import { RUN_FILE_NAME, openResume, qualityFromHistory, rowsFromHistory, writeRunFile } from './lib/runFileIo';

/** For datasets that name no `recommendedSteps`. */
const DEFAULT_STEPS = { points: 3000, image: 500 };

function listDatasets(): string {
  return DATASET_SOURCES.map(({ info }) => {
    const shape = info.kind === 'image' ? info.shape.join('x') : String(info.shape[0]);
    return `${info.id.padEnd(14)}  ${shape.padEnd(8)}  ${String(info.count).padEnd(6)}  ${info.licence}`;
  }).join('\n');
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`error: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  if (opts.listDatasets) {
    console.log(listDatasets());
    return 0;
  }
  const resume = opts.resume ? openResume(opts.resume, opts.config, opts.steps) : null;
  if (resume && !resume.ok) {
    console.error(`error: ${resume.message}`);
    return 2;
  }
  const saved = resume?.value.contents;
  const resolved = saved ? { ok: true as const, value: saved.snapshot.config } : resolveConfig(opts.config, (id) => getDatasetSource(id)?.info);
  if (!resolved.ok) {
    console.error(`error: ${formatErrors(resolved.errors)}`);
    return 2;
  }
  const config = resolved.value;
  const source = resume?.value.source ?? getDatasetSource(config.dataset)!;
  const steps = opts.steps ?? source.info.recommendedSteps ?? DEFAULT_STEPS[source.info.kind];

  const backend = await selectBackend(opts.backend);
  console.log(`backend: ${backend.name}${backend.reasons.length ? ` (${backend.reasons.join('; ')})` : ''}`);
  const dataset = await source.load(nodeLoadContext(config.seed));
  let trainer: Trainer;
  try {
    trainer = saved ? Trainer.fromSnapshot(saved.snapshot, dataset) : new Trainer(config, dataset);
  } catch (e) {
    console.error(`error: ${opts.resume}: ${(e as Error).message}`);
    return 2;
  }
  const firstStep = trainer.step;
  if (saved) console.log(`resuming ${opts.resume} at step ${firstStep}`);
  const s = trainer.summary;
  console.log(
    `dataset ${dataset.info.id} (${dataset.count} examples), model ${s.id}: G ${s.generatorParams.toLocaleString()} + D ${s.discriminatorParams.toLocaleString()} params${s.classes ? ` (class embeddings of ${s.classes} classes included)` : ''}, ` +
      `${(s.flopsPerImage / 1e6).toFixed(1)} MFLOP per image-step; ${steps} steps of batch ${config.batchSize}`,
  );

  let evaluator: QualityEvaluator | null = null;
  try {
    evaluator = await createQualityEvaluator(dataset, nodeLoadContext(config.seed));
  } catch (e) {
    console.warn(`quality measures off: ${(e as Error).message}`);
  }
  const qualityByStep: Map<number, QualityValues> = qualityFromHistory(saved?.history);
  // CPU seconds spent measuring, left out of the training CPU time like the wall time is.
  let measureCpuUs = 0;
  const cpuUs = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const measure = async () => {
    const before = cpuUs();
    if (evaluator) qualityByStep.set(trainer.step, await evaluator.evaluate(trainer));
    measureCpuUs += cpuUs() - before;
  };

  const rows: StepMetrics[] = rowsFromHistory(saved?.history);
  let lastLine = 0;
  // No messages to let in: the loop's yield is a microtask here.
  const clock = { now: () => performance.now(), yieldToEvents: async () => undefined };
  const loop = new TrainingLoop(trainer, clock, (batch) => {
    rows.push(...batch.rows);
    const last = batch.rows[batch.rows.length - 1];
    const now = performance.now();
    if (!last || (now - lastLine <= 1000 && trainer.step < steps)) return;
    lastLine = now;
    const rate = ((trainer.step - firstStep) * config.batchSize) / (batch.elapsedMs / 1000);
    const eta = (batch.elapsedMs / (trainer.step - firstStep)) * (steps - trainer.step);
    process.stdout.write(
      `\rstep ${trainer.step}/${steps}  epoch ${trainer.epoch}  D ${last.dLoss.toFixed(3)}  G ${last.gLoss.toFixed(3)}  ` +
        `${rate.toFixed(0)} img/s  ${formatDuration(batch.elapsedMs)} elapsed, ~${formatDuration(eta)} left   `,
    );
  });
  const cpuStart = cpuUs();
  const outcome = await loop.run({ steps: Math.max(0, steps - firstStep), everySteps: { every: opts.qualityEvery, run: measure } });
  if (outcome.kind === 'diverged') console.error(`\nerror: ${outcome.divergence.message}`);
  await measure();
  // Wall time is training time: the quality measurements are reported, not counted.
  const wallMs = loop.elapsedMs;
  // Training CPU seconds (user + system, this process): the wasm backend runs on one thread, so on
  // a busy shared machine this stays close to what the wall time would be on a quiet one.
  const trainCpuSec = (cpuUs() - cpuStart - measureCpuUs) / 1e6;
  process.stdout.write('\n');

  const out = resolve(opts.out);
  ensureDir(out);
  writeFileSync(join(out, 'metrics.csv'), metricsCsv(rows, qualityByStep));
  const summary: Record<string, unknown> = {
    config,
    backend: backend.name,
    backendReasons: backend.reasons,
    model: s,
    steps: trainer.step,
    epochs: trainer.epoch,
    wallTimeSec: +(wallMs / 1000).toFixed(2),
    trainCpuSec: +trainCpuSec.toFixed(2),
    imagesPerSec: +(((trainer.step - firstStep) * config.batchSize) / (wallMs / 1000)).toFixed(1),
    ...(saved ? { resumedFrom: { file: opts.resume, step: firstStep } } : {}),
    final: rows[rows.length - 1] ?? null,
    ...(evaluator
      ? {
          quality: qualityByStep.get(trainer.step) ?? null,
          qualityLabels: evaluator.labels,
          qualityHistory: [...qualityByStep].map(([step, values]) => ({ step, ...values })),
        }
      : {}),
  };
  const finalQuality = qualityByStep.get(trainer.step);
  if (finalQuality && evaluator) {
    console.log(
      Object.entries(finalQuality)
        .map(([k, v]) => `${evaluator!.labels[k] ?? k}: ${Number.isInteger(v) ? v : v.toFixed(3)}`)
        .join('; '),
    );
  }
  if (dataset.info.kind === 'points') {
    const points = await trainer.generate(POINT_SAMPLE_COUNT, config.seed + QUALITY_SAMPLE_SEED_OFFSET);
    writeFileSync(join(out, 'samples.csv'), pointsCsv(points, dataset.dim));
    const modes = dataset.info.modes;
    if (modes) {
      summary.modeCoverage = modeCoverage(points, modes.centers, modes.sigma);
    }
  } else {
    const [h, w, c] = dataset.info.shape;
    writePng(join(out, 'samples.png'), imageGridRGBA(await trainer.fixedSamples(), dataset.info.shape, SAMPLE_GRID_SIDE));
    writeFileSync(join(out, 'samples.bin'), imagesToBytes(await trainer.generate(IMAGE_SAMPLE_COUNT, config.seed + QUALITY_SAMPLE_SEED_OFFSET)));
    summary.samplesShape = [IMAGE_SAMPLE_COUNT, h, w, c];
  }
  writeJson(out, 'summary.json', summary);
  if (outcome.kind !== 'diverged') {
    const snapshot = { ...(await trainer.snapshot()), ...(saved?.snapshot.datasetPayload ? { datasetPayload: saved.snapshot.datasetPayload } : {}) };
    const why = writeRunFile(join(out, RUN_FILE_NAME), snapshot, rows, qualityByStep, evaluator?.labels ?? {});
    if (why) console.warn(`${RUN_FILE_NAME} not written: ${why}`);
  }
  // The sampling generator: G_ema when the run keeps one, as for the samples (a conditional one takes [z, classIndex]).
  await writeGeneratorModel(out, { config: trainer.config, generator: trainer.sampler, step: trainer.step, classNames: dataset.info.classNames });
  console.log(`${trainer.step} steps in ${formatDuration(wallMs)} (${summary.imagesPerSec} img/s on ${backend.name}); wrote ${out}`);
  trainer.dispose();
  evaluator?.dispose();
  return outcome.kind === 'diverged' ? 1 : 0;
}

runMain(() => main());
